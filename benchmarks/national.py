"""A synthetic national catalogue: every Finnish municipality and county, deterministic from a seed.

    .venv/bin/python benchmarks/national.py OUTPUT_DIR [--seed 2026] [--scale 1.0]

At scale 1.0: 309 municipalities, 21 wellbeing services counties plus Helsinki and Åland, a
county provider per county with the basic services per municipality, NGOs and parishes, about
20,000 services and 2,000 meeting places with programmes. Everything is fictional and passes
`perheovi check`. The benchmark builds it; a test generates a small one and checks it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from perheovi.catalogue.taxonomy import CATEGORIES  # noqa: E402
from perheovi.catalogue.values import slugify  # noqa: E402

COUNTY_CATEGORIES = [
    c for c in CATEGORIES if c not in ("meeting-place", "family-benefits", "digital", "crisis-help")
]
NGO_CATEGORIES = [
    "parenting-support",
    "peer-support",
    "divorce-help",
    "nepsy",
    "multicultural",
    "youth-mental-health",
    "youth-substance-use",
    "violence-prevention",
]
DAYS = ["mon", "tue", "wed", "thu", "fri"]
TIMES = ["8.00-9.00", "9.00-10.00", "12.00-13.00", "8.00-11.00"]


def q(text: str) -> str:
    """A YAML double-quoted string (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def municipalities() -> list[dict]:
    text = (ROOT / "plugins" / "perheovi" / "catalogue" / "data" / "municipalities.csv").read_text(
        "utf-8"
    )
    rows = list(csv.DictReader(text.splitlines()))
    for row in rows:
        row["county"] = row["hva_id"] or ("HKI" if row["name_fi"] == "Helsinki" else "AX")
        row["slug"] = slugify(row["name_fi"])
    return rows


class Writer:
    def __init__(self, seed: int, scale: float):
        self.random = random.Random(seed)
        self.scale = scale
        self.phone_counter = 0

    def phone(self) -> str:
        self.phone_counter += 1
        prefix = self.random.choice(["040", "050", "044"])
        return f"{prefix} 000 {self.phone_counter % 10000:04d}"

    def hours(self, indent: str) -> str:
        day_range = self.random.choice(["mon-fri", "mon-thu", "tue-fri"])
        return (
            f"{indent}hours:\n{indent}  weekly:\n"
            f"{indent}    {day_range}: {self.random.choice(TIMES)}\n"
        )

    def service(self, sid: str, category: str, name: str, area: str, location: str | None) -> str:
        label = CATEGORIES[category].label
        lines = [
            f"  - id: {sid}",
            f"    category: {category}",
            f"    name: {{fi: {q(name)}, sv: {q(name + ' (sv)')}, en: {q(name + ' (en)')}}}",
            f"    summary: {{fi: {q(label['fi'] + ' perheille.')}, "
            f"sv: {q(label['sv'] + ' för familjer.')}}}",
            f"    description: {{fi: {q('Kuvitteellinen palvelu vertailua varten. ' * 3)}}}",
            f"    target_groups: [{self.random.choice(['families', 'parents', 'babies'])}]",
            f"    area: {area}",
            "    delivery: [location, remote]",
            "    languages: [fi, sv]",
            f"    cost: {self.random.choice(['free', 'free', 'fee'])}",
            "    contacts:",
            "      - type: phone",
            f"        number: {self.phone()}",
            self.hours("        ").rstrip("\n"),
            "      - type: eservice",
            f"        url: https://{sid}.example/asiointi",
        ]
        if location:
            lines += ["      - type: walk-in", f"        location: {location}"]
            lines.append(f"    locations: [{location}]")
        lines.append(
            f"    reviewed: 2026-0{self.random.randint(1, 9)}-1{self.random.randint(0, 9)}"
        )
        return "\n".join(lines) + "\n"

    def location(self, lid: str, name: str, municipality: dict) -> str:
        return (
            f"  - id: {lid}\n    name: {{fi: {q(name)}}}\n"
            f"    address: {{street: {q('Esimerkkikatu ' + str(self.random.randint(1, 99)))}, "
            f'postal_code: "{self.random.randint(10000, 99999)}", '
            f"municipality: {municipality['slug']}}}\n" + self.hours("    ")
        )

    def meeting_place(self, mid: str, location: str, name: str) -> str:
        programme = []
        for day in self.random.sample(DAYS, 3):
            programme.append(
                f"      - {{day: {day}, time: 9.30-11.00, name: {{fi: {q('Perhekerho ' + day)}}}}}"
            )
        return (
            f"  - id: {mid}\n    name: {{fi: {q(name)}}}\n"
            f'    summary: {{fi: "Avoin kohtaamispaikka lapsiperheille."}}\n'
            f"    location: {location}\n    target_groups: [families]\n"
            f"    languages: [fi]\n    terms:\n"
            f"      - {{from: 2026-08-17, until: 2026-12-18}}\n"
            f"      - {{from: 2027-01-11, until: 2027-05-28}}\n"
            f"    programme:\n" + "\n".join(programme) + "\n    reviewed: 2026-09-01\n"
        )

    def county(self, county: str, members: list[dict]) -> str:
        head = members[0]
        name = head["hva_name_fi"] or f"{head['name_fi']} ({county})"
        out = [
            f"kind: county\nname: {{fi: {q(name + ' (kuvitteellinen)')}}}\n"
            "reviewed: 2026-10-01\nlocations:\n"
        ]
        services = []
        per_category = max(1, round(2 * self.scale))
        for municipality in members:
            lid = f"{county.lower()}-{municipality['slug']}-perhekeskus"
            out.append(self.location(lid, f"{municipality['name_fi']}n perhekeskus", municipality))
            for category in COUNTY_CATEGORIES:
                for n in range(per_category):
                    sid = f"{county.lower()}-{municipality['slug']}-{category}-{n}"
                    name = f"{CATEGORIES[category].label['fi']} {municipality['name_fi']}"
                    services.append(
                        self.service(sid, category, name, f"[{municipality['slug']}]", lid)
                    )
        for category in ("digital", "crisis-help", "family-benefits"):
            sid = f"{county.lower()}-{category}"
            services.append(
                self.service(sid, category, CATEGORIES[category].label["fi"], "region", None)
            )
        out.append("services:\n")
        out.extend(services)
        return "".join(out)

    def ngo(self, slug: str, kind: str, members: list[dict], places_each: int) -> str:
        out = [
            f"kind: {kind}\nname: {{fi: {q(slug.replace('-', ' ').title())}}}\n"
            "reviewed: 2026-09-01\nlocations:\n"
        ]
        services, places = [], []
        for municipality in members:
            lid = f"{slug}-{municipality['slug']}"
            out.append(self.location(lid, f"{municipality['name_fi']} toimipiste", municipality))
            for category in self.random.sample(NGO_CATEGORIES, 6 if kind == "ngo" else 4):
                sid = f"{slug}-{municipality['slug']}-{category}"
                services.append(
                    self.service(
                        sid,
                        category,
                        f"{CATEGORIES[category].label['fi']} {municipality['name_fi']}",
                        f"[{municipality['slug']}]",
                        lid,
                    )
                )
            for n in range(places_each):
                places.append(
                    self.meeting_place(
                        f"{lid}-kohtaamispaikka-{n}",
                        lid,
                        f"Perhekahvila {municipality['name_fi']} {n}",
                    )
                )
        out.append("services:\n")
        out.extend(services)
        if places:
            out.append("meeting_places:\n")
            out.extend(places)
        return "".join(out)


def generate(
    target: Path, seed: int = 2026, scale: float = 1.0, limit: int | None = None
) -> dict[str, int]:
    """Write the catalogue into `target`; `limit` keeps the first N municipalities (tests)."""
    rows = municipalities()[:limit] if limit else municipalities()
    writer = Writer(seed, scale)
    (target / "municipalities").mkdir(parents=True, exist_ok=True)
    (target / "providers").mkdir(parents=True, exist_ok=True)
    codes = ", ".join(f'"{m["municipality_code"]}"' for m in rows)
    (target / "region.yaml").write_text(
        "name: {fi: Valtakunnallinen perhekeskushakemisto (kuvitteellinen), "
        "sv: Nationell familjecenterkatalog (fiktiv), en: National family centre directory "
        "(fictional)}\ncounty: {fi: Kaikki hyvinvointialueet}\n"
        f"municipalities: [{codes}]\n"
        "coordinator:\n  name: {fi: Koordinaattori}\n  email: koordinaattori@example.fi\n"
        'sample: true\nurgent_help:\n  - name: {fi: Hätänumero}\n    phone: "112"\n'
        "    hours: {always: true, holidays: open}\n",
        "utf-8",
    )
    for municipality in rows:
        (target / "municipalities" / f"{municipality['slug']}.yaml").write_text(
            f'code: "{municipality["municipality_code"]}"\n', "utf-8"
        )
    counties: dict[str, list[dict]] = {}
    for municipality in rows:
        counties.setdefault(municipality["county"], []).append(municipality)
    for county, members in sorted(counties.items()):
        (target / "providers" / f"county-{county.lower()}.yaml").write_text(
            writer.county(county, members), "utf-8"
        )
        for index in range(max(1, round(3 * scale))):
            chunk = members[index :: max(1, round(3 * scale))]
            if not chunk:
                continue
            (target / "providers" / f"ngo-{county.lower()}-{index}.yaml").write_text(
                writer.ngo(f"ngo-{county.lower()}-{index}", "ngo", chunk, 5), "utf-8"
            )
        (target / "providers" / f"parish-{county.lower()}.yaml").write_text(
            writer.ngo(f"parish-{county.lower()}", "parish", members, 2), "utf-8"
        )
    return {"municipalities": len(rows), "counties": len(counties)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--limit", type=int, help="only the first N municipalities")
    args = parser.parse_args(argv)
    print(generate(args.output, args.seed, args.scale, args.limit))


if __name__ == "__main__":
    main()
