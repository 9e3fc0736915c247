"""The YAML reader builds data straight from libyaml's events: it must read what PyYAML's
composer reads, with the same positions, and keep its limits through aliases."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from perheovi.yamlsource import MAX_DEPTH, parse_yaml_bytes

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
