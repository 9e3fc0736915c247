"""Each gate of perheovi.gates fails when it should: a deliberately broken page for every one.

The pages are in tests/data/broken, read as a small built site of their own.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from conftest import ROOT, QuietHandler
from perheovi.gates import browser as gates
from perheovi.gates import html, nu
from perheovi.gates.output import BuiltSite
from perheovi.gates.runner import DEFAULT_VNU
from perheovi.site.vendor import GATES_DIR

BROKEN = ROOT / "tests" / "data" / "broken"
AXE = (GATES_DIR / "axe.min.js").read_text("utf-8")


@pytest.fixture(scope="module")
def broken_site():
    return BuiltSite(BROKEN, "http://localhost:8000", ["fi", "sv", "en"])


@pytest.fixture(scope="module")
def broken_url():
    handler = functools.partial(QuietHandler, directory=str(BROKEN))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def open_page(browser, broken_url):
    """A broken page as the gates load it: CSP enforced, every request recorded."""
    contexts = []

    def open_(name, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        context.add_init_script(gates.CSP_LISTENER)
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{broken_url}/{name}", wait_until="load")
        return page, requests

    yield open_
    for context in contexts:
        context.close()


# --- the HTML gates --------------------------------------------------------------------------


def test_link_gate_catches_a_missing_page_a_missing_anchor_and_a_missing_stylesheet(
    broken_site,
):
    found = html.links(broken_site, "/links.html")
    assert "links to fi/poistettu/, but there is no such file" in found
    assert "links to axe.html#ei-tallaista, but that page has no id 'ei-tallaista'" in found
    assert "links to missing.css, but there is no such file" in found
    assert not any("fi/finnish-unmarked/" in problem for problem in found)
    assert not any("example.org" in problem for problem in found)  # another site's page
    assert len(found) == 4  # and /../../etc/passwd, which no file of the site answers


def test_link_gate_treats_the_sites_own_address_as_internal():
    site = BuiltSite(BROKEN, "https://example.org/perhekeskus/", ["fi"])
    assert site.local_path("https://example.org/perhekeskus/fi/") == "/fi/"
    assert site.local_path("https://example.org/other/").startswith("outside the site")
    assert site.local_path("https://example.net/perhekeskus/fi/") is None
    assert site.exists("/fi/finnish-unmarked/") and not site.exists("/../conftest.py")


def test_sitemap_gate_catches_a_missing_page_and_another_sites_address(broken_site):
    found = html.sitemap(broken_site)
    assert any("/fi/poistettu/, but there is no such page" in problem for problem in found)
    assert any("https://example.org/perhekeskus/fi/, which is not on" in p for p in found)
    assert len(found) == 2


def test_language_gate_catches_a_missing_language_and_a_wrong_html_lang(broken_site):
    swedish = html.languages(broken_site, "/sv/finnish-unmarked/")
    assert swedish == ["there is no English version /en/finnish-unmarked/"]
    finnish = html.languages(broken_site, "/fi/finnish-unmarked/")
    assert 'the page says it is in lang="sv", but it is under /fi/' in finnish
    assert html.languages(broken_site, "/links.html") == []  # the root's pages have no language


def test_fallback_gate_catches_finnish_text_without_lang(broken_site):
    pattern = html.finnish_pattern(["Lasten ja perheiden ravitsemusterapia", "Neuvola"])
    found = html.finnish_marked(broken_site, "/sv/finnish-unmarked/", pattern)
    assert found == ["Finnish text without lang=\"fi\": 'Lasten ja perheiden ravitsemusterapia'"]


def test_csp_gates_catch_inline_code_and_a_missing_policy(broken_site):
    found = " ".join(html.inline_code(broken_site, "/csp.html"))
    assert "inline <script>" in found and "style attribute" in found and "onclick" in found
    assert "javascript:" in found
    assert html.content_security_policy(broken_site, "/csp.html") == []
    assert html.content_security_policy(broken_site, "/axe.html") == [
        "the page has no Content-Security-Policy"
    ]


@pytest.mark.browser  # Java: the Nu Html Checker
def test_nu_checker_catches_duplicate_ids_and_misnested_tags(broken_site):
    process = nu.start("java", ROOT / DEFAULT_VNU, [BROKEN / "vnu.html"])
    errors = nu.errors(process, broken_site)
    assert list(errors) == ["/vnu.html"]
    messages = " ".join(errors["/vnu.html"])
    assert "Duplicate ID" in messages
    assert (
        "Stray end tag" in messages
        or "No “p” element in scope" in messages
        or "“div” not allowed" in messages
    )


# --- the browser gates -----------------------------------------------------------------------


def test_axe_catches_a_missing_alt_text_and_low_contrast(open_page):
    page, _ = open_page("axe.html")
    gates.inject_axe(page, AXE)
    found, _overflow, _blocked = gates.at_width(page, "320 px", [])
    assert any(p.startswith("at 320 px: Images must have alternative text") for p in found)
    assert any("(axe color-contrast, 1 place(s)" in p for p in found)


def test_keyboard_gates_catch_no_skip_link_invisible_focus_and_jumbled_order(open_page):
    page, _ = open_page("keyboard.html")
    assert gates.skip_link(page)
    problems, stops = gates.tab_walk(page)
    assert stops == 3
    assert any("no visible focus" in p for p in problems)
    assert any("Tab order differs" in p for p in problems)
    assert gates.forced_colours_focus(page)


def test_reflow_gates_catch_a_wide_box_and_text_cut_off_by_spacing_or_zoom(open_page):
    """The test styles reach the page although its CSP allows no inline style."""
    page, _ = open_page("reflow.html", viewport=gates.NARROW)
    gates.inject_axe(page, AXE)
    _axe, (plain, spaced), blocked = gates.at_width(
        page, "320 px", [("spacing", gates.TEXT_SPACING)]
    )
    assert any(p.startswith("at 320 px: the page scrolls sideways") for p in plain)
    assert not any("cut off" in p for p in plain)
    assert "spacing: text is cut off in p.spacing-box" in spaced
    assert not any("zoom-box" in p for p in spaced)
    page.set_viewport_size(gates.WIDE)
    _axe, (plain, large), blocked_later = gates.at_width(
        page, "1280 px", [("200 %", gates.TEXT_200)]
    )
    assert plain == []
    assert "200 %: text is cut off in p.zoom-box" in large
    assert blocked == blocked_later == []
    assert page.evaluate("document.styleSheets.length + document.adoptedStyleSheets.length") == 1


def test_the_browser_reports_inline_code_the_policy_blocks(open_page):
    page, _ = open_page("csp.html")
    found = gates.csp_violations(page)
    assert any("script-src" in v for v in found) and any("style-src" in v for v in found)


def test_third_party_gate_catches_a_cdn_and_a_tracker(open_page, broken_url):
    _page, requests = open_page("third-party.html")
    found = gates.third_party(requests, [broken_url + "/"])
    assert any("cdn.example.com" in p for p in found)
    assert any("tracker.example.net" in p for p in found)
    assert not any(broken_url in p for p in found)


def test_no_javascript_gate_catches_contacts_written_by_a_script(open_page, broken_site):
    page, _ = open_page("no-javascript.html")
    static = html.contact_details(broken_site.page("/no-javascript.html"))
    found = html.differences(static, gates.inject_axe(page, AXE))
    assert "phone links only with JavaScript: tel:+358400001234" in found
    assert "channels: 0 without JavaScript, 1 with it" in found


def test_no_javascript_gate_catches_a_service_page_without_its_phone_number(broken_site):
    """The minimal catalogue's service has a phone and a walk-in channel; the page shows one
    channel and no tel: link."""
    from conftest import MINIMAL
    from perheovi.catalogue.loader import load_catalogue

    catalogue = load_catalogue(MINIMAL)
    path = "/fi/service/neuvola-joensuu/"
    static = html.contact_details(broken_site.page(path))
    assert html.catalogued_contacts(broken_site, path, catalogue, static) == [
        "without JavaScript there is no link to tel:+358400001234",
        "without JavaScript the page shows 1 contact channel(s), the catalogue has 2",
    ]
