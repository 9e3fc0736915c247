"""Quick exit on every sensitive page: quick-exit paths, the sensitive categories (substance
use, mental health, violence, crisis help) and their services, and search results; sticky at
the top while the page scrolls, and never on paper."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES
from perheovi.catalogue.taxonomy import CATEGORIES


def sensitive_pages(catalogue) -> list[str]:
    keys = ["search/"]
    for path in catalogue.paths.values():
        if path.quick_exit:
            keys.append(f"path/{path.slug}/")
            keys += [f"path/{path.slug}/{m}/" for m in catalogue.municipalities]
    for category in CATEGORIES.values():
        if category.sensitive and catalogue.services_in_category(category.id):
            keys.append(f"category/{category.id}/")
            keys += [f"service/{s.id}/" for s in catalogue.services_in_category(category.id)]
    return keys


def test_the_sensitive_categories_are_substance_use_mental_health_violence_and_crisis():
    assert {c.id for c in CATEGORIES.values() if c.sensitive} == {
        "youth-substance-use",
        "youth-mental-health",
        "violence-prevention",
        "crisis-help",
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_sensitive_page_has_the_quick_exit(site, catalogue, lang):
    keys = sensitive_pages(catalogue)
    assert any(k.startswith("category/") for k in keys) and any(k.startswith("path/") for k in keys)
    missing = [k for k in keys if not site.page(f"/{lang}/{k}").find_class("quick-exit__button")]
    assert not missing


def test_an_everyday_page_has_no_quick_exit(site):
    assert not site.page("/fi/").find_class("quick-exit__button")
    assert not site.page("/fi/category/neuvola/").find_class("quick-exit__button")


@pytest.mark.parametrize("kind", ["search/", "path/", "category/", "service/"])
def test_quick_exit_stays_on_screen_while_scrolling_and_is_not_printed(
    browser, site_url, catalogue, kind
):
    key = next(k for k in sensitive_pages(catalogue) if k.startswith(kind))
    page = browser.new_page(viewport={"width": 375, "height": 812})
    try:
        page.goto(f"{site_url}/fi/{key}")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        button = page.locator(".quick-exit__button")
        box = button.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 812, (key, box)
        assert page.evaluate("scrollY") > 0 or key == "search/"
        call = page.locator(".quick-exit__call")  # the region's first urgent number, 112
        assert call.get_attribute("href") == "tel:112"
        box = call.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 812, (key, box)
        assert box["width"] >= 44 and box["height"] >= 44, (key, box)
        page.emulate_media(media="print")
        assert not button.is_visible() and not call.is_visible()
    finally:
        page.close()
