"""The list filters (filters.js): each narrows a list to exactly the entries whose catalogue facts
match, with the keyboard, in the URL and a live region; without JavaScript every entry states
those facts itself. Read against the test network's catalogue, in real Chromium."""

from __future__ import annotations

import datetime as dt
import subprocess
from zoneinfo import ZoneInfo

import pytest
from conftest import PHONE, ROOT

AGES = {  # the bands as the catalogue's target groups say them
    "expecting": {"expecting"},
    "0-6": {"babies", "under-school-age"},
    "7-12": {"school-age"},
    "13-17": {"teenagers"},
    "18-29": {"young-adults"},
}
ALL_AGES = set().union(*AGES.values())


def test_the_filter_functions_pass_their_unit_tests():
    result = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "filters.test.js")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# pass 9" in result.stdout and "# fail 0" in result.stdout


@pytest.fixture
def lieksa(browser, site_url):
    context = browser.new_context(viewport=PHONE, timezone_id="Europe/Helsinki")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(dt.datetime(2026, 11, 18, 8, 30, tzinfo=ZoneInfo("Europe/Helsinki")))
    page.goto(f"{site_url}/fi/municipality/lieksa/")
    page.wait_for_selector(".filters:not([hidden])")
    yield page
    assert not errors
    context.close()


def shown(page) -> dict[str, bool]:
    """Every listed entry of the page's topics (kind/id) and whether the filters leave it."""
    rows = page.eval_on_selector_all(
        "section.topics li.entry",
        "items => items.map(li => [li.querySelector('a').getAttribute('href'), !li.hidden])",
    )
    found = {}
    for href, visible in rows:
        kind, ref = href.rstrip("/").split("/")[-2:]
        found[f"{kind}/{ref}"] = visible
    return found


def entry(catalogue, key):
    kind, ref = key.split("/")
    return catalogue.services[ref] if kind == "service" else catalogue.meeting_places[ref]


@pytest.mark.parametrize(
    "choice, fits",
    [
        (
            'input[name="kieli"][value="sv"]',
            lambda e: "sv" in e.languages,
        ),
        (
            'input[name="ika"][value="13-17"]',
            lambda e: "teenagers" in e.target_groups or not ALL_AGES & set(e.target_groups),
        ),
        (
            'input[name="maksuton"]',
            lambda e: getattr(e, "cost", "free") in ("free", "call-charge"),
        ),
        (
            'input[name="tapa"][value="home"]',
            lambda e: "home" in getattr(e, "delivery", ["location"]),
        ),
    ],
)
def test_each_filter_leaves_exactly_the_entries_whose_facts_match(lieksa, catalogue, choice, fits):
    before = shown(lieksa)
    assert all(before.values()) and len(before) > 20
    lieksa.locator(".filters > summary").click()
    lieksa.locator(choice).check()
    after = shown(lieksa)
    expected = {key: bool(fits(entry(catalogue, key))) for key in after}
    assert after == expected
    assert 0 < sum(after.values()) < len(after)
    status = lieksa.locator("#filters-status")
    assert status.get_attribute("role") == "status"
    assert status.text_content() == f"{sum(after.values())}/{len(after)} näkyvissä."


def test_open_now_leaves_the_entries_whose_listed_contact_is_open(lieksa):
    """Wednesday 18.11.2026 at 8.30: the entries left say "open now" or answer 24/7."""
    lieksa.locator(".filters > summary").click()
    lieksa.locator('input[name="auki"][value="nyt"]').check()
    rows = lieksa.eval_on_selector_all(
        "section.topics li.entry",
        """items => items.map(li => [!li.hidden, li.dataset.always === 'yes',
            Array.from(li.querySelectorAll('.open-now')).some(s => !s.hidden &&
              s.classList.contains('open-now--open'))])""",
    )
    assert any(visible for visible, _, _ in rows) and not all(visible for visible, _, _ in rows)
    for visible, always, open_now in rows:
        assert visible == (always or open_now)


