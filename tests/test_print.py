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
