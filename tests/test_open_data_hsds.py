"""The open data (open-data/hsds/): every document is valid HSDS 3.0, and says what the pages say.

The schemas are the HSDS 3.0 files vendored in tests/data/hsds (see its README.md): each JSON
document is validated against the response schema the HSDS OpenAPI file gives its endpoint,
the CSV tables against the HSDS data package and the tabular schema. The facts are then read
back like a reuser would read them: the service's page, its numbers, its hours day by day.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import subprocess
import sys
import uuid
from functools import cache
from urllib.parse import quote, urlsplit

import pytest
from conftest import BUILD_EPOCH, ROOT, report_figure
from jsonschema import Draft202012Validator
from perheovi.builddate import build_date
from perheovi.catalogue.hours import day_hours
from perheovi.catalogue.programme import occurrences
from perheovi.catalogue.taxonomy import CATEGORIES, TARGET_GROUPS
from perheovi.catalogue.values import normalise_phone
from perheovi.interchange.hsds import hsds_files, hsds_id
from perheovi.site.filters import phone_display
from perheovi.site.sitemap import LOCAL_SITE_URL
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HSDS = ROOT / "tests" / "data" / "hsds"
# Where openapi.json says the schemas are: its $refs name them by these addresses.
SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPEN_DATA = "open-data/hsds"
ENDPOINTS = ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms")
PAGE_SIZE = 50
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TODAY = build_date({"SOURCE_DATE_EPOCH": BUILD_EPOCH})
HORIZON = 365  # the days ahead for which the holidays are written out as closures
ICAL = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# --- the schemas -------------------------------------------------------------------------------


@cache
def registry() -> Registry:
    """Every vendored schema at the address openapi.json uses for it. The plain files are also
    served as compiled/<name>: the fully inlined compiled service.json is the plain one with its
    $refs inlined, and compiled organization.json and service_at_location.json add a `services`
    and a `service` (tests/data/hsds/README.md)."""
    resources = []

    def add(uri: str, contents: dict) -> None:
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))

    for file in sorted((HSDS / "schema").glob("*.json")):
        contents = json.loads(file.read_text("utf-8"))
        add(SPEC + file.name, contents)
        if file.name not in ("organization.json", "service_at_location.json"):
            add(SPEC + "compiled/" + file.name, contents)
    for file in sorted((HSDS / "schema" / "compiled").glob("*.json")):
        add(SPEC + "compiled/" + file.name, json.loads(file.read_text("utf-8")))
    service = {"$ref": "../service.json"}
    add(
        SPEC + "compiled/organization.json",
        {
            "$ref": "../organization.json",
            "properties": {"services": {"type": "array", "items": service}},
        },
    )
    add(
        SPEC + "compiled/service_at_location.json",
        {"$ref": "../service_at_location.json", "properties": {"service": service}},
    )
    return Registry().with_resources(resources)


@cache
def validator(uri: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": uri}, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def response_schema(path: str) -> str:
    """The schema of the HSDS OpenAPI's 200 response to GET `path`."""
    escaped = path.replace("~", "~0").replace("/", "~1")
    pointer = f"paths/{escaped}/get/responses/200/content/application~1json/schema"
    return f"{SPEC}openapi.json#/{quote(pointer)}"


def schema_of(relative: str) -> str | None:
    """The schema a document of the export must meet, by its path below open-data/hsds/."""
    parts = relative.split("/")
    if parts == ["index.json"]:
        return response_schema("/")
    if len(parts) != 2 or parts[0] not in ENDPOINTS:
        return None
    endpoint, name = parts
    if name == "index.json" or re.fullmatch(r"page-\d+\.json", name):
        return response_schema(f"/{endpoint}")
    if UUID.match(name.removesuffix(".json")):
        if endpoint == "service_at_locations":
            # openapi.json names compiled/service.json here, a slip: its example response and
            # the compiled schema of this endpoint are a service_at_location.
            return SPEC + "compiled/service_at_location.json"
        return response_schema(f"/{endpoint}/{{id}}")
    return None