def test_filters_live_in_the_url_and_back_undoes_one(lieksa):
    lieksa.locator(".filters > summary").click()
    lieksa.locator('input[name="kieli"][value="sv"]').check()
    lieksa.locator('input[name="ika"][value="0-6"]').check()
    assert lieksa.url.endswith("?ika=0-6&kieli=sv")
    both = shown(lieksa)
    lieksa.go_back()
    lieksa.wait_for_url(lambda url: url.endswith("/lieksa/?kieli=sv"))
    assert not lieksa.locator('input[name="ika"][value="0-6"]').is_checked()
    assert sum(shown(lieksa).values()) >= sum(both.values())
    shared = lieksa.url + "&ika=0-6"
    lieksa.goto(shared)
    lieksa.wait_for_selector(".filters[open]")
    assert shown(lieksa) == both
    lieksa.locator(".filters__reset").click()
    lieksa.wait_for_url(lambda url: url.endswith("/lieksa/"))
    assert all(shown(lieksa).values())


def test_the_filters_work_with_the_keyboard_alone(lieksa):
    lieksa.locator(".filters > summary").focus()
    lieksa.keyboard.press("Enter")
    assert lieksa.locator(".filters").get_attribute("open") is not None
    lieksa.keyboard.press("Tab")  # sort by distance
    assert lieksa.evaluate("document.activeElement.className") == "filters__distance"
    lieksa.keyboard.press("Tab")  # the first age band
    assert lieksa.evaluate("document.activeElement.name") == "ika"
    lieksa.keyboard.press("Space")
    lieksa.wait_for_url(lambda url: "?ika=" in url)
    assert lieksa.locator("#filters-status").text_content().endswith("näkyvissä.")


def test_axe_finds_nothing_with_the_filters_open(lieksa):
    from perheovi.gates import browser as gates
    from perheovi.site.vendor import GATES_DIR

    lieksa.locator(".filters > summary").click()
    lieksa.locator('input[name="kieli"][value="sv"]').check()
    gates.inject_axe(lieksa, (GATES_DIR / "axe.min.js").read_text("utf-8"))
    found, overflow, _ = gates.at_width(lieksa, "375 px", [])
    assert not found and not any(overflow), (found, overflow)


@pytest.mark.parametrize(
    "choice, fits",
    [
        ("kieli=sv", lambda e: "sv" in e.languages),
        (
            "esteeton=wheelchair",
            lambda e: not places_of(e) or any("step-free" in p.access for p in places_of(e)),
        ),
    ],
)
def test_search_results_filter_by_the_same_facts(browser, site_url, catalogue, choice, fits):
    page = browser.new_page()
    page.goto(f"{site_url}/fi/search/?q=neuvola&{choice}")
    page.wait_for_selector("#search-results[data-state]", state="attached")
    rows = page.eval_on_selector_all(
        "#search-results li.result",
        "items => items.map(li => [li.querySelector('a').getAttribute('href'), !li.hidden])",
    )
    page.close()
    assert any(visible for _, visible in rows) and not all(visible for _, visible in rows)
    for href, visible in rows:
        kind, ref = href.rstrip("/").split("/")[-2:]
        if kind in ("service", "meeting-place"):
            assert visible == fits(entry(catalogue, f"{kind}/{ref}")), href


def test_without_javascript_every_entry_states_its_facts_and_the_filters_stay_hidden(
    site, catalogue
):
    page = site.page("/en/municipality/lieksa/")
    assert page.cssselect("details.filters")[0].get("hidden") is not None
    entries = page.cssselect("section.topics li.entry")
    assert len(entries) > 20
    for li in entries:
        kind, ref = li.cssselect("a")[0].get("href").rstrip("/").split("/")[-2:]
        listed = entry(catalogue, f"{kind}/{ref}")
        facts = li.cssselect(".entry__facts")[0].text_content()
        assert ("Ages:" in facts) == bool(ALL_AGES & set(listed.target_groups)), facts
        assert "Finnish" in facts or "fi" not in listed.languages
        if "sv" in listed.languages:
            assert "Swedish" in facts
        assert any(word in facts for word in ("Free", "fee")), facts


