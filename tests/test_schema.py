"""The JSON Schemas editors use: generated from the model, in sync, accepting the sample and
rejecting the mistakes a schema can express."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml
from conftest import DEMO_CATALOGUE, ROOT

SCHEMAS = ROOT / "schema"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2 core schema): dates and
    8:00-style values stay strings, only true/false are booleans."""


EditorLoader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag
        not in (
            "tag:yaml.org,2002:timestamp",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        )
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def schema_for(path) -> dict:
    first = path.read_text("utf-8").splitlines()[0]
    name = re.search(r"\$schema=(?:\.\./)+schema/(\S+)", first).group(1)
    return json.loads((SCHEMAS / name).read_text("utf-8"))


def validate(path) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema_for(path))
    data = yaml.load(path.read_text("utf-8"), Loader=EditorLoader)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def test_committed_schemas_are_generated_from_the_model():
    from perheovi.catalogue.schema import schemas

    for name, text in schemas().items():
        assert (SCHEMAS / name).read_text("utf-8") == text, (
            f"schema/{name} is out of date: run `perheovi schema --write`"
        )


def test_every_catalogue_file_names_its_schema_and_passes_it():
    files = sorted(DEMO_CATALOGUE.rglob("*.yaml"))
    assert DEMO_CATALOGUE / "region.yaml" in files
    for path in files:
        assert validate(path) == [], path


def minimal_copy(minimal):
    from perheovi.catalogue.schema import modeline

    for folder, kind in (("providers", "provider"), ("municipalities", "municipality")):
        for path in (minimal.path / folder).glob("*.yaml"):
            path.write_text(modeline(kind, 2) + "\n" + path.read_text("utf-8"), "utf-8")
    return minimal.path / "providers" / "county.yaml"


@pytest.mark.parametrize(
    "old, new",
    [
        ("    category: neuvola", "    catgory: neuvola"),  # unknown key
        ("    summary: {fi: Lapsen terveys.}\n", ""),  # missing field
        ("target_groups: [babies]", "target_groups: babies"),  # wrong type
        ("mon-fri: 8.00-16.00", "tusday: 8.00-16.00"),  # not a day
        ("        location: joensuu-talo", "        location: Joensuu Talo"),  # not an id
        ("languages: [fi, sv]", "languages: [fi, swedish]"),  # not ISO 639
        ("cost: free", "cost: gratis"),  # not a choice
        ("mon-fri: 8.00-16.00", "mon-fri: eight to four"),  # not an interval
        (
            "      - type: walk-in\n",
            "      - type: web\n        url: javascript:alert(1)\n      - type: walk-in\n",
        ),  # unsafe scheme
        ("reviewed: 2026-10-01", "reviewed: 1.10.2026"),  # not ISO date
    ],
)
def test_schema_rejects_what_the_checker_rejects(minimal, old, new):
    county = minimal_copy(minimal)
    assert validate(county) == []
    minimal.replace("providers/county.yaml", old, new)
    assert validate(county), f"the schema accepted: {new!r}"
