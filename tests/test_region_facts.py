"""Facts a real region needs to say: what Keski-Suomi's trial could not write in the format.

The site is built from a small catalogue of its own (tests/data/region-facts), read like a
family reads it; mistakes are made in copies of the minimal catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

import icalendar
import lxml.html
import pytest
import recurring_ical_events
from conftest import ROOT, BuiltSite, build_site
from perheovi.catalogue.loader import check_catalogue, load_catalogue
from perheovi.catalogue.paths import coverage
from perheovi.catalogue.programme import occurrences

HELSINKI = ZoneInfo("Europe/Helsinki")

FACTS = ROOT / "tests" / "data" / "region-facts"
COUNTY = "providers/county.yaml"


@pytest.fixture(scope="module")
def facts():
    return load_catalogue(FACTS)


@pytest.fixture(scope="module")
def facts_site(tmp_path_factory) -> BuiltSite:
    output = tmp_path_factory.mktemp("region-facts") / "output"
    result = build_site(output, PERHEOVI_CATALOGUE=str(FACTS))
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def problems(catalogue) -> list[str]:
    _, found = check_catalogue(catalogue.path)
    return [problem.render() for problem in found]


# --- coverage: a region-wide service with a place to visit is local there --------------------


def test_a_region_wide_service_is_local_where_it_has_a_location(facts):
    table = coverage(facts)
    assert table["keuruu"]["category:family-counselling"] == "local"
    assert table["multia"]["category:family-counselling"] == "region"


def test_a_region_wide_service_is_local_where_it_has_a_walk_in_channel(facts):
    table = coverage(facts)
    assert table["multia"]["category:social-guidance"] == "local"
    assert table["keuruu"]["category:social-guidance"] == "region"


def test_a_region_wide_service_with_nowhere_to_visit_stays_region_wide(facts):
    table = coverage(facts)
    assert {table[m]["category:family-work"] for m in ("keuruu", "multia")} == {"region"}


def test_the_coverage_page_and_report_say_local_where_the_clinic_is(facts_site):
    table = facts_site.page("/en/coverage/").cssselect("table.coverage")[0]
    header = [th.text_content() for th in table.cssselect("thead th")]
    column = header.index("Child guidance and family counselling")
    cells = {
        row[0].text_content(): row[column].text_content() for row in table.cssselect("tbody tr")
    }
    assert cells == {"Keuruu": "local", "Multia": "region"}
    report = subprocess.run(
        [sys.executable, "-m", "perheovi", "report", "coverage", str(FACTS), "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split(",") for line in report.stdout.splitlines()]
    column = rows[0].index("family-counselling")
    assert {row[0]: row[column] for row in rows[1:]} == {"Keuruu": "local", "Multia": "region"}


# --- hours not yet confirmed; the normal cost of the call ------------------------------------


def channel_named(page, name: str):
    [channel] = [li for li in page.cssselect("li.channel") if name in li.text_content()]
    return channel


def test_unconfirmed_hours_are_shown_as_not_yet_confirmed(facts_site):
    page = facts_site.page("/en/service/neuvontapuhelin/")
    evening = channel_named(page, "Evening line")
    assert "Hours not yet confirmed." in text_of(evening)
    assert "17.00–20.00" in text_of(evening)
    assert "not yet confirmed" not in text_of(channel_named(page, "Advice line"))
    finnish = channel_named(facts_site.page("/fi/service/neuvontapuhelin/"), "Iltalinja")
    assert "Aikoja ei ole vielä vahvistettu." in text_of(finnish)


def test_unconfirmed_hours_never_feed_the_open_now_status(facts_site):
    page = facts_site.page("/fi/service/neuvontapuhelin/")
    assert channel_named(page, "Neuvontapuhelin").cssselect(".open-now[data-open]")
    assert not channel_named(page, "Iltalinja").cssselect(".open-now")


def test_the_one_line_hours_in_lists_and_search_never_state_unconfirmed_hours(facts_site):
    entry = facts_site.page("/en/category/parenting-support/").cssselect(".channel__hours")[0]
    assert text_of(entry) == "Phone hours Mon–Thu 17.00–20.00 (hours not yet confirmed)"
    results = facts_site.file("/en/search/shard-0-0.json").read_text("utf-8")
    assert '"contact":"Phone 040 000 2003"' in results


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", "Maksuton; puhelusta maksat tavallisen puhelumaksun (pvm/mpm)"),
        ("sv", "Avgiftsfri; du betalar normal samtalsavgift (lna/msa)"),
        ("en", "Free of charge; you pay the normal cost of the call"),
    ],
)
def test_the_normal_cost_of_the_call_is_a_cost_of_its_own(facts_site, lang, expected):
    facts = facts_site.page(f"/{lang}/service/neuvontapuhelin/").cssselect("dl.facts")[0]
    assert expected in text_of(facts)
    assert "Maksullinen" not in text_of(facts)


def test_the_cost_of_a_call_needs_a_phone_line(minimal):
    minimal.replace(COUNTY, "cost: free", "cost: pvm/mpm")
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:20:11: "pvm/mpm" is not a cost; write one of free, '
        'fee, partly, call-charge (did you mean "call-charge"?)'
    ]
    minimal.replace(COUNTY, "cost: pvm/mpm", "cost: call-charge")
    assert problems(minimal) == []
    minimal.replace(COUNTY, "      - type: phone\n        number: 040 000 1234\n", "")
    minimal.replace(
        COUNTY, "        hours:\n          weekly:\n            mon-fri: 8.00-9.00\n", ""
    )
    assert problems(minimal) == [
        "catalogue/providers/county.yaml:20:11: cost: call-charge says a family pays the normal "
        "cost of a phone call, but this service has no phone contact; add the phone line or "
        "choose another cost"
    ]


# --- nationwide services, places outside the region, organiser and provider ------------------


@pytest.mark.parametrize(
    "lang, word", [("fi", "Koko maa"), ("sv", "Hela landet"), ("en", "Nationwide")]
)
def test_a_nationwide_service_says_so(facts_site, lang, word):
    facts = facts_site.page(f"/{lang}/service/valtakunnallinen-linja/").cssselect("dl.facts")[0]
    assert word in text_of(facts)


def test_a_nationwide_service_is_listed_in_every_municipality_as_nationwide(facts_site):
    for slug in ("keuruu", "multia"):
        entries = facts_site.page(f"/en/municipality/{slug}/").cssselect("li.entry")
        [entry] = [
            e for e in entries if "valtakunnallinen-linja" in e.cssselect("a")[0].get("href")
        ]
        assert "nationwide" in entry.cssselect(".entry__provider")[0].text_content()


def test_a_nationwide_service_counts_like_a_region_wide_one(facts):
    table = coverage(facts)
    # its office is in Tampere, outside the region: local nowhere here
    assert {table[m]["category:family-law"] for m in ("keuruu", "multia")} == {"region"}


def test_a_location_outside_the_region_names_its_municipality(facts_site):
    where = facts_site.page("/en/service/valtakunnallinen-linja/").get_element_by_id("where")
    address = text_of(where.getparent())
    assert "Testikatu 3, 33100 Tampere" in address
    assert "Municipality: Tampere (outside the region)" in address
    sv = facts_site.page("/sv/service/valtakunnallinen-linja/").get_element_by_id("where")
    assert "Kommun: Tammerfors (utanför området)" in text_of(sv.getparent())


def test_the_organiser_and_the_provider_are_both_named(facts_site):
    facts = facts_site.page("/en/service/valtakunnallinen-linja/").cssselect("dl.facts")[0]
    named = {
        text_of(dt): (text_of(dd), [a.get("href") for a in dd.cssselect("a")])
        for dt, dd in zip(facts.cssselect("dt"), facts.cssselect("dd"), strict=True)
    }
    assert named["Organised by"] == ("Test Health Agency", ["../../../en/provider/thl/"])
    assert named["Provided by"] == (
        "Testisetlementti (in Finnish)",
        ["../../../en/provider/setlementti/"],
    )
    fi = facts_site.page("/fi/service/valtakunnallinen-linja/").cssselect("dl.facts")[0]
    assert "Järjestäjä Testin terveysvirasto Tuottaja Testisetlementti" in text_of(fi)


def test_the_organisers_page_lists_what_others_provide_for_it(facts_site):
    page = facts_site.page("/en/provider/thl/")
    section = page.get_element_by_id("organised").getparent()
    links = [a.get("href") for a in section.cssselect("h3 a")]
    assert links == ["../../../en/service/valtakunnallinen-linja/"]


def test_a_nationwide_service_is_found_from_any_town(facts_site):
    results = facts_site.file("/fi/search/shard-0.json").read_text("utf-8")
    store = facts_site.file("/fi/search/shard-0-0.json").read_text("utf-8")
    assert '"where":"Koko maa"' in store
    assert '["region"]' in results


AREA = "area: [joensuu]"


def test_national_stands_alone_in_an_area(minimal):
    minimal.replace(COUNTY, AREA, "area: [national, joensuu]")
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:17:11: "national" already covers every municipality; '
        "list nothing else with it"
    ]


TAMPERE_LOCATION = """locations:
  - id: tampere-talo
    name: {fi: Tampereen toimisto}
    address: {street: Testikatu 3, postal_code: "33100", municipality: tampere}
