"""`perheovi import ptv`: the fixture organisation of tests/data/ptv (PTV Open API V11 shapes,
fictional values) imported into an empty region, as a coordinator runs it, and imported again."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_ptv_hours_and_places import _metres, _tm35fin_to_geographic

PTV = ROOT / "tests" / "data" / "ptv"
FIXTURE = sorted(PTV.glob("*.json"))
PROVIDER = "providers/pohjois-karjalan-hyvinvointialue-kuvitteellinen.yaml"
PHONE_CHANNEL = "0b0a1c6f-4a5f-48e4-8d4a-f05971b5f866"  # P4 Perheneuvolan puhelinaika
JOENSUU = "cd28b60a-957e-4b07-8514-90e2aa384ae8"  # C1, a service location


def run_import(catalogue: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "perheovi",
            "import",
            "ptv",
            *map(str, files),
            "--catalogue",
            str(catalogue),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """The fixture imported into an empty copy of the region: (catalogue, output, provider)."""
    catalogue = tmp_path_factory.mktemp("ptv") / "catalogue"
    shutil.copytree(PTV / "empty-catalogue", catalogue)
    result = run_import(catalogue, *FIXTURE)
    assert result.returncode == 0, result.stdout + result.stderr
    return catalogue, result.stdout, yaml.safe_load((catalogue / PROVIDER).read_text("utf-8"))


def services(provider: dict) -> dict[str, dict]:
    return {
        service["name"]["fi"] if isinstance(service["name"], dict) else service["name"]: service
        for service in provider["services"]
    }


def contacts_from(service: dict, channel: str, kind: str | None = None) -> list[dict]:
    return [
        c
        for c in service["contacts"]
        if str(c.get("ptv", "")).split(":")[0] == channel and kind in (None, c["type"])
    ]


def fixture_items(name: str) -> list[dict]:
    document = json.loads((PTV / name).read_text("utf-8-sig"))
    return document.get("itemList", [document]) if isinstance(document, dict) else document


# --- the fixture itself ------------------------------------------------------------------------

SHAPES = {
    "ServiceLocation": "V11VmOpenApiServiceLocationChannel.json",
    "Phone": "V11VmOpenApiPhoneChannel.json",
    "EChannel": "V11VmOpenApiElectronicChannel.json",
    "WebPage": "V11VmOpenApiWebPageChannel.json",
    "PrintableForm": "V11VmOpenApiPrintableFormChannel.json",
}


def _same_keys(item, shape, where: str, problems: list[str]) -> None:
    if isinstance(shape, dict) and isinstance(item, dict):
        if set(item) != set(shape):
            problems.append(f"{where}: {sorted(set(item) ^ set(shape))}")
        for key in set(item) & set(shape):
            _same_keys(item[key], shape[key], f"{where}.{key}", problems)
    elif isinstance(shape, list) and isinstance(item, list) and shape:
        for index, element in enumerate(item):
            _same_keys(element, shape[0], f"{where}[{index}]", problems)


def test_the_fixture_is_in_the_exact_shapes_of_open_api_v11():
    def shape(name):
        return json.loads((PTV / "shapes" / name).read_text("utf-8-sig"))

    problems: list[str] = []
    services_ = fixture_items("services.json") + fixture_items("services-2.json")
    for service in services_:
        _same_keys(service, shape("V11VmOpenApiService.json"), service["id"], problems)
    channels = fixture_items("channels.json")
    for channel in channels:
        _same_keys(channel, shape(SHAPES[channel["serviceChannelType"]]), channel["id"], problems)
    _same_keys(
        fixture_items("organization.json")[0],
        shape("V8VmOpenApiOrganization.json"),
        "org",
        problems,
    )
    assert problems == []
    assert len(services_) == 15
    assert {c["serviceChannelType"] for c in channels} == set(SHAPES)


# --- the import and the re-import ----------------------------------------------------------------


def test_the_fixture_imports_into_an_empty_region_that_passes_the_check(first):
    catalogue, output, _ = first
    assert "OK: 13 municipalities, 1 providers, 15 services, 4 locations" in output
    check = subprocess.run(
        [sys.executable, "-m", "perheovi", "check", str(catalogue)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    assert sorted(p.name for p in (catalogue / "providers").iterdir()) == [Path(PROVIDER).name]


def test_importing_the_same_input_again_changes_no_byte(first, tmp_path):
    catalogue, _, _ = first
    again = tmp_path / "catalogue"
    shutil.copytree(catalogue, again)
    result = run_import(again, *FIXTURE)
    assert result.returncode == 0
    assert f"unchanged {again / PROVIDER}" in result.stdout
    assert (again / PROVIDER).read_bytes() == (catalogue / PROVIDER).read_bytes()


def _changed_input(tmp_path: Path, change) -> list[Path]:
    files = []
    for path in FIXTURE:
        document = json.loads(path.read_text("utf-8-sig"))
        change(path.name, document)
        target = tmp_path / "input" / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        files.append(target)
    return files


def _new_number(name, document):
    for item in document.get("itemList", []):
        if item["id"] == PHONE_CHANNEL:
            item["phoneNumbers"][0]["number"] = "400001049"
            item["modified"] = "2026-12-01T08:00:00"


def test_a_number_changed_in_ptv_is_a_one_line_change_in_the_file(first, tmp_path):
    catalogue, _, _ = first
    again = tmp_path / "catalogue"
    shutil.copytree(catalogue, again)

    result = run_import(again, *_changed_input(tmp_path, _new_number))
    assert result.returncode == 0, result.stdout
    diff = [
        line
        for line in difflib.unified_diff(
            (catalogue / PROVIDER).read_text("utf-8").splitlines(),
            (again / PROVIDER).read_text("utf-8").splitlines(),
            lineterm="",
            n=0,
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # the number is on two services (Perheneuvola and Eroneuvonta share the phone line)
    assert set(diff) == {"-        number: 040 0001040", "+        number: 040 0001049"}, diff
    assert len(diff) == 2 * len(re.findall(PHONE_CHANNEL, (again / PROVIDER).read_text()))


def test_what_the_provider_wrote_by_hand_survives_the_next_import(first, tmp_path):
    catalogue, _, _ = first
    again = tmp_path / "catalogue"
    shutil.copytree(catalogue, again)
    path = again / PROVIDER
    text = path.read_text("utf-8")
    # a comment, a field PTV does not have, an English summary PTV lacks, a contact and a
    # category of the provider's own (kept with `keep`), and a whole service written by hand
    text = text.replace("services:\n", "services:\n  # Päivitetty käsin 2026-12\n", 1)
    text = text.replace(
        "      fi: Tilapäistä apua kodin- ja lastenhoitoon, kun perheen voimavarat ovat vähissä.\n",
        "      fi: Tilapäistä apua kodin- ja lastenhoitoon, kun perheen voimavarat ovat vähissä.\n"
        "      en: Short-term help at home when a family runs out of strength.\n",
    )
    text = text.replace(
        "      id: 5867a792-cdff-483f-8b96-90a9d4aea824\n",
        "      id: 5867a792-cdff-483f-8b96-90a9d4aea824\n      keep: [category]\n",
    )
    text = text.replace(
        "  - id: lapsiperheiden-kotipalvelu\n    category: family-work\n",
        "  - id: lapsiperheiden-kotipalvelu\n    category: home-help\n",
    )
    text = text.replace(
        "    cost: fee\n    cost_note:\n      fi: Tilapäisestä",
        "    cost: fee\n    referral: true\n    cost_note:\n      fi: Tilapäisestä",
    )
    text += (
        "  - id: isien-ryhma\n    category: peer-support\n    name: Isien vertaisryhmä\n"
        "    summary: Isät tapaavat kerran kuussa.\n    target_groups: [parents]\n"
        "    area: [joensuu]\n    delivery: [location]\n    languages: [fi]\n    cost: free\n"
        "    contacts:\n      - type: walk-in\n        location: joensuun-perhekeskus\n"
        "    reviewed: 2026-11-20\n"
    )
    path.write_text(text, "utf-8")
    result = run_import(again, *_changed_input(tmp_path, _new_number))
    assert result.returncode == 0, result.stdout
    # PTV's change is made, and nothing of theirs is lost
    assert path.read_text("utf-8") == text.replace("040 0001040", "040 0001049")
    imported = services(yaml.safe_load(text))
    assert imported["Lapsiperheiden kotipalvelu"]["category"] == "home-help"
    assert imported["Isien vertaisryhmä"]["id"] == "isien-ryhma"


def test_entries_gone_from_ptv_are_listed_and_kept(first, tmp_path):
    catalogue, _, _ = first
    again = tmp_path / "catalogue"
    shutil.copytree(catalogue, again)

    def without_divorce_counselling(name, document):
        if "itemList" in document and name.startswith("services"):
            document["itemList"] = [
                s for s in document["itemList"] if s["serviceNames"][0]["value"] != "Eroneuvonta"
            ]

    result = run_import(again, *_changed_input(tmp_path, without_divorce_counselling))
    assert "no longer in PTV (kept, remove it by hand if it has ended)" in result.stdout
    assert re.search(r"no longer in PTV .*services: eroneuvonta", result.stdout)
    assert "Eroneuvonta" in services(yaml.safe_load((again / PROVIDER).read_text()))


# --- the mappings -------------------------------------------------------------------------------


def test_each_of_the_five_channel_types_becomes_its_contact(first):
    _, _, provider = first
    listed = services(provider)
    neuvola = listed["Äitiysneuvola"]
    booking = contacts_from(neuvola, "303b4e0e-2472-4ba3-be07-d822e7a903d6")  # EChannel
    assert booking[0]["type"] == "eservice" and booking[0]["strong_identification"] is True
    assert booking[0]["url"].startswith("https://")
    phone = contacts_from(neuvola, "d0d38e74-8a5a-4fa4-8279-85c6d1ace9ff")  # Phone
    assert [c["type"] for c in phone] == ["phone", "sms"]
    web = contacts_from(listed["Perheneuvola"], "ca8d9714-304a-44ee-a53a-d90f236f6e5e")  # WebPage
    assert (
        web[0]["type"] == "web"
        and web[0]["url"] == "https://www.hyvinvointialue.example.fi/perhekeskus"
    )
    form = contacts_from(
        listed["Lapsiperheiden kotipalvelu"], "9f28ddcd-e96a-440d-96af-763ca0e828da"
    )
    assert form[0]["type"] == "web" and form[0]["url"].endswith("kotipalveluhakemus.pdf")
    walk_in = contacts_from(neuvola, JOENSUU, "walk-in")  # ServiceLocation: a location, a walk-in
    assert walk_in[0]["location"] == "joensuun-perhekeskus"
    assert [c["number"] for c in contacts_from(neuvola, JOENSUU, "phone")] == ["040 0001001"]
    location = next(loc for loc in provider["locations"] if loc["ptv"]["id"] == JOENSUU)
    assert location["address"] == {
        "street": "Kuvitelmankatu 12 B",
        "postal_code": "80100",
        "municipality": "joensuu",
        "post_office": "Joensuu",
    }
    assert "joensuun-perhekeskus" in neuvola["locations"]


def test_fax_numbers_are_dropped_and_sms_numbers_kept_as_sms(first):
    _, output, provider = first
    numbers = [c for s in provider["services"] for c in s["contacts"] if "number" in c]
    fax = [
        n["number"] for n in fixture_items("channels.json")[0]["phoneNumbers"] if n["type"] == "Fax"
    ]
    assert fax and not any(c["number"].replace(" ", "").endswith(fax[0][-6:]) for c in numbers)
    assert "not imported: fax numbers: families are not asked to send faxes" in output
    sms = [c for c in numbers if c["type"] == "sms"]
    assert sms and all(str(c["ptv"]).startswith("d0d38e74") for c in sms)


def test_charge_types_in_both_spellings(first):
    listed = services(first[2])
    assert listed["Perhetyö"]["cost"] == "free"  # Free (the code list's spelling)
    assert listed["Perheneuvola"]["cost"] == "free"  # FreeOfCharge (V11)
    assert listed["Eroneuvonta"]["cost"] == "fee"  # Charged
    assert listed["Lapsiperheiden kotipalvelu"]["cost"] == "fee"  # Chargeable
    assert listed["Eroneuvonta"]["cost_note"]["fi"].startswith("Ensimmäinen käynti")


def test_languages_are_the_services_and_texts_keep_what_ptv_has(first):
    listed = services(first[2])
    assert listed["Lapsiperheiden sosiaaliohjaus"]["languages"] == ["fi", "fse"]
    assert listed["Nuorten päihde- ja mielenterveyspalvelut"]["languages"] == ["fi", "en"]
    assert set(listed["Perhetyö"]["name"]) == {"fi", "sv"}  # a Swedish name, no Swedish summary
    assert set(listed["Perhetyö"]["summary"]) == {"fi"}
    assert set(listed["Perheneuvola"]["summary"]) == {"fi", "sv", "en"}


def test_areas_nationwide_regional_and_municipalities_with_their_codes_padded(first):
    _, _, provider = first
    listed = services(provider)
    assert listed["Sähköinen perhekeskus – chat"]["area"] == "national"
    assert listed["Perheneuvola"]["area"] == "region"  # a Region area holding every member
    assert listed["Lastensuojelun sosiaalipäivystys"]["area"] == "region"  # a hospital district
    assert "heinavesi" in listed["Koulukuraattori"]["area"]  # PTV writes 090 as "90"
    assert listed["Lasten puheterapia"]["area"] == ["joensuu", "kontiolahti", "liperi"]


def test_service_classes_and_target_groups_map_by_uri_and_the_rest_are_reported(first):
    _, output, provider = first
    listed = services(provider)
    assert listed["Perheneuvola"]["category"] == "family-counselling"  # P3.7
    assert listed["Lastenneuvola"]["category"] == "neuvola"  # P5.2
    assert listed["Lapsiperheiden kotipalvelu"]["category"] == "home-help"  # P4.3 before P3.6
    assert listed["Perhetyö"]["category"] == "family-work"  # P3.6 alone
    assert listed["Nuorten päihde- ja mielenterveyspalvelut"]["target_groups"] == [
        "teenagers",
        "young-adults",
    ]  # KR1.3
    assert (
        "not imported: service class P26.3 Tietoliikenne: no category of perheovi matches it"
        in output
    )
    assert "not imported: target group KR1.1 Ikäihmiset: not a family-centre target group" in output


def test_the_general_descriptions_values_are_inherited(first):
    listed = services(first[2])
    child_clinic = listed["Lastenneuvola"]  # no target groups or charge type of its own
    assert child_clinic["target_groups"] == ["families"]
    assert child_clinic["cost"] == "free"


def test_hours_of_every_kind_come_through(first):
    _, _, provider = first
    listed = services(provider)
    emergency = contacts_from(
        listed["Lastensuojelun sosiaalipäivystys"], "c3df7848-b189-434d-991a-1d269d34d3c3"
    )
    assert emergency[0]["hours"]["weekly"]["tue-thu"] == "16.00-8.00+1"  # OverMidnight
    assert emergency[0]["hours"]["weekly"]["sat-sun"] == "0.00-24.00"  # Friday to Monday
    crisis = contacts_from(
        listed["Lastensuojelun sosiaalipäivystys"], "0c9d395e-e4a5-4785-84c1-326639ccf999"
    )
    assert crisis[0]["hours"] == {"always": True, "holidays": "open"}  # isAlwaysOpen
    kitee = next(loc for loc in provider["locations"] if loc["id"] == "kiteen-perhekeskus")
    assert kitee["hours"] == {"by_appointment": True}  # isReservation
    joensuu = next(loc for loc in provider["locations"] if loc["ptv"]["id"] == JOENSUU)
    assert joensuu["hours"]["weekly"]["mon"] == ["8.00-11.00", "12.00-15.00"]
    assert joensuu["hours"]["periods"][0]["weekly"] == {"mon-thu": "9.00-14.00"}  # validFrom–To
    assert [e.get("closed", False) for e in joensuu["hours"]["exceptions"]] == [True, False]
    outokumpu = next(loc for loc in provider["locations"] if loc["id"].startswith("outokummun"))
    assert outokumpu["hours"]["weekly"] == {"mon-fri": "8.00-16.00"}  # a dayFrom–dayTo range


def test_hours_on_the_connection_override_the_channels_own(first):
    listed = services(first[2])
    own = contacts_from(listed["Äitiysneuvola"], JOENSUU, "walk-in")[0]
    assert own["hours"] != {"weekly": {"mon": ["8.00-11.00", "12.00-15.00"]}}
    assert "hours" in own  # the S01–C1 connection's hours
    assert "hours" not in contacts_from(listed["Perheneuvola"], JOENSUU, "walk-in")[0]


def test_coordinates_are_wgs84_within_a_metre(first):
    _, _, provider = first
    channels = {c["id"]: c for c in fixture_items("channels.json")}
    for location in provider["locations"]:
        street = next(
            a["streetAddress"]
            for a in channels[location["ptv"]["id"]]["addresses"]
            if a["streetAddress"]
        )
        expected = _tm35fin_to_geographic(float(street["latitude"]), float(street["longitude"]))
        got = (location["coordinates"]["lat"], location["coordinates"]["lon"])
        assert _metres(got, expected) < 1.0, location["id"]


# Fields of the fixture's objects that become part of an entry, listed here apart from the
# importer: every other field with a value must be named in the report.
IMPORTED = {
    "service": {
        "id",
        "serviceNames",
        "serviceDescriptions",
        "serviceChargeType",
        "areaType",
        "areas",
        "languages",
        "serviceClasses",
        "targetGroups",
        "keywords",
        "serviceChannels",
        "organizations",
        "publishingStatus",
        "modified",
        "generalDescriptionId",
    },
    "channel": {
        "id",
        "serviceChannelType",
        "serviceChannelNames",
        "serviceChannelDescriptions",
        "languages",
        "serviceHours",
        "services",
        "modified",
        "organizationId",
        "publishingStatus",
        "phoneNumbers",
        "addresses",
        "channelUrls",
        "requiresAuthentication",
        "requiresSignature",
    },
}


LINKED = ("EChannel", "WebPage")  # their webPages are the address the contact links


def test_the_report_names_every_field_that_was_not_imported(first):
    _, output, _ = first
    reported = set(re.findall(r"^not imported: (\w+)", output, re.M))
    missing = set()
    for kind, name in (
        ("service", "services.json"),
        ("service", "services-2.json"),
        ("channel", "channels.json"),
    ):
        for item in fixture_items(name):
            for key, value in item.items():
                linked = key == "webPages" and item.get("serviceChannelType") in LINKED
                empty = value in (None, "", [], {}, False)
                if not (empty or linked or key in IMPORTED[kind] or key in reported):
                    missing.add(key)
    assert missing == set()


def test_the_guide_shows_the_import_table():
    table = yaml.safe_load(
        (ROOT / "plugins/perheovi/interchange/data/ptv-classes.yaml").read_text()
    )
    guide = (ROOT / "docs" / "coordinators.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| (P[\d.]+) \| [^|]+ \| `([a-z-]+)` \|$", guide, re.M))
    assert rows == {str(k): v for k, v in table["service_classes"].items()}


def test_a_file_that_is_not_ptv_json_is_told_not_traced(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": "world", "id": "x"}', "utf-8")
    result = run_import(tmp_path / "catalogue", bad)
    assert result.returncode == 1
    assert "bad.json: item 1 is not a PTV organisation" in result.stderr
    assert "Traceback" not in result.stderr
    (tmp_path / "broken.json").write_text("{", "utf-8")
    result = run_import(tmp_path / "catalogue", tmp_path / "broken.json")
    assert "broken.json: not JSON" in result.stderr and "Traceback" not in result.stderr
