"""Whatever the bytes, the loader returns a model or positioned problems; it never raises."""

from __future__ import annotations

import copy

import yaml
from conftest import MINIMAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from perheovi.catalogue.loader import read_source, validate_document
from perheovi.catalogue.network import link
from perheovi.catalogue.problems import Problem
from perheovi.catalogue.yamlsource import parse_yaml_bytes

KINDS = ("region", "municipality", "provider")
COUNTY_TEXT = (MINIMAL / "providers" / "county.yaml").read_text("utf-8")
COUNTY_DATA = yaml.safe_load(COUNTY_TEXT)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "mon-fri",
            "8.00-16.00",
            "25:00",
            "2026-02-30",
            "region",
            "fi",
            "javascript:alert(1)",
            "https://example.fi",
            "040 000 1234",
            "",
            "joensuu",
            "neuvola",
            "phone",
            "walk-in",
            "email",
            "true",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)


def assert_positioned(problems, source) -> None:
    assert (source is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1
        assert problem.render().startswith(f"{problem.path}:{problem.line}:{problem.column}: ")


def check_bytes(raw: bytes) -> None:
    for kind in KINDS:
        doc, problems = parse_yaml_bytes(raw, "fuzz.yaml")
        source = None
        if not problems:
            source, problems = validate_document(doc, kind, "fuzz")
        assert_positioned(problems, source)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw):
    check_bytes(raw)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_arbitrary_yaml_documents(data):
    check_bytes(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(COUNTY_TEXT)), st.text(max_size=8))
def test_valid_file_with_characters_inserted(position, inserted):
    check_bytes((COUNTY_TEXT[:position] + inserted + COUNTY_TEXT[position:]).encode("utf-8"))


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


COUNTY_PATHS = [path for path in _paths(COUNTY_DATA) if path]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(COUNTY_PATHS), documents)
def test_valid_file_with_one_value_replaced_then_linked(path, value):
    data = copy.deepcopy(COUNTY_DATA)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    raw = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False).encode("utf-8")
    doc, problems = parse_yaml_bytes(raw, "county.yaml")
    assert not problems
    source, problems = validate_document(doc, "provider", "county")
    assert_positioned(problems, source)
    if source:
        region, _ = read_source(MINIMAL / "region.yaml", "region.yaml", "region")
        towns = [
            read_source(MINIMAL / "municipalities" / f"{slug}.yaml", slug, "municipality")[0]
            for slug in ("joensuu", "lieksa")
        ]
        catalogue, problems = link([region, *towns, source])
        assert_positioned(problems, catalogue)
