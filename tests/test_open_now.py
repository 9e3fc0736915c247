"""'Open now' in real Chromium, with the clock frozen and the device in another time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

HELSINKI = ZoneInfo("Europe/Helsinki")
SERVICE = "service/joensuu-lastenneuvola/"  # first channel: phone hours mon-fri 8.00-9.00

EXPECTED = {
    "2026-11-24 08:30": {
        "fi": "Avoinna nyt, klo 9.00 asti",
        "sv": "Öppet nu, till kl. 09.00",
        "en": "Open now, until 9.00",
    },
    "2026-11-24 10:00": {
        "fi": "Suljettu nyt. Avautuu huomenna klo 8.00",
        "sv": "Stängt nu. Öppnar i morgon kl. 08.00",
        "en": "Closed now. Opens tomorrow at 8.00",
    },
    "2026-11-27 12:00": {
        "fi": "Suljettu nyt. Avautuu maanantaina klo 8.00",
        "sv": "Stängt nu. Öppnar på måndag kl. 08.00",
        "en": "Closed now. Opens Monday at 8.00",
    },
    "2026-11-25 07:15": {
        "fi": "Suljettu nyt. Avautuu tänään klo 8.00",
        "sv": "Stängt nu. Öppnar i dag kl. 08.00",
        "en": "Closed now. Opens today at 8.00",
    },
    # Christmas Eve and Day are holidays: from Wednesday 23.12. the next call is on Monday.
    "2026-12-23 12:00": {
        "fi": "Suljettu nyt. Avautuu maanantaina klo 8.00",
        "sv": "Stängt nu. Öppnar på måndag kl. 08.00",
        "en": "Closed now. Opens Monday at 8.00",
    },
}


def helsinki(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(timezone="America/New_York"):
        context = browser.new_context(timezone_id=timezone, locale="en-US")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("moment", sorted(EXPECTED))
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_open_now_text_in_a_foreign_time_zone(site_url, new_page, moment, lang):
    page = new_page()
    page.clock.set_fixed_time(helsinki(moment))
    page.goto(f"{site_url}/{lang}/{SERVICE}")
    status = page.locator(".open-now").first
    assert status.text_content() == EXPECTED[moment][lang]
    assert status.is_visible()


def test_status_updates_without_reload(site_url, new_page):
    page = new_page(timezone="Asia/Tokyo")
    page.clock.install(time=helsinki("2026-11-24 08:59:00"))
    page.goto(f"{site_url}/fi/{SERVICE}")
    status = page.locator(".open-now").first
    assert status.text_content() == "Avoinna nyt, klo 9.00 asti"
    page.clock.run_for(90_000)
    assert status.text_content() == "Suljettu nyt. Avautuu huomenna klo 8.00"


def test_stale_site_says_nothing_rather_than_something_wrong(site_url, new_page):
    page = new_page()
    page.clock.set_fixed_time(helsinki("2027-03-01 08:30"))
    page.goto(f"{site_url}/fi/{SERVICE}")
    assert page.locator(".open-now").first.is_hidden()


def test_without_javascript_the_hours_table_is_there_and_no_status(site_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/fi/{SERVICE}")
    assert page.locator(".open-now").first.is_hidden()
    assert "maanantai–perjantai" in page.locator("table.hours").first.text_content()
    context.close()


# --- today's status wherever a contact is listed ------------------------------------------------


def listed_channels_with_hours(page):
    return [
        channel
        for channel in page.cssselect(".channels--inline .channel")
        if channel.find_class("channel__hours")
    ]


def test_every_listed_contact_with_hours_shows_the_build_dates_hours(site, catalogue):
    """Without JavaScript a listed contact says what the build date looked like, with that
    date ("ke 18.11.2026: 8.00–9.00"), never "open now": a week-old page stays true."""
    checked = 0
    for path in site.html_paths:
        if not path.startswith("/fi/"):
            continue
        for channel in listed_channels_with_hours(site.page(path)):
            if "24/7" in channel.text_content() or "ympäri vuorokauden" in channel.text_content():
                continue
            today = channel.find_class("channel__today")
            unconfirmed = channel.find_class("hours__unconfirmed")
            assert today or unconfirmed, (path, channel.text_content())
            if today:
                assert today[0].text_content().startswith("ke 18.11.2026: ")
                [live] = channel.find_class("open-now")
                assert live.get("hidden") is not None and live.get("data-open")
                checked += 1
    assert checked > 50


def test_listed_contacts_show_the_live_status_with_javascript(site_url, browser, catalogue):
    path = next(iter(catalogue.paths.values()))
    municipality = next(iter(catalogue.municipalities))
    context = browser.new_context(timezone_id="Europe/Helsinki")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(helsinki("2026-11-18 08:30"))
        page.goto(f"{site_url}/fi/path/{path.slug}/{municipality}/")
        shown = page.eval_on_selector_all(
            ".channels--inline .open-now",
            "els => els.map(e => [e.hidden, e.textContent, e.previousElementSibling.hidden])",
        )
        assert shown
        assert all(not hidden and text and dated_hidden for hidden, text, dated_hidden in shown)
        assert any(text.startswith("Avoinna nyt") for _, text, _ in shown)
    finally:
        context.close()


def place_with_a_session_on_the_build_date(catalogue):
    from perheovi.catalogue.programme import occurrences

    day = dt.date(2026, 11, 18)
    for place in catalogue.sorted_meeting_places:
        sessions = occurrences(place, day, day)
        if sessions:
            return place, sessions[0].activity
    raise AssertionError("no meeting place of the test network meets on the build date")


def test_every_listed_meeting_place_shows_the_build_dates_sessions(site, catalogue):
    place, activity = place_with_a_session_on_the_build_date(catalogue)
    pages = ["/fi/meeting-places/", *(f"/fi/municipality/{m}/" for m in catalogue.municipalities)]
    listed = 0
    for path in pages:
        for today in site.page(path).find_class("place__today"):
            [dated] = today.find_class("channel__today")
            [live] = today.find_class("open-now")
            assert dated.text_content().startswith("ke 18.11.2026: "), path
            assert live.get("hidden") is not None and live.get("data-until"), path
            listed += 1
    assert listed >= len(catalogue.meeting_places)
    page = site.page("/fi/meeting-places/")
    [entry] = [a.getparent().getparent() for a in page.cssselect(f"h3 a[href$='/{place.id}/']")]
    [dated] = entry.find_class("channel__today")
    assert f"{activity.name.fi} " in dated.text_content()
    street = catalogue.locations[place.location].address.street
    assert street in entry.find_class("place__address")[0].text_content()


def test_a_meeting_place_is_open_while_a_session_is_on(site_url, browser, catalogue):
    place, activity = place_with_a_session_on_the_build_date(catalogue)
    start = dt.datetime(2026, 11, 18, activity.time.start // 60, activity.time.start % 60)
    context = browser.new_context(timezone_id="Europe/Helsinki")
    try:
        page = context.new_page()
        page.clock.set_fixed_time((start + dt.timedelta(minutes=10)).replace(tzinfo=HELSINKI))
        page.goto(f"{site_url}/fi/meeting-places/")
        entry = page.locator("article.place", has=page.locator(f"h3 a[href$='/{place.id}/']"))
        status = entry.locator(".open-now")
        assert status.is_visible()
        assert status.text_content().startswith("Avoinna nyt")
        assert not entry.locator(".channel__today").is_visible()
    finally:
        context.close()
