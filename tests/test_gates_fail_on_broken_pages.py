"""Each gate fails when it should: a deliberately broken page for every one of them."""

from __future__ import annotations

import functools
import http.server
import threading

import gates
import lxml.html
import pytest
from conftest import ROOT, QuietHandler

BROKEN = ROOT / "tests" / "data" / "broken"


@pytest.fixture(scope="module")
def broken_url():
    handler = functools.partial(QuietHandler, directory=str(BROKEN))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def open_page(browser, broken_url):
    contexts = []

    def open_(name, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        context.add_init_script(gates.CSP_LISTENER)
        page.goto(f"{broken_url}/{name}", wait_until="load")
        return page, requests

    yield open_
    for context in contexts:
        context.close()


def test_axe_catches_a_missing_alt_text_and_low_contrast(open_page):
    page, _ = open_page("axe.html")
    found = " ".join(gates.axe(page))
    assert "image-alt" in found and "color-contrast" in found


@pytest.mark.browser  # Java: the Nu Html Checker
def test_nu_checker_catches_duplicate_ids_and_misnested_tags():
    errors = gates.nu_html_checker([BROKEN / "vnu.html"])
    messages = " ".join(m for found in errors.values() for m in found)
    assert "Duplicate ID" in messages
    assert (
        "Stray end tag" in messages
        or "No “p” element in scope" in messages
        or "“div” not allowed" in messages
    )


def test_keyboard_gates_catch_no_skip_link_invisible_focus_and_jumbled_order(open_page):
    page, _ = open_page("keyboard.html")
    assert gates.skip_link(page)
    problems, _stops = gates.tab_walk(page)
    assert any("no visible focus" in p for p in problems)
    assert any("tab order differs" in p for p in problems)
    assert gates.forced_colours_focus(page)


def test_reflow_gates_catch_a_wide_box_and_clipped_text(open_page):
    page, _ = open_page("reflow.html", viewport={"width": 320, "height": 640}, bypass_csp=True)
    assert any("scrolls sideways" in p for p in gates.overflow(page, "320 px"))
    assert any("clipped" in p for p in gates.with_style(page, gates.TEXT_SPACING, "spacing"))
    page.set_viewport_size({"width": 1280, "height": 900})
    assert any("clipped" in p for p in gates.with_style(page, gates.TEXT_200, "200 %"))


def test_csp_gates_catch_inline_code_and_the_browser_reports_it(open_page):
    document = lxml.html.fromstring((BROKEN / "csp.html").read_bytes())
    found = " ".join(gates.content_security(document))
    assert "inline script" in found and "inline style" in found and "onclick" in found
    assert "javascript:" in found
    page, _ = open_page("csp.html")
    assert gates.csp_violations(page)
    missing = lxml.html.fromstring((BROKEN / "axe.html").read_bytes())
    assert "no Content-Security-Policy" in gates.content_security(missing)


def test_third_party_gate_catches_a_cdn_and_a_tracker(open_page, broken_url):
    _page, requests = open_page("third-party.html")
    found = gates.third_party(requests, broken_url)
    assert any("cdn.example.com" in p for p in found)
    assert any("tracker.example.net" in p for p in found)


def test_language_gate_catches_finnish_text_without_lang():
    document = lxml.html.fromstring((BROKEN / "language.html").read_bytes())
    assert gates.language_of_parts(document, "sv", ["Lasten ja perheiden ravitsemusterapia"])


def test_no_javascript_gate_catches_contacts_written_by_a_script(browser, broken_url):
    pages = {}
    for enabled in (True, False):
        context = browser.new_context(java_script_enabled=enabled)
        page = context.new_page()
        page.goto(f"{broken_url}/no-javascript.html", wait_until="load")
        pages[enabled] = gates.contact_details(lxml.html.fromstring(page.content()))
        context.close()
    assert pages[True] != pages[False]
    assert pages[False]["phones"] == []