def read(site, relative: str):
    return json.loads((site.root / OPEN_DATA / relative).read_text("utf-8"))


def urls_in(value, key=""):
    """Every value of the fields HSDS declares `format: uri` (the validator cannot check them
    without rfc3987, which the project does not install)."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from urls_in(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item, key)
    elif key in ("url", "website", "uri", "term_uri", "openapi_url", "profile", "schedule_link"):
        yield value


# --- every document valid ----------------------------------------------------------------------


def test_every_open_data_document_validates_against_the_hsds_3_schemas(site):
    folder = site.root / OPEN_DATA
    documents = sorted(p for p in folder.rglob("*.json") if p.name != "datapackage.json")
    errors, checked = [], 0
    for path in documents:
        relative = path.relative_to(folder).as_posix()
        uri = schema_of(relative)
        assert uri, f"{relative}: no HSDS endpoint serves this file"
        raw = path.read_bytes()
        assert raw.endswith(b"\n") and b"\r" not in raw, relative
        document = json.loads(raw.decode("utf-8"))
        for error in validator(uri).iter_errors(document):
            errors.append(f"{relative}: {error.json_path}: {error.message}")
        for url in urls_in(document):
            parts = urlsplit(url)
            if not (parts.scheme in ("http", "https") and parts.netloc):
                errors.append(f"{relative}: {url!r} is not an absolute URL")
        checked += 1
    report_figure(f"HSDS open data: {checked} JSON documents validated, {len(errors)} errors")
    print(f"{checked} HSDS documents, {len(errors)} errors")
    assert not errors, "\n".join(errors[:50])
    assert checked > 250


def test_the_root_document_names_the_hsds_version_openapi_and_licence(site):
    root = read(site, "index.json")
    assert root["version"] == "3.0"
    assert root["openapi_url"] == SPEC + "openapi.json"
    assert root["license"] == "CC-BY-4.0"
    assert root["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert root["description"].startswith("SAMPLE DATA")  # the test network is a sample
    assert root["datapackage_url"] == f"{LOCAL_SITE_URL}/{OPEN_DATA}/datapackage.json"


# --- the lists --------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_list_pages_through_every_record_once(site, endpoint):
    folder = site.root / OPEN_DATA / endpoint
    first = read(site, f"{endpoint}/index.json")
    total = first["total_items"]
    pages = math.ceil(total / PAGE_SIZE)
    assert first["total_pages"] == pages
    assert (folder / "index.json").read_bytes() == (folder / "page-1.json").read_bytes()
    listed = []
    for number in range(1, pages + 1):
        page = read(site, f"{endpoint}/page-{number}.json")
        assert page["page_number"] == number
        assert page["total_items"] == total and page["total_pages"] == pages
        assert (page["first_page"], page["last_page"]) == (number == 1, number == pages)
        assert page["size"] == len(page["contents"]) <= PAGE_SIZE
        assert page["empty"] is False
        listed += [item["id"] for item in page["contents"]]
    assert not (folder / f"page-{pages + 1}.json").exists()
    records = sorted(p.stem for p in folder.glob("*.json") if UUID.match(p.stem))
    assert listed == records  # each once, in id order
    assert len(records) == total


def test_services_are_the_catalogues_services_and_meeting_places_on_two_pages(site, catalogue):
    first = read(site, "services/index.json")
    assert first["total_items"] == len(catalogue.services) + len(catalogue.meeting_places) > 50
    assert first["total_pages"] == 2 and not first["last_page"]
    assert read(site, "services/page-2.json")["last_page"]


# --- the facts --------------------------------------------------------------------------------


def service_doc(site, key: str) -> dict:
    return read(site, f"services/{hsds_id(key)}.json")


def test_each_service_and_meeting_place_links_its_page_and_names_its_provider(site, catalogue):
    entries = [("service", "service", s) for s in catalogue.services.values()]
    entries += [("meeting_place", "meeting-place", m) for m in catalogue.meeting_places.values()]
    for kind, section, entry in entries:
        doc = service_doc(site, f"{kind}:{entry.id}")
        path = f"/fi/{section}/{entry.id}/"
        assert doc["url"] == LOCAL_SITE_URL + path
        assert site.exists(path), path
        assert doc["name"] == entry.name.fi
        assert doc["status"] == "active"
        assert doc["organization"]["name"] == entry.provider.name.fi
        assert doc["organization_id"] == hsds_id(f"organization:{entry.provider.slug}")


def test_a_services_phones_are_the_numbers_its_page_shows(site, catalogue):
    checked = 0
    for service in catalogue.services.values():
        page = site.page(f"/fi/service/{service.id}/")
        calls = [a.get("href")[4:] for a in page.cssselect('.channel--phone a[href^="tel:"]')]
        texts = [normalise_phone(s.text_content()) for s in page.cssselect(".channel__sms")]
        phones = service_doc(site, f"service:{service.id}").get("phones", [])
        voice = [p for p in phones if p["type"] == "voice"]
        assert [normalise_phone(p["number"]) for p in voice] == calls, service.id
        assert [normalise_phone(p["number"]) for p in phones if p["type"] == "text"] == texts
        for phone in phones:  # the description starts with the number as the page shows it
            assert phone["description"].split(";")[0] in page.text_content()
        checked += len(phones)
    assert checked > 50


def valid_on(schedule: dict, day: dt.date) -> bool:
    first = dt.date.fromisoformat(schedule.get("valid_from", "0001-01-01"))
    last = dt.date.fromisoformat(schedule.get("valid_to", "9999-12-31"))
    return first <= day <= last


def minutes(clock: str) -> int:
    hours, mins, _ = map(int, clock.split(":"))
    return hours * 60 + mins


def hours_from(schedules: list[dict], day: dt.date) -> list[tuple[int, int]]:
    """A day's open intervals, read from the schedules as the module's docstring tells a reuser:
    a closure (a dated schedule without times) valid on the day closes it, else the weekly
    schedules valid on it whose byday holds its weekday; 23:59 is midnight, a closing time
    before the opening the next day."""
    valid = [s for s in schedules if valid_on(s, day)]
    if any("opens_at" not in s and "valid_from" in s for s in valid):
        return []
    found = []
    for s in valid:
        if "opens_at" in s and ICAL[day.weekday()] in s["byday"].split(","):
            assert s["freq"] == "WEEKLY"
            start, end = minutes(s["opens_at"]), minutes(s["closes_at"])
            end = 24 * 60 if s["closes_at"] == "23:59:00" else end
            found.append((start, end + 24 * 60 if end <= start else end))
    return sorted(found)


def owners_with_hours(site, catalogue):
    """(what, Hours, its schedules in the export) for every location with hours and every
    contact with hours of its own: a location's are the location's, a walk-in's its
    service_at_location's, another channel's the service's that name it (attending_type)."""
    for location in catalogue.locations.values():
        if location.hours:
            org = read(
                site, f"organizations/{hsds_id(f'organization:{location.provider.slug}')}.json"
            )
            (doc,) = [x for x in org["locations"] if x["id"] == hsds_id(f"location:{location.id}")]
            yield location.id, location.hours, doc.get("schedules", [])
    for service in catalogue.services.values():
        doc = service_doc(site, f"service:{service.id}")
        for contact in service.contacts:
            if not contact.hours:
                continue
            if contact.venue is not None:
                key = f"service_at_location:{service.id}:{contact.venue.id}"
                (at,) = [x for x in doc["service_at_locations"] if x["id"] == hsds_id(key)]
                yield f"{service.id} walk-in", contact.hours, at.get("schedules", [])
                continue
            written = phone_display(contact.number) if contact.number else contact.url
            written = f": {written or contact.email}"
            if sum(written in other for other in written_by(service)) > 1:
                continue  # two lines with one number: their schedules cannot be told apart
            mine = [s for s in doc.get("schedules", []) if written in s["attending_type"]]
            yield f"{service.id} {contact.type}", contact.hours, mine


