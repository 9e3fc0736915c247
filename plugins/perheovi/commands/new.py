"""`perheovi new DIR --county NAME`: a region's own repository, ready to build and publish.

A region keeps only what is its own (the catalogue, content pages, settings, workflows) and
installs perheovi as a package at one locked version, as a Pelican or MkDocs site does. The
files come from `scaffold/` in this package, with the county's municipalities, names and
today's date filled in; the example entries are marked as invented (`sample: true`) until the
coordinator replaces them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from ..catalogue.loader import check_catalogue
from ..catalogue.network import finnish_sort_key
from ..catalogue.reference import MUNICIPALITIES, OfficialMunicipality
from ..catalogue.schema import schemas
from ..catalogue.values import slugify
from .codeowners import codeowners

SCAFFOLD = Path(str(resources.files(__package__).joinpath("scaffold")))
FORMAT_REFERENCE = Path(str(resources.files("perheovi").joinpath("docs/catalogue.md")))
# Names that cannot be package data as they are (setuptools skips dot folders).
RENAMED = {"github": ".github", "gitignore": ".gitignore"}
EXAMPLE_MUNICIPALITY = "catalogue/municipalities/example.yaml"
MEMBER_MUNICIPALITY = "catalogue/municipalities/member.yaml"


class NewRegionError(Exception):
    """What stops `perheovi new`, told as a sentence."""


@dataclass(frozen=True)
class County:
    id: str
    name_fi: str
    name_sv: str
    short_fi: str
    short_sv: str
    members: tuple[OfficialMunicipality, ...]


def counties() -> dict[str, County]:
    """The wellbeing services counties of the official municipality list, by id."""
    grouped: dict[str, list[OfficialMunicipality]] = {}
    for municipality in MUNICIPALITIES.values():
        if municipality.county_fi:  # Helsinki and Åland are in no county
            grouped.setdefault(municipality.county_id, []).append(municipality)
    return {
        county_id: County(
            county_id,
            members[0].county_fi,
            members[0].county_sv,
            members[0].county_short_fi,
            members[0].county_short_sv,
            tuple(sorted(members, key=lambda m: finnish_sort_key(m.name_fi))),
        )
        for county_id, members in sorted(grouped.items())
    }


def find_county(text: str) -> County:
    """The county named by its id, Finnish or Swedish name or short name, or a unique start."""
    wanted = text.strip().casefold()
    found = counties()

    def names(county: County) -> list[str]:
        fields = (county.id, county.name_fi, county.name_sv, county.short_fi, county.short_sv)
        return [name.casefold() for name in fields]

    exact = [c for c in found.values() if wanted in names(c)]
    starts = [c for c in found.values() if any(n.startswith(wanted) for n in names(c))]
    matches = exact or starts
    if len(matches) == 1 and wanted:
        return matches[0]
    listed = ", ".join(sorted((c.short_fi for c in found.values()), key=finnish_sort_key))
    raise NewRegionError(
        f'"{text}" names {"no" if not matches else "more than one"} wellbeing services county; '
        f"give one of: {listed}"
    )


def placeholders(county: County, today: dt.date) -> dict[str, str]:
    first, second = county.members[0], county.members[1]
    return {
        "NAME_FI": county.name_fi.removesuffix(" hyvinvointialue") + " perhekeskus",
        "NAME_SV": f"Familjecentret i {county.short_sv}",
        "NAME_EN": f"{county.short_fi} family centre network",
        "COUNTY_FI": county.name_fi,
        "COUNTY_SV": county.name_sv,
        "COUNTY_EN": f"{county.short_fi} Wellbeing Services County",
        "CODES": ", ".join(f'"{m.code}"' for m in county.members),
        "CODE": first.code,
        "SLUG": slugify(first.name_fi),
        "SLUG2": slugify(second.name_fi),
        "MUNICIPALITY_FI": first.name_fi,
        "TODAY": today.isoformat(),
        "TERM_FROM": f"{today.year}-01-01",
        "TERM_UNTIL": f"{today.year + 1}-12-31",
        "VERSION": metadata.version("perheovi"),
        "UV_VERSION": tested_versions().get("uv", "0"),
    }


def tested_versions() -> dict[str, str]:
    """The exact versions perheovi was tested with (its own lock, written by `make lock`)."""
    text = (Path(__file__).parent / "tested-versions.txt").read_text("utf-8")
    return dict(line.split("==") for line in text.splitlines() if "==" in line)


def fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def scaffold_files() -> list[str]:
    """The scaffold's files, relative and with forward slashes, sorted."""
    return sorted(
        path.relative_to(SCAFFOLD).as_posix()
        for path in SCAFFOLD.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def _target_name(relative: str) -> str:
    first, _, rest = relative.partition("/")
    return "/".join(part for part in (RENAMED.get(first, first), rest) if part)


def create_region(target: Path, county: County, today: dt.date) -> list[str]:
    """Write the region's repository into `target` (new or empty); the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewRegionError(f"{target} already exists and is not empty; give a new folder")
    values = placeholders(county, today)
    files: dict[str, str] = {}
    for relative in scaffold_files():
        text = (SCAFFOLD / relative).read_text("utf-8")
        if relative == MEMBER_MUNICIPALITY:
            for member in county.members[1:]:
                own = dict(values, CODE=member.code, MUNICIPALITY_FI=member.name_fi)
                files[f"catalogue/municipalities/{slugify(member.name_fi)}.yaml"] = fill(text, own)
        elif relative == EXAMPLE_MUNICIPALITY:
            files[f"catalogue/municipalities/{values['SLUG']}.yaml"] = fill(text, values)
        else:
            files[_target_name(relative)] = fill(text, values)
    files.update(editor_files())
    for relative, text in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    owners = target / ".github" / "CODEOWNERS"  # from the files just written, as --write does
    catalogue, problems = check_catalogue(target / "catalogue")
    if problems:
        raise NewRegionError(f"the new catalogue does not pass the check: {problems[0].render()}")
    owners.write_text(codeowners(catalogue), "utf-8")
    return sorted([*files, ".github/CODEOWNERS"])


def editor_files() -> dict[str, str]:
    """What editors and providers read beside the catalogue, for this perheovi version: the
    JSON Schemas (schema/) and the format reference (docs/catalogue.md). Every repository of a
    catalogue (a region's, this project's) keeps a copy; `perheovi schema --check` says when
    the copy is of another version."""
    files = {f"schema/{name}": text for name, text in schemas().items()}
    files["docs/catalogue.md"] = FORMAT_REFERENCE.read_text("utf-8")
    return files
