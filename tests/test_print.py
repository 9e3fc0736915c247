"""A service page prints cleanly: every contact detail, no chrome (a municipality's page
prints as its fridge list: test_municipality_page.py)."""

from __future__ import annotations

import io
import re

from perheovi.site.filters import phone_display
from pypdf import PdfReader

CHROME = ["Siirry pääsisältöön", "Palvelut aiheittain", "svenska", "English", "Tietosuoja"]


def printed(browser, url: str) -> str:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    pdf = page.pdf(format="A4", print_background=False)
    context.close()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"[ \t]+", " ", text)


def test_service_page_prints_every_contact_detail_without_navigation(browser, site_url, catalogue):
    service = catalogue.services["joensuu-lastenneuvola"]
    text = printed(browser, f"{site_url}/fi/service/{service.id}/")
    flat = " ".join(text.split())
    assert service.name.fi in flat
    for contact in service.contacts:
        if contact.type == "phone":
            assert phone_display(contact.number) in flat
        if contact.url:
            assert contact.url in flat.replace(" ", "") or contact.url in flat
    for location_id in service.locations:
        assert catalogue.locations[location_id].address.street in flat
    assert "maanantai–perjantai" in flat
    for chrome in CHROME:
        assert chrome not in flat, chrome


def pdf_pages(page, url: str) -> int:
    page.goto(url, wait_until="load")
    return len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


def test_every_service_page_prints_as_a_one_page_leaflet(browser, site_url, site, catalogue):
    """In Finnish every one; in Swedish and English the five longest pages."""
    longest = sorted(
        catalogue.services, key=lambda s: -site.file(f"/en/service/{s}/").stat().st_size
    )[:5]
    page = browser.new_page()
    try:
        pages = {
            (lang, service): pdf_pages(page, f"{site_url}/{lang}/service/{service}/")
            for lang, services in (("fi", catalogue.services), ("sv", longest), ("en", longest))
            for service in services
        }
    finally:
        page.close()
    assert len(pages) > 50
    assert {key: n for key, n in pages.items() if n != 1} == {}


def test_a_leaflet_carries_a_qr_code_of_its_address_and_no_status(browser, site_url, catalogue):
    """Of a sensitive service, whose screen carries quick exit: not its paper."""
    import zxingcpp
    from perheovi.catalogue.paths import quick_exit_services
    from perheovi.site.sitemap import LOCAL_SITE_URL
    from PIL import Image

    path = f"/fi/service/{sorted(quick_exit_services(catalogue))[0]}/"
    page = browser.new_page(device_scale_factor=2)
    try:
        page.goto(site_url + path, wait_until="load")
        assert not page.locator(".leaflet-address").is_visible()  # on paper only
        assert page.locator(".quick-exit").is_visible()
        page.emulate_media(media="print")
        code = page.locator(".leaflet-address svg").screenshot()
        text = " ".join(page.locator("body").inner_text().split())
    finally:
        page.close()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(code)))]
    assert decoded == [LOCAL_SITE_URL + path]
    assert f"{LOCAL_SITE_URL}{path}" in text
    assert "Tiedot tarkistettu" in text and "Tiedot päivitetty" in text
    for changing in ("Avoinna nyt", "Suljettu nyt", "Tiedote", "Poistu sivulta"):
        assert changing not in text, changing