"""


def test_a_location_may_be_in_any_finnish_municipality(minimal):
    minimal.replace(COUNTY, "locations:\n", TAMPERE_LOCATION)
    assert problems(minimal) == []
    minimal.replace(COUNTY, "municipality: tampere", "municipality: tampre")
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:7:72: there is no municipality "tampre" in the catalogue'
    ]


def test_a_meeting_place_outside_the_region_must_say_whom_it_serves(minimal):
    minimal.replace(COUNTY, "locations:\n", TAMPERE_LOCATION)
    minimal.replace(
        COUNTY, "    location: joensuu-talo\n    target", "    location: tampere-talo\n    target"
    )
    assert problems(minimal) == [
        "catalogue/providers/county.yaml:37:15: this meeting place is in Tampere, outside the "
        "region's municipalities; add `area`: the municipalities whose families it serves"
    ]
    minimal.replace(
        COUNTY, "    location: tampere-talo\n", "    location: tampere-talo\n    area: [lieksa]\n"
    )
    assert problems(minimal) == []


def test_the_organiser_is_another_organisation_of_the_catalogue(minimal):
    minimal.replace(COUNTY, AREA, AREA + "\n    organiser: lieksa")
    assert problems(minimal) == []
    minimal.replace(COUNTY, "organiser: lieksa", "organiser: lieksaa")
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:18:16: there is no provider "lieksaa" in the catalogue '
        '(did you mean "lieksa"?)'
    ]
    minimal.replace(COUNTY, "organiser: lieksaa", "organiser: county")
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:18:16: "county" is this file\'s own provider; '
        "`organiser` names another organisation that is responsible for the service, so "
        "remove it"
    ]


# --- run jointly by several providers --------------------------------------------------------


def facts_list(page) -> dict[str, object]:
    facts = page.cssselect("dl.facts")[0]
    return {
        text_of(dt): dd for dt, dd in zip(facts.cssselect("dt"), facts.cssselect("dd"), strict=True)
    }


def test_a_meeting_place_names_the_partners_it_is_run_with(facts_site):
    facts = facts_list(facts_site.page("/en/meeting-place/valo-perhekahvila/"))
    assert [a.get("href") for a in facts["Organised by"].cssselect("a")] == [
        "../../../en/municipality/keuruu/"
    ]
    together = facts["Together with"]
    assert [a.get("href") for a in together.cssselect("a")] == [
        "../../../en/provider/mll/",
        "../../../en/provider/seurakunta/",
    ]
    fi = facts_list(facts_site.page("/fi/meeting-place/valo-perhekahvila/"))
    assert text_of(fi["Yhteistyössä"]) == "Testin lastensuojeluyhdistys, Testin seurakunta"


def test_a_partners_own_page_lists_what_it_runs_with_others(facts_site):
    for slug, expected in [
        ("mll", ["meeting-place/valo-perhekahvila/", "service/neuvontapuhelin/"]),
        ("seurakunta", ["meeting-place/valo-perhekahvila/"]),
    ]:
        section = facts_site.page(f"/fi/provider/{slug}/").get_element_by_id("together")
        links = [a.get("href") for a in section.getparent().cssselect("h3 a")]
        assert sorted(link.split("/fi/")[1] for link in links) == expected


def test_a_service_names_its_partners(facts_site):
    facts = facts_list(facts_site.page("/fi/service/neuvontapuhelin/"))
    assert text_of(facts["Yhteistyössä"]) == "Testin lastensuojeluyhdistys"


def test_a_meeting_place_in_a_list_names_all_who_run_it(facts_site):
    places = facts_site.page("/fi/municipality/keuruu/").get_element_by_id("meeting-places")
    [entry] = places.cssselect("li.entry")
    assert text_of(entry.cssselect(".entry__provider")[0]).endswith(
        "Keuruu, Testin lastensuojeluyhdistys, Testin seurakunta"
    )


PLACE_TERMS = "    terms:\n"


def test_partners_are_other_organisations_of_the_catalogue(minimal):
    minimal.replace(COUNTY, PLACE_TERMS, "    partners: [lieksa, joensuu]\n" + PLACE_TERMS)
    assert problems(minimal) == []
    minimal.replace(
        COUNTY, "partners: [lieksa, joensuu]", "partners: [lieksa, county, lieksa, mll]"
    )
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:37:24: "county" is this file\'s own provider; '
        "`partners` lists the other organisations that run it together with it, so remove it",
        'catalogue/providers/county.yaml:37:32: "lieksa" is listed twice in `partners`; keep one',
        'catalogue/providers/county.yaml:37:40: there is no provider "mll" in the catalogue',
    ]


def test_a_meeting_place_outside_the_region_is_listed_where_it_serves_and_says_where(facts_site):
    multia = facts_site.page("/en/municipality/multia/").get_element_by_id("meeting-places")
    assert "Testikatu 3, Tampere" in text_of(multia)
    keuruu = facts_site.page("/en/municipality/keuruu/").get_element_by_id("meeting-places")
    assert "tampereen-olohuone" not in lxml_html(keuruu)
    outside = facts_site.page("/en/meeting-places/").get_element_by_id("m-outside")
    assert "Tampereen perheolohuone" in text_of(outside.getparent())
    place = facts_site.page("/en/meeting-place/tampereen-olohuone/").get_element_by_id("where")
    assert "Municipality: Tampere (outside the region)" in text_of(place.getparent())


def lxml_html(element) -> str:
    return lxml.html.tostring(element, encoding="unicode")


# --- a channel's own languages ---------------------------------------------------------------


def test_a_channel_names_its_own_languages(facts_site):
    page = facts_site.page("/en/service/keskusteluapu/")
    swedish = channel_named(page, "Swedish line")
    assert text_of(swedish.cssselect(".channel__languages")[0]) == "Languages: Swedish"
    chat = page.cssselect("li.channel--chat")[0]
    assert text_of(chat.cssselect(".channel__languages")[0]) == "Languages: Finnish, English"
    fi = channel_named(facts_site.page("/fi/service/keskusteluapu/"), "Svenska linjen")
    assert text_of(fi.cssselect(".channel__languages")[0]) == "Kielet: ruotsi"


def test_a_channel_in_a_list_names_its_own_languages(facts_site):
    entry = facts_site.page("/en/category/crisis-help/").cssselect("li.entry")[0]
    assert text_of(entry.cssselect(".channel__languages")[0]) == "(Finnish)"


def test_a_language_only_some_channels_offer_is_shown_with_those_channels(facts_site):
    languages = facts_list(facts_site.page("/en/service/keskusteluapu/"))["Languages"]
    assert [text_of(li) for li in languages.cssselect("li")] == [
        "Finnish: Phone (24/7); Chat",  # named in Finnish only: called by its kind
        "Swedish: Swedish line (Mon 10.00–12.00)",
        "English: English line (Tue 16.00–20.00); Chat",
    ]


def test_languages_every_channel_offers_are_plain(facts_site):
    languages = facts_list(facts_site.page("/en/service/perheneuvola/"))["Languages"]
    assert text_of(languages) == "Finnish"
    assert not languages.cssselect("li")


def test_a_channel_language_must_be_one_of_the_services(minimal):
    minimal.replace(
        COUNTY,
        "        number: 040 000 1234\n",
        "        number: 040 000 1234\n        languages: [sv, en]\n",
    )
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:24:25: "en" is not one of the languages of this '
        "service or meeting place (fi, sv); add it to its `languages` too, or remove it here"
    ]


def test_a_service_language_no_channel_offers_is_an_error(minimal):
    minimal.replace(
        COUNTY,
        "        number: 040 000 1234\n",
        "        number: 040 000 1234\n        languages: [fi]\n",
    )
    assert problems(minimal) == []  # the walk-in channel offers both
    minimal.replace(
        COUNTY,
        "        location: joensuu-talo\n",
        "        location: joensuu-talo\n        languages: [fi]\n",
    )
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:19:21: "sv" is a language of this service, but every '
        'contact channel names its languages and none of them has "sv"; add it to the channel '
        "that offers it, or remove it here"
    ]


# --- strong identification; text messages ----------------------------------------------------


def test_a_channel_needing_strong_identification_says_so_next_to_its_link(facts_site):
    booking = channel_named(facts_site.page("/en/service/perheneuvola/"), "Booking")
    link = booking.cssselect("a.channel__action")[0]
    assert link.get("href") == "https://asiointi.example.fi/perheneuvola"
    note = link.getnext()
    assert note.get("class") == "channel__identification"
    assert text_of(note) == (
        "(you sign in with strong identification: online banking codes or a mobile certificate)"
    )
    fi = channel_named(facts_site.page("/fi/service/perheneuvola/"), "Ajanvaraus")
    assert "vahvalla tunnistautumisella: verkkopankkitunnuksilla tai mobiilivarmenteella" in (
        text_of(fi)
    )
    assert not channel_named(
        facts_site.page("/en/service/perheneuvola/"), "040 000 2001"
    ).cssselect(".channel__identification")


def test_a_chat_in_a_list_says_it_needs_strong_identification(facts_site):
    [entry] = [
        e
        for e in facts_site.page("/en/category/family-work/").cssselect("li.entry")
        if "perhetyo-chat" in lxml_html(e)
    ]
    assert entry.cssselect(".channel--chat .channel__identification")


def test_a_text_message_channel_shows_the_number_and_what_to_write_without_a_link(facts_site):
    page = facts_site.page("/fi/service/tekstariapu/")
    first, second = page.cssselect("ul.channels li.channel--sms")
    assert text_of(first).startswith(
        "Tekstiviesti: 040 000 2030; aloita viesti sanalla APUA Viesteihin vastataan"
    )
    assert first.cssselect("kbd")[0].text_content() == "APUA"
    assert text_of(second).startswith("Vanhempien tekstari: tekstiviesti numeroon 040 000 2031")
    hrefs = [a.get("href") for a in page.cssselect("ul.channels a")]
    assert not [h for h in hrefs if h.startswith(("sms:", "tel:"))]


def test_a_text_message_channel_is_the_first_contact_in_search(facts_site):
    store = facts_site.file("/en/search/shard-0-0.json").read_text("utf-8")
    assert '"contact":"Text message 040 000 2030"' in store


SMS = "      - type: phone\n        number: 040 000 1234\n"
PHONE_BLOCK = SMS + "        hours:\n          weekly:\n            mon-fri: 8.00-9.00\n"


def test_an_sms_channel_takes_a_short_number_only_if_it_takes_text_messages(minimal):
    minimal.replace(
        COUNTY, SMS, '      - type: sms\n        number: "112"\n        keyword: HÄTÄ\n'
    )
    assert problems(minimal) == []
    minimal.replace(COUNTY, 'number: "112"', "number: 116 111")
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:23:17: "116 111" does not take text messages; an sms '
        "contact needs a number that does (short numbers that take them: 112), or make this a "
        "phone contact"
    ]


def test_a_short_number_for_text_messages_only_cannot_be_called():
    from perheovi.catalogue.values import read_short_numbers, short_number_problem

    table = read_short_numbers(
        '- {number: "16183", service: x, source: y, texts: true, calls: false}\n'
        '- {number: "116 111", service: x, source: y}\n'
    )
    assert short_number_problem("16183", "phone", table) == "short_number_no_calls"
    assert short_number_problem("16183", "sms", table) is None
    assert short_number_problem("116111", "sms", table) == "short_number_no_texts"
    assert short_number_problem("116111", "phone", table) is None
    assert short_number_problem("+358400001234", "sms", table) is None


@pytest.mark.parametrize(
    "contact, field",
    [
        (
            "{type: web, url: 'https://example.fi/', strong_identification: true}",
            "strong_identification",
        ),
        ("{type: phone, number: 040 000 1234, keyword: APUA}", "keyword"),
        ("{type: sms, number: 040 000 1234, callback: true}", "callback"),
    ],
)
def test_channel_fields_belong_to_their_kinds(minimal, contact, field):
    minimal.replace(COUNTY, PHONE_BLOCK, f"      - {contact}\n")
    [found] = problems(minimal)
    assert found.endswith(
        f'"{field}" is not used on a {contact.split(",")[0][7:]} contact; remove it'
    )


# --- week patterns in a meeting place's programme --------------------------------------------

VALO = "/fi/meeting-place/valo-perhekahvila/"


def test_this_week_shows_only_the_activities_whose_weeks_it_is(facts_site):
    # the build date 18.11.2026 is in ISO week 47 (odd), the month's third week
    week = [text_of(li) for li in facts_site.page(VALO).cssselect("ul.this-week li")]
    assert week == [
        "ke 18.11.2026 9.30–11.30: Perhekahvila",
        "to 19.11.2026 10.00–11.00: Satuhetki – peruttu",
    ]


def test_the_programme_says_which_weeks_and_when_next(facts_site):
    rows = {
        text_of(row.cssselect("td .activity__name")[0]): " ".join(
            " ".join(row[0].itertext()).split()
        )
        for row in facts_site.page(VALO).cssselect("table.programme tbody tr")
    }
    assert rows == {
        "Perhekahvila": "keskiviikko 9.30–11.30",
        "Vauvakerho": "tiistai 9.30–11.00 parilliset viikot seuraavan kerran 24.11.2026",
        "Satuhetki": "torstai 10.00–11.00 parittomat viikot seuraavan kerran 3.12.2026",
        "Isä-lapsi-lauantai": "lauantai 10.00–12.00 kuukauden ensimmäinen lauantai "
        "seuraavan kerran 5.12.2026",
        "Perheilta": "perjantai 17.00–19.00 kuukauden viimeinen perjantai "
        "seuraavan kerran 27.11.2026",
    }


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("sv", ["jämna veckor", "första lördagen i månaden", "sista fredagen i månaden"]),
        ("en", ["even weeks", "the first Saturday of the month", "the last Friday of the month"]),
    ],
)
def test_the_weeks_are_told_in_the_page_language(facts_site, lang, expected):
    page = facts_site.page(f"/{lang}/meeting-place/valo-perhekahvila/")
    patterns = [text_of(span) for span in page.cssselect(".programme__pattern")]
    assert set(expected) <= set(patterns)


def expanded(feed: bytes, first: dt.date, last: dt.date) -> list[tuple]:
    calendar = icalendar.Calendar.from_ical(feed)
    events = recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1))
    return sorted(
        (event["DTSTART"].dt.astimezone(HELSINKI).replace(tzinfo=None), str(event["SUMMARY"]))
        for event in events
    )


def shown(place, first: dt.date, last: dt.date) -> list[tuple]:
    """The occurrences the site shows ("this week"), as the calendar should list them."""
    return sorted(
        (
            dt.datetime.combine(
                o.day, dt.time(o.activity.time.start // 60, o.activity.time.start % 60)
            ),
            f"{o.activity.name.fi} – {place.name.fi}",
        )
        for o in occurrences(place, first, last)
    )


@pytest.mark.parametrize("place", ["valo-perhekahvila", "tampereen-olohuone"])
def test_the_calendar_holds_exactly_the_dates_the_site_shows(facts_site, facts, place):
    first, last = dt.date(2026, 8, 1), dt.date(2027, 6, 30)
    feed = facts_site.file(f"/fi/meeting-place/{place}/calendar.ics").read_bytes()
    want = shown(facts.meeting_places[place], first, last)
    assert expanded(feed, first, last) == want
    assert len(want) > 15


def rules(place: str, site) -> dict[str, str]:
    calendar = icalendar.Calendar.from_ical(
        site.file(f"/fi/meeting-place/{place}/calendar.ics").read_bytes()
    )
    found = {}
    for event in calendar.walk("VEVENT"):
        rule = event["RRULE"].to_ical().decode()
        rule = re.sub(r";?UNTIL=[0-9TZ]+", "", rule)
        found.setdefault(str(event["SUMMARY"]).split(" – ")[0], []).append(rule)
    return found


def test_each_pattern_has_the_rule_calendar_apps_know(facts_site):
    valo = rules("valo-perhekahvila", facts_site)
    assert valo["Isä-lapsi-lauantai"] == ["FREQ=MONTHLY;BYDAY=1SA"]
    assert valo["Perheilta"] == ["FREQ=MONTHLY;BYDAY=-1FR"]
    # across 2026-W53 and 2027-W01 every other week is wrong: the weeks are listed
    assert valo["Satuhetki"] == [
        "FREQ=YEARLY;BYDAY=TH;BYWEEKNO=" + ",".join(str(w) for w in range(1, 54, 2)) + ";WKST=MO"
    ]
    # within one year, or across the end of a 52-week year, every other week holds
    assert rules("tampereen-olohuone", facts_site)["Olohuone"] == [
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=WEEKLY;INTERVAL=2",
    ]


CANCELLED = "        time: 9.30-11.30\n"


@pytest.mark.parametrize(
    "pattern, cancelled, expected",
    [
        (
            "weeks: even",
            "2026-09-08",
            "2026-09-08 is not a day this activity takes place; in 2026-09 it is on 2026-09-01, "
            "2026-09-15, 2026-09-29",
        ),
        (
            "monthly: [1, 3]",
            "2026-09-08",
            "2026-09-08 is not a day this activity takes place; in 2026-09 it is on 2026-09-01, "
            "2026-09-15",
        ),
        (
            "monthly: last",
            "2026-09-22",
            "2026-09-22 is not a day this activity takes place; in 2026-09 it is on 2026-09-29",
        ),
    ],
)
def test_a_cancellation_must_be_on_a_day_the_pattern_holds(minimal, pattern, cancelled, expected):
    minimal.replace(
        COUNTY, CANCELLED, f"{CANCELLED}        {pattern}\n        cancelled: [{cancelled}]\n"
    )
    assert problems(minimal) == [f"catalogue/providers/county.yaml:43:21: {expected}"]


def test_a_cancellation_the_pattern_holds_on_is_accepted(minimal):
    minimal.replace(
        COUNTY, CANCELLED, f"{CANCELLED}        weeks: odd\n        cancelled: [2026-09-08]\n"
    )
    assert problems(minimal) == []


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (
            "weeks: even\n        monthly: [1]",
            "40:9: an activity is either on even or odd weeks (weeks) or on some weeks of the "
            "month (monthly), not both; keep one",
        ),
        (
            "monthly: [5]",
            '42:19: "5" is not a week of the month; write one of 1, 2, 3, 4, last',
        ),
        (
            "weeks: parillinen",
            '42:16: "parillinen" is not even or odd weeks; write one of even, odd',
        ),
    ],
)
def test_a_pattern_is_checked(minimal, pattern, expected):
    minimal.replace(COUNTY, CANCELLED, f"{CANCELLED}        {pattern}\n")
    assert problems(minimal) == [f"catalogue/providers/county.yaml:{expected}"]


@pytest.fixture(scope="module")
def facts_url(facts_site):
    import functools
    import http.server
    import threading

    from conftest import QuietHandler

    handler = functools.partial(QuietHandler, directory=str(facts_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_open_now_script_says_nothing_about_unconfirmed_hours(facts_url, browser):
    page = browser.new_page()
    # a Tuesday at 18.00 in Helsinki: the evening line's unconfirmed hours would say "open"
    page.clock.install(time=dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC))
    page.goto(f"{facts_url}/en/service/neuvontapuhelin/")
    statuses = page.eval_on_selector_all(
        "li.channel",
        "items => items.map(li => [li.textContent.includes('Evening line'), "
        "[...li.querySelectorAll('.open-now')].filter(p => !p.hidden).map(p => p.textContent)])",
    )
    assert [status for evening, status in statuses if evening] == [[]]
    assert [status for evening, status in statuses if not evening] == [
        ["Closed now. Opens tomorrow at 9.00"]
    ]
    page.close()


@pytest.mark.parametrize(
    "key, name",
    [
        ("service/valtakunnallinen-linja/", "Test Health Agency"),  # its organiser
        ("meeting-place/valo-perhekahvila/", "Testin seurakunta"),  # a partner
        ("service/neuvontapuhelin/", "Testin lastensuojeluyhdistys"),  # a partner
    ],
)
def test_the_search_finds_an_entry_by_its_organiser_or_partners(facts_site, key, name):
    import json

    from perheovi.search.index import language_pipeline

    store = json.loads(facts_site.file("/en/search/shard-0-0.json").read_text("utf-8"))
    ref = str(next(number for number, doc in enumerate(store) if doc["key"] == key))
    index = json.loads(facts_site.file("/en/search/shard-0.json").read_text("utf-8"))["index"]
    places = index["fields"].index("places")  # the packed form of search.index.pack_index
    postings = {  # a term's documents as differences: [field, first, +next, …]
        term: {
            str(sum(group[1 : n + 1]))
            for group in groups
            if group[0] == places
            for n in range(1, len(group))
        }
        for term, groups in index["terms"]
    }
    for term in language_pipeline("en").terms(name):
        assert ref in postings[term], term


def test_a_meeting_place_channel_language_must_be_one_of_the_places(minimal):
    minimal.replace(
        COUNTY,
        "    languages: [fi]\n    terms:",
        "    languages: [fi]\n    contacts:\n      - {type: phone, number: 040 000 1235, "
        "languages: [ar]}\n    terms:",
    )
    assert problems(minimal) == [
        'catalogue/providers/county.yaml:38:57: "ar" is not one of the languages of this '
        "service or meeting place (fi); add it to its `languages` too, or remove it here"
    ]
