"""The YAML reader builds data straight from libyaml's events: it must read what PyYAML's
composer reads, with the same positions, and keep its limits through aliases."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from perheovi.catalogue.yamlsource import MAX_DEPTH, parse_yaml_bytes

NULL = "tag:yaml.org,2002:null"


def composed(text: str):
    """The reference: PyYAML's own composer, every scalar kept as its text."""
    values = {}

    def convert(node, loc):
        values.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == NULL and node.style is None else node.value
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        return {key.value: convert(value, (*loc, key.value)) for key, value in node.value}

    return convert(yaml.compose(text, Loader=yaml.SafeLoader), ()), values


plain = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.sampled_from(["8.00-16.00", "mon-fri", "~", "null", "no", "2026-02-30"]),
)
trees = st.recursive(
    plain,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=8), inner, min_size=1, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(trees.filter(lambda t: isinstance(t, (dict, list))), st.sampled_from([None, True, False]))
def test_reads_what_the_composer_reads_with_the_same_positions(tree, flow):
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True)
    doc, problems = parse_yaml_bytes(text.encode("utf-8"), "f.yaml")
    data, positions = composed(text)
    assert problems == []
    assert doc.data == data
    assert doc.values == positions


# Plain text inside { } and [ ] with "?" and "-" in it: libyaml reads "apua? -lomake" as text,
# PyYAML's own parser ends the text at "?" and fails. The reader must give PyYAML's verdict.
flow_words = st.builds(
    str.__add__,
    st.sampled_from("aäk-"),
    st.text(alphabet="aäk?- ", max_size=10),
)


def flow_mapping(pairs: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs.items()) + "}"


def flow_sequence(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


flow_values = st.recursive(
    flow_words,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(flow_sequence),
        st.dictionaries(flow_words.map(str.strip), inner, min_size=1, max_size=3).map(flow_mapping),
    ),
    max_leaves=6,
)


def pyyaml_error(text: str):
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return error
    return None


@settings(max_examples=500, deadline=None)
@given(flow_values, st.sampled_from(["fi: {}\n", "name: {{fi: {}}}\n", "items:\n  - {}\n"]))
def test_question_marks_in_flow_text_get_the_verdict_of_pyyaml(value, template):
    text = template.format(value)
    doc, problems = parse_yaml_bytes(text.encode("utf-8"), "f.yaml")
    error = pyyaml_error(text)
    if error is None:
        data, positions = composed(text)
        assert problems == []
        assert doc.data == data
        assert doc.values == positions
    else:
        assert problems, f"PyYAML rejects {text!r}: {error.problem}"
        questions = [(p.line, p.column) for p in problems if p.code == "question_in_flow"]
        if questions:  # otherwise libyaml stopped at a syntax error of its own, later on
            assert questions[0] == (error.problem_mark.line + 1, error.problem_mark.column + 1)


def test_a_question_mark_in_flow_text_is_reported_at_the_question_mark():
    line = "summary: {fi: Tarvitsetko apua? -lomake, sv: Behöver du hjälp?}"
    _doc, problems = parse_yaml_bytes(f"name: {{fi: Palvelu}}\n{line}\n".encode(), "f.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (2, line.index("?") + 1, "question_in_flow"),
        (2, line.rindex("?") + 1, "question_in_flow"),
    ]
    assert (
        problems[0]
        .render()
        .endswith(
            'a question mark inside { } or [ ] must be in quoted text: other YAML tools read "?" '
            'there as the start of a field and stop; put the text in quotes, e.g. fi: "Tarvitsetko '
            'apua?"'
        )
    )


def test_a_question_mark_in_quoted_or_block_text_is_read():
    text = "a: {fi: \"Tarvitsetko apua? -lomake\"}\nb: Tarvitsetko apua? -lomake\nc: ['ok?']\n"
    doc, problems = parse_yaml_bytes(text.encode("utf-8"), "f.yaml")
    assert problems == []
    assert doc.data == {
        "a": {"fi": "Tarvitsetko apua? -lomake"},
        "b": "Tarvitsetko apua? -lomake",
        "c": ["ok?"],
    }


@pytest.mark.parametrize(
    "text",
    [
        # PyYAML fails on these tabs; libyaml reads them as spaces.
        "a:\tb\n",
        "a: b\tc\n",
        "a: b\t\n",
        "a: b \t# note\n",
        "a: [x,\ty]\n",
        "a: {fi:\tx}\n",
        "a:\n  - x\t# note\n",
        "a: |\t# note\n  x\n",
        # Tabs both accept: in quoted text, in block text, in comments.
        'a: "x\ty"\n',
        "a: 'x\n\ty'\n",
        "a: |\n  x\ty\n",
        "a: | # note\t\n  x\n",
        "a: b # note\tmore\n",
        "#\tnote\na: b\n",
    ],
)
def test_tabs_get_the_verdict_of_pyyaml(text):
    doc, problems = parse_yaml_bytes(text.encode("utf-8"), "f.yaml")
    error = pyyaml_error(text)
    if error is None:
        assert problems == []
        assert doc.data == composed(text)[0]
    else:
        place = (error.problem_mark.line + 1, error.problem_mark.column + 1)
        assert [(p.line, p.column, p.code) for p in problems] == [(*place, "loose_tab")]


def test_an_alias_repeats_the_value_with_its_positions():
    doc, problems = parse_yaml_bytes(b"a: &x {b: [1, 2]}\nc: *x\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": {"b": ["1", "2"]}, "c": {"b": ["1", "2"]}}
    assert doc.data["c"] is not doc.data["a"]  # a copy: editing one leaves the other
    assert doc.position(("c", "b", 1)) == (1, 15)
    assert doc.position(("c", "b"), key=True) == (1, 8)


def test_an_alias_used_as_a_key_is_checked_for_duplicates():
    _doc, problems = parse_yaml_bytes(b"&k name: x\n*k : y\n", "f.yaml")
    assert [p.code for p in problems] == ["duplicate_key"]
    assert (problems[0].line, problems[0].column) == (2, 1)


def test_nesting_through_aliases_counts_against_the_depth_limit():
    half = MAX_DEPTH // 2 + 1
    text = f"a: &a {'[' * half}x{']' * half}\nb: {'[' * half}*a{']' * half}\n"
    _doc, problems = parse_yaml_bytes(text.encode(), "f.yaml")
    assert [p.code for p in problems] == ["too_deep"]


def test_nesting_within_the_limit_through_aliases_is_read():
    quarter = MAX_DEPTH // 4
    text = f"a: &a {'[' * quarter}x{']' * quarter}\nb: {'[' * quarter}*a{']' * quarter}\n"
    _doc, problems = parse_yaml_bytes(text.encode(), "f.yaml")
    assert problems == []
