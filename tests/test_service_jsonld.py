"""Every service page describes its service for machines (schema.org JSON-LD) with the facts
the page shows people: its name, numbers, addresses and hours; the block is data, so the
CSP stays script-src 'self', and catalogue text cannot break out of it."""

from __future__ import annotations

import datetime as dt
import json

import lxml.html
import pytest
from conftest import BUILD_EPOCH, LANGUAGES
from perheovi.builddate import build_date
from perheovi.catalogue.hours import days_of
from perheovi.catalogue.loader import check_catalogue
from perheovi.catalogue.model import Hours
from perheovi.gates.html import inline_code
from perheovi.gates.output import BuiltSite
from perheovi.site.jsonld import PUBLIC_KINDS, hours_data, script_text, service_data

pytestmark = pytest.mark.site

TODAY = build_date({"SOURCE_DATE_EPOCH": BUILD_EPOCH})  # the sample site's build date
DAY = "https://schema.org/{}".format
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# a known service of the test network: a phone line with weekly hours and a closed exception
HELPLINE = "lapsiperheliitto-vanhempainpuhelin"


def service_pages(catalogue):
    return [(lang, service) for lang in LANGUAGES for service in catalogue.sorted_services]


def block(site, lang: str, service_id: str) -> dict:
    scripts = site.page(f"/{lang}/service/{service_id}/").xpath(
        '//script[@type="application/ld+json"]'
    )
    assert len(scripts) == 1, (lang, service_id, len(scripts))
    return json.loads(scripts[0].text)


def channels(data: dict, key: str) -> list[dict]:
    return [c[key] for c in data["availableChannel"] if key in c]


def places(data: dict) -> list[dict]:
    return channels(data, "serviceLocation")


def article(site, lang: str, service_id: str):
    [found] = site.page(f"/{lang}/service/{service_id}/").xpath('//article[@class="service"]')
    return found


def test_every_service_page_has_one_block_in_its_head_of_the_providers_type(site, catalogue):
    for lang, service in service_pages(catalogue):
        page = site.page(f"/{lang}/service/{service.id}/")
        [script] = page.xpath('//script[@type="application/ld+json"]')
        assert script.getparent().tag == "head"  # not among the page's text (fallback gate)
        data = json.loads(script.text)
        responsible = service.organised_by or service.provider
        expected = "GovernmentService" if responsible.kind in PUBLIC_KINDS else "Service"
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == expected, (lang, service.id)
        # the heading's text without its "(in Finnish)" note; the parsed page is shared, so read,
        # do not change it
        [h1] = page.xpath("//h1")
        notes = "".join(h1.xpath('.//*[@class="fallback-note"]//text()'))
        heading = h1.text_content().replace(notes, "") if notes else h1.text_content()
        assert data["name"] == " ".join(heading.split()), (lang, service.id)
        assert data["url"].endswith(f"/{lang}/service/{service.id}/")
        assert data["mainEntityOfPage"]["inLanguage"] == lang
        assert data["availableLanguage"] == service.languages
        assert data["provider"]["name"] == responsible.name.get(lang)[0]
        assert data["areaServed"]


def test_a_public_service_run_by_an_association_names_both(site, catalogue):
    data = block(site, "en", "nollalinja")  # THL organises it, Setlementti Tampere runs it
    service = catalogue.services["nollalinja"]
    assert service.provider.kind == "ngo" and service.organised_by.kind == "state"
    assert data["@type"] == "GovernmentService"
    assert data["provider"]["@type"] == "GovernmentOrganization"
    assert data["provider"]["name"] == service.organised_by.name.get("en")[0]
    assert data["serviceOperator"] == {"@type": "Organization", "name": "Setlementti Tampere"}
    assert data["areaServed"] == [{"@type": "Country", "name": "Finland"}]


def test_every_phone_number_on_the_page_is_a_service_phone_and_no_other(site, catalogue):
    for lang, service in service_pages(catalogue):
        links = article(site, lang, service.id).xpath('.//a[starts-with(@href, "tel:")]/@href')
        shown = {href.removeprefix("tel:") for href in links}
        data = block(site, lang, service.id)
        described = {point["telephone"] for point in channels(data, "servicePhone")}
        assert shown == described, (lang, service.id)