def written_by(service) -> list[str]:
    return [
        f": {phone_display(c.number) if c.number else c.url or c.email}"
        for c in service.contacts
        if c.hours and c.venue is None
    ]


def test_schedules_give_each_day_the_hours_the_pages_give_it(site, catalogue):
    """Weekly hours, summer periods, exceptions, holidays and round-the-clock lines, a year
    ahead day by day, against the hours engine that the pages and 'open now' use."""
    checked = set()
    for what, hours, schedules in owners_with_hours(site, catalogue):
        for offset in range(HORIZON):
            day = TODAY + dt.timedelta(days=offset)
            want = [(i.start, i.end) for i in day_hours(hours, day).intervals]
            assert hours_from(schedules, day) == sorted(want), f"{what} on {day}"
        checked.add(what)
    assert len(checked) > 60


def test_an_exception_is_a_schedule_valid_over_its_dates(site, catalogue):
    found = 0
    for what, hours, schedules in owners_with_hours(site, catalogue):
        for exception in hours.exceptions:
            if exception.last < TODAY:
                continue
            dated = [
                s
                for s in schedules
                if s.get("valid_from") == exception.date.isoformat()
                and s.get("valid_to") == exception.last.isoformat()
            ]
            assert dated, what
            if exception.closed:
                (closure,) = dated
                assert closure["description"].startswith("Suljettu"), what
                assert "opens_at" not in closure
                if exception.reason:
                    assert exception.reason.fi in closure["description"]
            found += 1
    assert found >= 5


