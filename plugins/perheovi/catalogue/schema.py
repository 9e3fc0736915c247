"""JSON Schemas of the catalogue files, generated from the domain model (`perheovi schema`).

Editors read them through the modeline at the top of each file
(`# yaml-language-server: $schema=…`) and complete and check fields as people type. They are
committed; a test fails when they are out of date.
"""

from __future__ import annotations

import json

from .model import FILE_MODELS

SCHEMA_FILES = {
    "region": "region.schema.json",
    "municipality": "municipality.schema.json",
    "provider": "provider.schema.json",
    "path": "path.schema.json",
    "synonyms": "search-synonyms.schema.json",
}
TITLES = {
    "region": "perheovi region.yaml",
    "municipality": "perheovi municipality file",
    "provider": "perheovi provider file",
    "path": "perheovi service path",
    "synonyms": "perheovi search-synonyms.yaml",
}


def schemas() -> dict[str, str]:
    """File name -> JSON text, deterministic."""
    result = {}
    for kind, name in SCHEMA_FILES.items():
        schema = FILE_MODELS[kind].model_json_schema(by_alias=True, mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://perheovi.example/schema/{name}",
            **schema,
            "title": TITLES[kind],
        }
        result[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return result


def modeline(kind: str, depth: int) -> str:
    """The first line of a catalogue file, pointing editors at its schema."""
    return f"# yaml-language-server: $schema={'../' * depth}schema/{SCHEMA_FILES[kind]}"