def test_every_address_on_the_page_is_a_service_location(site, catalogue):
    checked = 0
    for lang, service in service_pages(catalogue):
        addresses = article(site, lang, service.id).xpath(
            './/*[contains(concat(" ", normalize-space(@class), " "), " address ")]'
        )
        shown = [" ".join(a.text_content().split()) for a in addresses]
        located = [p["address"] for p in places(block(site, lang, service.id))]
        for text in shown:
            assert any(
                f"{a['streetAddress']}, {a['postalCode']} {a['addressLocality']}" in text
                for a in located
            ), (lang, service.id, text)
        for address in located:
            assert any(address["streetAddress"] in text for text in shown), (lang, service.id)
        checked += len(shown)
    assert checked > 50


def _weekly(specs: list[dict]) -> list[list[tuple[str, str]]]:
    """The usual week the specifications without dates give, Monday first."""
    days: list[list[tuple[str, str]]] = [[] for _ in WEEKDAYS]
    for spec in specs:
        if "validFrom" not in spec:
            for day in spec["dayOfWeek"]:
                days[WEEKDAYS.index(day.rsplit("/", 1)[1])].append((spec["opens"], spec["closes"]))
    return [sorted(day) for day in days]


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def test_the_helplines_hours_are_the_catalogues(site, catalogue):
    phone = catalogue.services[HELPLINE].contacts[0]
    assert phone.type == "phone" and phone.hours.weekly and phone.hours.exceptions
    expected = [
        sorted((_clock(i.start), _clock(i.end)) for i in day) for day in days_of(phone.hours.weekly)
    ]
    for lang in LANGUAGES:
        [point] = [
            p
            for p in channels(block(site, lang, HELPLINE), "servicePhone")
            if p["telephone"] == str(phone.number)
        ]
        specs = point["hoursAvailable"]
        assert _weekly(specs) == expected
        assert expected[2] == [("10:00", "13:00"), ("17:00", "20:00")]  # two on Wednesday
        training = phone.hours.exceptions[0]
        assert {
            "@type": "OpeningHoursSpecification",
            "name": training.reason.get(lang)[0],
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2026-12-28",
            "validThrough": "2026-12-30",
        } in specs
        # closed on Christmas Eve, a Thursday it is else open; nothing said of Christmas Day,
        # a Friday it is closed on anyway
        dated = {s["validFrom"] for s in specs if "validFrom" in s}
        assert "2026-12-24" in dated and "2026-12-25" not in dated


def test_places_with_exceptions_and_periods_have_them_dated(site, catalogue):
    checked = 0
    for lang, service in service_pages(catalogue):
        venues = [(c.venue, c.opening_hours) for c in service.contacts if c.type == "walk-in"]
        walked_in = {c.location for c in service.contacts}
        venues += [(v, v.hours) for v in service.venues if v.id not in walked_in]
        described = {p["name"]: p for p in places(block(site, lang, service.id))}
        for venue, hours in venues:
            if hours is None or not hours.confirmed:
                continue
            place = described[venue.name.get(lang)[0]]
            for exception in hours.exceptions:
                if exception.last < TODAY:
                    continue
                special = place["specialOpeningHoursSpecification"]
                assert any(
                    s["validFrom"] == exception.date.isoformat()
                    and s["validThrough"] == exception.last.isoformat()
                    and (not exception.closed or s["opens"] == s["closes"] == "00:00")
                    for s in special
                ), (lang, service.id, venue.id)
                checked += 1
            for period in hours.periods:
                if period.until >= TODAY:
                    assert any(
                        s.get("validFrom") == period.start.isoformat()
                        and s.get("validThrough") == period.until.isoformat()
                        for s in place["openingHoursSpecification"]
                    ), (lang, service.id, venue.id)
    assert checked > 10


