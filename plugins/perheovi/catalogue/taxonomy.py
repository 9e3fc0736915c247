"""Service categories and target groups: the THL family-centre list with fi/sv/en labels.

The lists are data (`data/categories.yaml`, `data/target_groups.yaml`), shipped with the package
because they are national, not regional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import yaml

from ..i18n import LANGUAGES as LANGUAGES  # the languages of the labels and keywords

GROUPS = {
    "basic": {"fi": "Peruspalvelut", "sv": "Basservice", "en": "Basic services"},
    "specialist": {"fi": "Erityispalvelut", "sv": "Specialtjänster", "en": "Specialist services"},
    "school": {"fi": "Opiskeluhuolto", "sv": "Elevhälsa", "en": "School welfare"},
    "network": {
        "fi": "Perhekeskuksen muut palvelut",
        "sv": "Familjecentrets övriga tjänster",
        "en": "Other family-centre services",
    },
}


@dataclass(frozen=True)
class Category:
    id: str
    group: str
    label: dict[str, str]
    description: dict[str, str]
    ptv: str | None = None
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sensitive: bool = False  # its pages carry the quick exit


@dataclass(frozen=True)
class TargetGroup:
    id: str
    label: dict[str, str]
    ptv: str | None = None


def _load(name: str) -> list[dict]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


CATEGORIES: dict[str, Category] = {
    entry["id"]: Category(
        entry["id"],
        entry["group"],
        entry["label"],
        entry.get("description") or {},
        entry.get("ptv"),
        {lang: tuple(words) for lang, words in (entry.get("keywords") or {}).items()},
        entry.get("sensitive", False),
    )
    for entry in _load("categories.yaml")
}

TARGET_GROUPS: dict[str, TargetGroup] = {
    entry["id"]: TargetGroup(entry["id"], entry["label"], entry.get("ptv"))
    for entry in _load("target_groups.yaml")
}

BASIC_CATEGORIES = tuple(c.id for c in CATEGORIES.values() if c.group == "basic")

# The target groups that are a child's age (or the time before birth), in order: what a service
# path or one of its steps is for (`ages`), so that it lists only the services that fit.
AGE_GROUPS = ("expecting", "babies", "under-school-age", "school-age", "teenagers", "young-adults")
