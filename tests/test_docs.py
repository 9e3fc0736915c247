"""docs/catalogue.md documents every field of every record, every category and target group."""

from __future__ import annotations

import re
import typing

from conftest import ROOT
from perheovi.catalogue import model
from perheovi.catalogue.taxonomy import CATEGORIES, TARGET_GROUPS
from pydantic import BaseModel

DOC = (ROOT / "docs" / "catalogue.md").read_text("utf-8")


def records(root: type[BaseModel], seen=None):
    seen = seen if seen is not None else set()
    if root in seen:
        return seen
    seen.add(root)
    for field in root.model_fields.values():
        for inner in _types(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                records(inner, seen)
    return seen


def _types(annotation):
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types(arg)


def test_every_field_of_every_record_is_documented():
    missing = set()
    for record in set().union(*(records(m) for m in model.FILE_MODELS.values())):
        for name, field in record.model_fields.items():
            if f"`{field.alias or name}`" not in DOC:
                missing.add(f"{record.__name__}.{field.alias or name}")
    assert not missing, f"undocumented fields: {sorted(missing)}"


def test_every_category_and_target_group_is_in_the_tables():
    for category in CATEGORIES.values():
        assert re.search(
            rf"\| `{category.id}` \| {category.group} \| {re.escape(category.label['fi'])} \|", DOC
        )
    for group in TARGET_GROUPS.values():
        assert f"| `{group.id}` | {group.label['fi']} |" in DOC


def test_the_full_examples_in_the_docs_are_valid_yaml_fragments():
    import yaml

    blocks = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    assert len(blocks) >= 4
    for block in blocks:
        yaml.safe_load(block)


def test_the_complete_provider_example_passes_check(minimal):
    import re

    from perheovi.catalogue.loader import check_catalogue

    example = next(
        block for block in re.findall(r"```yaml\n(.*?)```", DOC, re.S) if block.count("\n") > 40
    )
    minimal.write("providers/example.yaml", example)
    minimal.replace("region.yaml", '["167", "422"]', '["167", "422", "541"]')
    minimal.write("municipalities/nurmes.yaml", 'code: "541"\n')
    catalogue, problems = check_catalogue(minimal.path)
    assert [p.render() for p in problems] == []
    assert "perheyhdistys-vertaisryhma" in catalogue.services