def test_the_csp_still_allows_only_the_sites_own_scripts(site, catalogue, tmp_path):
    gates_site = BuiltSite(site.root, "http://localhost:8000", list(LANGUAGES))
    for lang, service in service_pages(catalogue):
        path = f"/{lang}/service/{service.id}/"
        [policy] = site.page(path).xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert inline_code(gates_site, path) == []
    # the gate lets the data block through, and nothing else
    (tmp_path / "page.html").write_text(
        '<html><head><script type="application/ld+json">{}</script>'
        '<script type="text/javascript">alert(1)</script><script>alert(2)</script></head></html>'
    )
    found = inline_code(BuiltSite(tmp_path, "http://localhost:8000", []), "/page.html")
    assert found == ["an inline <script>"] * 2


# --- without the built site ------------------------------------------------------------------


HOSTILE = '</script><script>alert(1)</script><!-- & "quoted" </SCRIPT >'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_text_cannot_end_the_block(minimal, lang):
    minimal.replace(
        "providers/county.yaml",
        "name: {fi: Lastenneuvola}",
        f"name: {{fi: {json.dumps(HOSTILE)}}}",
    )
    minimal.replace(
        "providers/county.yaml",
        "name: {fi: Perhetalo}",
        f"name: {{fi: {json.dumps('Talo <b>&amp;</b>')}}}",
    )
    catalogue, problems = check_catalogue(minimal.path)
    assert problems == [], problems
    service = catalogue.services["neuvola-joensuu"]
    data = service_data(
        service,
        lang=lang,
        url=f"https://example.org/{lang}/service/{service.id}/",
        municipalities=[catalogue.municipalities[m] for m in service.area],
        region=catalogue.region,
        today=TODAY,
    )
    text = str(script_text(data))
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text)["name"] == HOSTILE  # the text itself, unchanged
    assert places(json.loads(text))[0]["name"] == "Talo <b>&amp;</b>"
    page = lxml.html.fromstring(
        f'<html><head><script type="application/ld+json">{text}</script></head>'
        "<body><p>after</p></body></html>"
    )
    [script] = page.xpath("//script")
    assert json.loads(script.text) == data
    assert [p.text for p in page.xpath("//body/p")] == ["after"]


def test_hours_the_way_schema_org_writes_them():
    hours = Hours.model_validate(
        {
            "weekly": {"mon-thu": "8.00-16.00", "fri": ["0.00-24.00"], "sat": "22.00-02.00+1"},
            "holidays": "open",
            "periods": [
                {"from": "2027-06-14", "until": "2027-08-06", "weekly": {"tue,thu": "12-16"}},
                {"from": "2026-06-01", "until": "2026-08-01", "weekly": {"mon": "9-10"}},
            ],
            "exceptions": [
                {"date": "2026-12-31", "hours": "9.00-12.00"},
                {"date": "2026-01-02", "closed": True},  # before the build date: dropped
            ],
        }
    )
    usual, special = hours_data(hours, "en", dt.date(2026, 11, 18))
    week = [s for s in usual if "validFrom" not in s]
    assert [(s["dayOfWeek"], s["opens"], s["closes"]) for s in week] == [
        ([DAY(d) for d in WEEKDAYS[:4]], "08:00", "16:00"),
        ([DAY("Friday")], "00:00", "23:59"),  # a whole day; 00:00-00:00 would be closed
        ([DAY("Saturday")], "22:00", "02:00"),  # closes before it opens: past midnight
    ]
    summer = [s for s in usual if s.get("validFrom") == "2027-06-14"]
    assert {"dayOfWeek": [DAY("Tuesday"), DAY("Thursday")], "opens": "12:00"}.items() <= (
        summer[0].items()
    )
    closed = [s for s in summer if s["opens"] == s["closes"] == "00:00"]
    assert closed[0]["dayOfWeek"] == [DAY(d) for d in ("Monday", "Wednesday", *WEEKDAYS[4:])]
    assert not [s for s in usual if s.get("validFrom") == "2026-06-01"]  # a past period
    assert special == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "09:00",
            "closes": "12:00",
            "validFrom": "2026-12-31",
            "validThrough": "2026-12-31",
        }
    ]
    assert hours_data(Hours(by_appointment=True), "fi", TODAY) == ([], [])
    unconfirmed = Hours.model_validate({"weekly": {"mon": "8-9"}, "confirmed": False})
    assert hours_data(unconfirmed, "fi", TODAY) == ([], [])