def in_pattern(schedule: dict, day: dt.date) -> bool:
    weekday = ICAL[day.weekday()]
    if schedule["freq"] == "WEEKLY":
        weeks = schedule.get("byweekno")
        in_weeks = weeks is None or str(day.isocalendar().week) in weeks.split(",")
        return weekday in schedule["byday"].split(",") and in_weeks
    nth = str((day.day - 1) // 7 + 1)
    last = (day + dt.timedelta(days=7)).month != day.month
    return any(
        code == nth + weekday or (last and code == "-1" + weekday)
        for code in schedule["byday"].split(",")
    )


def test_a_meeting_places_schedules_are_its_programme_day_by_day(site, catalogue):
    """Every week, even or odd weeks, the month's first or last weekday, within the terms,
    without the cancelled dates and the closures: as the calendars and pages have it. (The
    schedules with an attending_type are the hours of the place's phone line.)"""
    sessions = 0
    for place in catalogue.meeting_places.values():
        schedules = [
            s
            for s in service_doc(site, f"meeting_place:{place.id}")["schedules"]
            if "attending_type" not in s
        ]
        for offset in range(HORIZON):
            day = TODAY + dt.timedelta(days=offset)
            read_back = sorted(
                (minutes(s["opens_at"]), minutes(s["closes_at"]))
                for s in schedules
                if "opens_at" in s and valid_on(s, day) and in_pattern(s, day)
            )
            want = sorted(
                (o.activity.time.start, o.activity.time.end) for o in occurrences(place, day, day)
            )
            assert read_back == want, f"{place.id} on {day}"
            sessions += len(want)
    assert sessions > 500


def all_items(site, endpoint: str) -> list[dict]:
    first = read(site, f"{endpoint}/index.json")
    items = []
    for number in range(1, first["total_pages"] + 1):
        items += read(site, f"{endpoint}/page-{number}.json")["contents"]
    return items


def test_taxonomy_terms_are_our_categories_with_their_ptv_service_classes(site, catalogue):
    taxonomies = {t["name"]: t["id"] for t in all_items(site, "taxonomies")}
    terms = {t["code"]: t for t in all_items(site, "taxonomy_terms")}
    for category in CATEGORIES.values():
        term = terms[category.id]
        assert term["name"] == category.label["fi"]
        assert term["taxonomy_id"] == taxonomies["Perheovi-palveluluokat"]
        ptv = f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{category.ptv}"
        assert term.get("term_uri") == (ptv if category.ptv else None), category.id
        assert term == read(site, f"taxonomy_terms/{term['id']}.json")
    for group in TARGET_GROUPS.values():
        term = terms[group.id]
        assert term["taxonomy_id"] == taxonomies["Perheovi-kohderyhmät"]
        assert (
            term["term_uri"] == f"http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/{group.ptv}"
        )
    for service in catalogue.services.values():
        attributes = service_doc(site, f"service:{service.id}")["attributes"]
        linked = {a["taxonomy_term"]["code"] for a in attributes if a["link_entity"] == "service"}
        assert linked == {service.category, *service.target_groups}, service.id


def test_an_area_is_its_municipalities_the_regions_or_finland(site, catalogue):
    region = sorted(m.name.fi for m in catalogue.municipalities.values())
    for service in catalogue.services.values():
        areas = sorted(
            a["name"] for a in service_doc(site, f"service:{service.id}")["service_areas"]
        )
        if service.national:
            assert areas == ["Suomi"]
        elif service.region_wide:
            assert areas == region
        else:
            assert areas == sorted(catalogue.municipality_name(m).fi for m in service.area)


# --- the tables -------------------------------------------------------------------------------


def hsds_datapackage() -> dict:
    return json.loads((HSDS / "datapackage.json").read_text("utf-8"))


def table(site, resource: dict) -> list[dict]:
    raw = (site.root / OPEN_DATA / resource["path"]).read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n"), resource["path"]
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def test_the_data_package_has_the_hsds_tables_fields_and_keys(site):
    ours = read(site, "datapackage.json")
    theirs = {r["name"]: r for r in hsds_datapackage()["resources"]}
    assert ours["profile"] == "tabular-data-package"
    assert ours["licenses"] == [
        {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
    ]
    names = [r["name"] for r in ours["resources"]]
    assert names == [n for n in theirs if n in names]  # the HSDS order
    for resource in ours["resources"]:
        hsds = theirs[resource["name"]]
        assert resource["path"] == "csv/" + hsds["path"]
        shape = [
            (f["name"], f["type"], f.get("format"), f["constraints"]["required"])
            for f in resource["schema"]["fields"]
        ]
        assert shape == [
            (f["name"], f["type"], f.get("format"), f["constraints"]["required"])
            for f in hsds["schema"]["fields"]
        ], resource["name"]
        assert resource["schema"]["primaryKey"] == hsds["schema"]["primaryKey"]
        kept = [
            fk
            for fk in hsds["schema"].get("foreignKeys", [])
            if fk["reference"]["resource"] in names
        ]
        assert resource["schema"].get("foreignKeys", []) == kept, resource["name"]


def typed(resource: dict, row: dict) -> dict:
    """A CSV row as the JSON object it stands for: empty cells left out, numbers numbers."""
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    return {
        name: float(value) if types[name] == "number" else value
        for name, value in row.items()
        if value != ""
    }


def test_every_csv_table_has_the_hsds_columns_and_valid_rows(site):
    package = read(site, "datapackage.json")
    rows = {}
    for resource in package["resources"]:
        path = site.root / OPEN_DATA / resource["path"]
        header = path.read_text("utf-8").split("\n", 1)[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
        rows[resource["name"]] = table(site, resource)
    problems = []
    for resource in package["resources"]:
        name, found = resource["name"], rows[resource["name"]]
        assert found, f"{name} is empty"
        ids = [row["id"] for row in found]
        assert ids == sorted(set(ids)), f"{name}: ids not unique or not in order"
        required = [f["name"] for f in resource["schema"]["fields"] if f["constraints"]["required"]]
        for row in found:
            problems += [f"{name} {row['id']}: no {field}" for field in required if not row[field]]
        for key in resource["schema"].get("foreignKeys", []):
            targets = {row["id"] for row in rows[key["reference"]["resource"]]}
            field = key["fields"]
            problems += [
                f"{name} {row['id']}: {field} {row[field]} names no row"
                for row in found
                if row[field] and row[field] not in targets
            ]
    tabular = {r["name"]: [typed(r, row) for row in rows[r["name"]]] for r in package["resources"]}
    for error in validator(SPEC + "compiled/tabular.json").iter_errors(tabular):
        problems.append(f"{error.json_path}: {error.message}")
    assert not problems, "\n".join(problems[:50])
    report_figure(
        f"HSDS open data: {sum(map(len, rows.values()))} CSV rows in {len(rows)} tables valid"
    )


def test_csv_and_json_hold_the_same_records(site):
    package = {r["name"]: r for r in read(site, "datapackage.json")["resources"]}
    for endpoint, name in zip(
        ENDPOINTS,
        ("service", "organization", "service_at_location", "taxonomy", "taxonomy_term"),
        strict=True,
    ):
        in_csv = [row["id"] for row in table(site, package[name])]
        in_json = sorted(p.stem for p in (site.root / OPEN_DATA / endpoint).glob("*.json"))
        assert in_csv == [i for i in in_json if UUID.match(i)], endpoint


# --- the export itself ------------------------------------------------------------------------


def test_the_ids_are_uuid5_of_our_ids_in_the_projects_namespace():
    """Reusers link to these ids: changing the namespace or the keys would break every link."""
    namespace = uuid.UUID("f01ba5e2-ab40-54bd-979b-e2b642d795a1")
    for key in ("service:joensuu-lastenneuvola", "organization:kela", "taxonomy_term:neuvola"):
        assert hsds_id(key) == str(uuid.uuid5(namespace, key))


def test_the_export_is_the_same_text_for_the_same_catalogue_and_date(catalogue):
    def once():
        return hsds_files(catalogue, TODAY, "https://perheovi.example", ("fi", "sv"), "CC0-1.0")

    first = once()
    assert first == once()
    assert all(text.endswith("\n") for text in first.values())


def test_the_build_does_not_load_the_schema_validator():
    """jsonschema is a test dependency: the export must not need it to be installed."""
    code = (
        "import sys, perheovi.site.generator, perheovi.interchange.hsds; "
        "sys.exit('jsonschema' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --- the page that tells people about it -------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_open_data_page_says_what_where_the_licence_and_how_to_cite(site, catalogue, lang):
    page = site.page(f"/{lang}/open-data/")
    assert page.get("lang") == lang
    text = " ".join(page.text_content().split())
    counts = catalogue.counts()
    assert f" {counts['services']} " in text and f" {counts['meeting_places']} " in text
    links = page.xpath("//main//a/@href")
    for target in (
        "index.json",
        "services/index.json",
        "taxonomy_terms/index.json",
        "datapackage.json",
    ):
        href = next(h for h in links if h.endswith(f"open-data/hsds/{target}"))
        assert site.exists(urlsplit(f"http://x/{lang}/open-data/{href}").path), href
    licence = page.xpath('//main//a[@href="https://creativecommons.org/licenses/by/4.0/"]')
    assert licence and licence[0].text == "CC BY 4.0"  # PERHEOVI_OPEN_DATA_LICENCE's default
    assert "HSDS 3.0" in page.xpath("string(//main//blockquote)")
    footer = site.page(f"/{lang}/").xpath("//footer//a/@href")
    assert f"../{lang}/open-data/" in footer
