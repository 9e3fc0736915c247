"""A municipality's page is made for a phone: first contacts and urgent numbers first, the
concern paths of that municipality, its own services by topic in the order families look for
them (the clinic first), region-wide ones once, each a collapsible section whose open state
lives in the URL; closed, the page fits five screens; printed, it is a fridge list."""

from __future__ import annotations

import io

import pytest
from conftest import LANGUAGES, PHONE
from perheovi.catalogue.taxonomy import CATEGORIES
from perheovi.site.views import FIRST_CONTACT_CATEGORIES
from pypdf import PdfReader
from test_urgent_help import crisis_numbers


def service_ids(links) -> list[str]:
    return [a.get("href").split("/")[-2] for a in links if "/service/" in a.get("href")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topics_come_in_the_taxonomy_order_with_the_clinic_first(site, catalogue, lang):
    order = list(CATEGORIES)
    for slug in catalogue.municipalities:
        page = site.page(f"/{lang}/municipality/{slug}/")
        topics = [d.get("id") for d in page.cssselect("details.topic")]
        categories = topics[:-2]  # then the region-wide section and the meeting places
        assert topics[-2:] == ["whole-region", "meeting-places"], slug
        assert categories == sorted(categories, key=order.index), slug
        if any(s.category == "neuvola" for s in catalogue.services_for(slug)):
            assert categories[0] == "neuvola", slug


def test_region_wide_services_are_listed_once_in_their_own_section(site, catalogue):
    for slug in catalogue.municipalities:
        page = site.page(f"/fi/municipality/{slug}/")
        shared = {s.id for s in catalogue.services_for(slug) if s.region_wide or s.national}
        assert shared, slug
        for topic in page.cssselect("details.topic"):
            listed = set(service_ids(topic.cssselect(".entry__title a")))
            if topic.get("id") == "whole-region":
                assert listed == shared, slug
            else:
                assert not listed & shared, (slug, topic.get("id"))
                for service_id in listed:
                    assert catalogue.services[service_id].category == topic.get("id")


def test_the_concern_paths_lead_to_this_municipalitys_version(site, catalogue):
    for slug in catalogue.municipalities:
        page = site.page(f"/en/municipality/{slug}/")
        [concerns] = page.xpath("//section[@aria-labelledby='concern']")
        hrefs = [a.get("href").split("/path/")[-1] for a in concerns.iter("a")]
        assert hrefs == [f"{p}/{slug}/" for p in catalogue.paths], slug


def test_first_contacts_name_the_local_door_of_each_and_the_round_the_clock_numbers(
    site, catalogue
):
    for slug in catalogue.municipalities:
        page = site.page(f"/fi/municipality/{slug}/")
        [box] = page.find_class("first-contacts")
        first = [catalogue.services[s] for s in service_ids(box.cssselect(".first-contact__name"))]
        services = catalogue.services_for(slug)
        wanted = [c for c in FIRST_CONTACT_CATEGORIES if any(s.category == c for s in services)]
        assert [s.category for s in first] == wanted, slug
        for service in first:
            local = [s for s in services if s.category == service.category and not s.region_wide]
            assert service in local or not local, (slug, service.id)
        numbers = {a.get("href") for a in box.cssselect("a[href^='tel:']")}
        assert {"tel:112"} | crisis_numbers(catalogue, slug) <= numbers, slug
        assert crisis_numbers(catalogue, slug), slug


def test_a_municipality_page_shows_the_urgent_numbers_once(site, catalogue):
    page = site.page("/fi/municipality/lieksa/")
    assert not page.cssselect("footer .urgent")
    assert len(page.cssselect("a[href='tel:112']")) == 1
    assert site.page("/fi/service/joensuu-lastenneuvola/").cssselect("footer .urgent")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_municipality_page_fits_five_screens_with_its_topics_closed(
    phone, site_url, catalogue, lang
):
    heights = {}
    for slug in catalogue.municipalities:
        phone.goto(f"{site_url}/{lang}/municipality/{slug}/")
        heights[slug] = phone.evaluate("document.documentElement.scrollHeight")
        first_number = phone.locator(".first-contacts a[href^='tel:']").first.bounding_box()
        assert first_number["y"] + first_number["height"] <= PHONE["height"], slug
    too_tall = {slug: h for slug, h in heights.items() if h > 5 * PHONE["height"]}
    assert not too_tall, too_tall


def test_a_municipality_pages_tap_targets_are_at_least_44_px(phone, site_url):
    from test_phone_layout import TARGETS

    phone.goto(f"{site_url}/fi/municipality/lieksa/")
    phone.locator("details#neuvola > summary").click()
    targets = phone.evaluate(TARGETS)
    small = [t for t in targets if not t["inline"] and (t["width"] < 44 or t["height"] < 44)]
    assert not small, small


def test_an_open_topic_is_kept_in_the_url_and_nowhere_else(phone, site_url):
    url = f"{site_url}/fi/municipality/lieksa/"
    phone.goto(url)
    assert phone.evaluate("document.querySelectorAll('details.topic[open]').length") == 0
    phone.locator("details#family-work > summary").click()
    phone.wait_for_function("location.hash === '#family-work'")
    phone.goto(url + "#nepsy")
    phone.reload()
    assert phone.evaluate("[...document.querySelectorAll('details[open]')].map(d => d.id)") == [
        "nepsy"
    ]
    assert (
        phone.evaluate("localStorage.length + sessionStorage.length + document.cookie.length") == 0
    )
    phone.locator("details#nepsy > summary").click()
    phone.wait_for_function("location.hash === ''")
    assert phone.url == url


def test_a_municipality_page_prints_as_a_fridge_list_on_at_most_two_pages(browser, site_url, site):
    [box] = site.page("/fi/municipality/lieksa/").find_class("first-contacts")
    numbers = [a.text_content() for a in box.cssselect("a[href^='tel:']")]
    page = browser.new_page()
    page.goto(f"{site_url}/fi/municipality/lieksa/", wait_until="load")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    page.close()
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert len(pdf.pages) <= 2
    assert len(numbers) >= 6
    for number in numbers:
        assert number in text, number
    for screen_only in ("Suljettu nyt", "Avoinna nyt", "Missä asiassa", "aiheittain", "18.11.:"):
        assert screen_only not in text, screen_only
