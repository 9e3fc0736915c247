"""The official list of Finnish municipalities that ships with the project (see data/README.md)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class OfficialMunicipality:
    code: str
    name_fi: str
    name_sv: str
    county_id: str
    county_fi: str
    county_sv: str
    county_short_fi: str  # "Keski-Suomi": the county's name without "hyvinvointialue"
    county_short_sv: str


def _read() -> dict[str, OfficialMunicipality]:
    text = resources.files(__package__).joinpath("data/municipalities.csv").read_text("utf-8")
    return {
        row["municipality_code"]: OfficialMunicipality(
            row["municipality_code"],
            row["name_fi"],
            row["name_sv_kotus"] or row["name_sv"],
            row["hva_id"],
            row["hva_name_fi"],
            row["hva_name_sv"],
            row["hva_short_fi"],
            row["hva_short_sv"],
        )
        for row in csv.DictReader(text.splitlines())
    }


MUNICIPALITIES: dict[str, OfficialMunicipality] = _read()