def places_of(listed) -> list:
    """The Locations a family visits the entry at, from the catalogue itself."""
    if hasattr(listed, "venues"):
        return [*listed.venues, *(c.venue for c in listed.contacts if c.venue is not None)]
    return [listed.venue]


def test_getting_in_with_a_wheelchair_leaves_step_free_places_and_no_visit_services(
    lieksa, catalogue
):
    lieksa.locator(".filters > summary").click()
    lieksa.locator('input[name="esteeton"][value="wheelchair"]').check()
    after = shown(lieksa)
    for key, visible in after.items():
        places = places_of(entry(catalogue, key))
        assert visible == (not places or any("step-free" in p.access for p in places)), key
    assert 0 < sum(after.values()) < len(after)
    assert lieksa.url.endswith("?esteeton=wheelchair")


def haversine(a, b) -> float:
    import math

    (lat1, lon1), (lat2, lon2) = (map(math.radians, point) for point in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_sort_by_distance_orders_each_list_nearest_first_and_sends_nothing(
    browser, site_url, catalogue
):
    here = (63.3160, 30.0160)  # Lieksa's centre, as the browser reports it (mocked)
    context = browser.new_context(
        viewport=PHONE,
        geolocation={"latitude": here[0], "longitude": here[1]},
        permissions=["geolocation"],
    )
    try:
        page = context.new_page()
        requests: list[str] = []
        page.goto(f"{site_url}/fi/municipality/lieksa/")
        page.wait_for_selector(".filters:not([hidden])")
        page.on("request", lambda request: requests.append(request.url))
        page.locator(".filters > summary").click()
        page.locator(".filters__distance").click()
        page.wait_for_selector(".filters__distance[aria-pressed=true]")
        lists = page.eval_on_selector_all(
            "section.topics ul.entries",
            """lists => lists.map(list => Array.from(list.children).map(li => [
                li.querySelector('a').getAttribute('href'),
                (li.querySelector('.entry__distance') || {}).textContent || null]))""",
        )
        assert page.locator("#filters-status").text_content().startswith("Järjestetty")
    finally:
        context.close()
    assert not requests, requests  # the location stayed in the page
    sorted_lists = 0
    for rows in lists:
        distances = []
        for href, shown_km in rows:
            kind, ref = href.rstrip("/").split("/")[-2:]
            places = [p for p in places_of(entry(catalogue, f"{kind}/{ref}")) if p.coordinates]
            km = min(
                (haversine(here, (p.coordinates.lat, p.coordinates.lon)) for p in places),
                default=float("inf"),
            )
            distances.append(km)
            if km != float("inf"):
                assert shown_km == f"{km:.1f} km", (href, shown_km)
            else:
                assert shown_km is None
        assert distances == sorted(distances), rows
        sorted_lists += len(set(distances)) > 1
    assert sorted_lists >= 2


def test_open_today_leaves_the_entries_with_hours_or_sessions_on_the_day(lieksa):
    """Wednesday 18.11.2026: the entries left are those whose dated line of the build date
    (the same day) names hours or sessions, and those answering 24/7."""
    lieksa.locator(".filters > summary").click()
    lieksa.locator('input[name="auki"][value="tanaan"]').check()
    rows = lieksa.eval_on_selector_all(
        "section.topics li.entry",
        """items => items.map(li => [!li.hidden, li.dataset.always === 'yes',
            (li.querySelector('.channel__today') || {}).textContent || ''])""",
    )
    assert any(visible for visible, _, _ in rows) and not all(visible for visible, _, _ in rows)
    for visible, always, dated in rows:
        if always:
            assert visible
        elif dated:  # "ke 18.11.: 8.00–9.00" or "ke 18.11.: suljettu" / "ei toimintaa"
            day_has_hours = any(ch.isdigit() for ch in dated.split(":", 1)[1])
            assert visible == day_has_hours, dated
        else:
            assert not visible  # no hours known: not claimed open
