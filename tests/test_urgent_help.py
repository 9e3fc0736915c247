"""Urgent help names the numbers: no urgent box without a number to tap, and the crisis
service a family's municipality can reach around the clock is in the box of every path."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES

URGENT_BOXES = "//section[contains(@class, 'urgent')]"


def test_every_urgent_box_on_every_page_has_a_number_to_tap(site):
    boxes = 0
    for path in site.html_paths:
        for box in site.page(path).xpath(URGENT_BOXES):
            boxes += 1
            heading = " ".join(box.findtext(".//h2", "").split())
            assert box.xpath(".//a[starts-with(@href, 'tel:')]"), f"{path}: {heading}"
    assert boxes >= len(site.html_paths)  # the footer's on every page, more on home and paths


def crisis_numbers(catalogue, municipality: str) -> set[str]:
    """The crisis services (not national) a family in `municipality` can call day and night."""
    return {
        f"tel:{contact.number}"
        for service in catalogue.services_in_category("crisis-help")
        if not service.national and catalogue.serves(service, municipality)
        for contact in service.contacts
        if contact.type == "phone" and contact.hours and contact.hours.always
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_paths_urgent_box_names_112_and_the_round_the_clock_crisis_service(site, catalogue, lang):
    checked = 0
    for path in catalogue.paths.values():
        if not path.urgent:
            continue
        for municipality in catalogue.municipalities:
            page = site.page(f"/{lang}/path/{path.slug}/{municipality}/")
            [box] = page.find_class("urgent-note")
            numbers = {a.get("href") for a in box.iter("a")}
            wanted = {"tel:112"} | crisis_numbers(catalogue, municipality)
            assert wanted <= numbers, (path.slug, municipality, wanted - numbers)
            checked += 1
    assert checked and crisis_numbers(catalogue, next(iter(catalogue.municipalities)))


def test_urgent_numbers_are_tap_targets_of_at_least_44_px(browser, site_url, catalogue):
    path = next(p for p in catalogue.paths.values() if p.urgent)
    municipality = next(iter(catalogue.municipalities))
    page = browser.new_page(viewport={"width": 375, "height": 812})
    try:
        page.goto(f"{site_url}/fi/path/{path.slug}/{municipality}/")
        sizes = page.eval_on_selector_all(
            ".urgent-note a[href^='tel:']",
            "links => links.map(a => [a.textContent, a.offsetWidth, a.offsetHeight])",
        )
        assert sizes
        small = [s for s in sizes if s[1] < 44 or s[2] < 44]
        assert not small, small
    finally:
        page.close()
