"""Catalogue text is untrusted: classic XSS payloads in every text and URL field either stop
the build with a positioned error or show as inert text. Nothing executes."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest
from conftest import QuietHandler, build_site
from perheovi.catalogue.loader import check_catalogue
from perheovi.gates.html import inline_code
from perheovi.gates.output import BuiltSite

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)><circle/></svg>",
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(document.cookie)</script>",
    "{{ 7*7 }}{% raw %}",
]
HOOK = """window.__calls = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => window.__calls.push(name + ':' + args.join(','));
}"""


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def hostile(minimal, payload: str):
    """Put `payload` into every text field of the minimal catalogue, and into URLs' paths."""
    county = "providers/county.yaml"
    p = quoted
    minimal.replace(
        county,
        "name: {fi: Testin hyvinvointialue}",
        f"name: {{fi: {p(payload)}, sv: {p(payload)}}}\n"
        f"website: {p('https://example.fi/' + payload.replace(' ', '%20'))}\n"
        f"description: {{fi: {p(payload)}}}",
    )
    minimal.replace(
        county,
        "name: {fi: Perhetalo}",
        f"name: {{fi: {p(payload)}}}\n    accessibility: {{fi: {p(payload)}}}",
    )
    minimal.replace(county, "street: Esimerkkikatu 1", f"street: {p(payload)}")
    minimal.replace(county, "name: {fi: Lastenneuvola}", f"name: {{fi: {p(payload)}}}")
    minimal.replace(
        county,
        "summary: {fi: Lapsen terveys.}",
        f"summary: {{fi: {p(payload)}, en: {p(payload)}}}\n"
        f"    description: {{fi: {p(payload)}}}\n"
        f"    keywords: {{fi: [{p(payload)}]}}\n"
        f"    cost_note: {{fi: {p(payload)}}}",
    )
    minimal.replace(
        county,
        "      - type: walk-in\n",
        f"        note: {{fi: {p(payload)}}}\n"
        f"      - type: chat\n        name: {{fi: {p(payload)}}}\n"
        f"        url: {p('https://chat.example.fi/?q=' + payload.replace(' ', '+'))}\n"
        "      - type: walk-in\n",
    )
    minimal.replace(county, "name: {fi: Perhekahvila}", f"name: {{fi: {p(payload)}}}")
    minimal.replace(
        county, "summary: {fi: Avoin kohtaamispaikka.}", f"summary: {{fi: {p(payload)}}}"
    )
    minimal.replace(
        county,
        "name: {fi: Vauvakerho}",
        f"name: {{fi: {p(payload)}}}\n        audience: {{fi: {p(payload)}}}",
    )
    minimal.replace(
        "region.yaml",
        "name: {fi: Testialue, sv: Testområde}",
        f"name: {{fi: {p(payload)}, sv: {p(payload)}}}",
    )
    minimal.replace(
        "region.yaml",
        "name: {fi: Hätänumero}",
        f"name: {{fi: {p(payload)}}}\n    note: {{fi: {p(payload)}}}",
    )


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("url", "javascript:alert(1)", 'addresses starting with "javascript:" are not allowed'),
        ("url", "data:text/html,<script>alert(1)</script>", 'addresses starting with "data:"'),
        ("url", "JaVaScRiPt:alert(1)", 'addresses starting with "javascript:" are not allowed'),
        ("url", "vbscript:msgbox(1)", 'addresses starting with "vbscript:" are not allowed'),
        ("url", "java\tscript:alert(1)", "is not a web address"),
        ("name", "Neuvola\u202egnp.exe", "invisible control character (U+202E)"),
        ("name", "Neuvola\u2066evil\u2069", "invisible control character (U+2066)"),
    ],
)
def test_dangerous_urls_and_bidi_overrides_are_rejected_with_positions(
    minimal, field, value, message
):
    if field == "url":
        minimal.replace(
            "providers/county.yaml",
            "      - type: walk-in\n",
            f"      - type: web\n        url: {quoted(value)}\n      - type: walk-in\n",
        )
    else:
        minimal.replace(
            "providers/county.yaml", "name: {fi: Lastenneuvola}", f"name: {{fi: {quoted(value)}}}"
        )
    _, problems = check_catalogue(minimal.path)
    assert len(problems) == 1, problems
    assert message in problems[0].render()
    assert problems[0].path.endswith("providers/county.yaml") and problems[0].line > 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_text_field_show_as_inert_text(minimal, tmp_path, browser, payload):
    hostile(minimal, payload)
    _, problems = check_catalogue(minimal.path)
    assert problems == []
    output = tmp_path / "site"
    result = build_site(output, PERHEOVI_CATALOGUE=str(minimal.path))
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # Without the CSP, so that only escaping stands between a payload and the browser.
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(HOOK)
    page = context.new_page()
    pages = sorted(
        str(p.relative_to(output)).replace("index.html", "") for p in output.rglob("*.html")
    )
    site = BuiltSite(output, "http://localhost:8000/", ["fi", "sv", "en"])
    shown = 0
    try:
        for path in pages:
            page.goto(f"http://127.0.0.1:{server.server_port}/{path}", wait_until="load")
            # Every element but quick exit, whose click is meant to leave the page, and My
            # list's print button, whose click is meant to print.
            page.evaluate("""() => document.querySelectorAll('body *').forEach(el => {
                if (el.matches('.quick-exit__button, .my-list__print')) return;
                for (const type of ['mouseover', 'focus', 'click'])
                  el.dispatchEvent(new Event(type, {bubbles: false}));
            })""")
            assert page.evaluate("window.__calls") == [], path
            # Only perheovi's own drawings are images: a printed leaflet's QR code, the
            # symbols of a place's accessibility features.
            images = "svg:not(.leaflet-address > svg):not(.access__symbol), img, circle"
            assert page.locator(images).count() == 0, path
            assert (
                page.locator('script:not([src]):not([type="application/ld+json"])').count() == 0
            ), path
            shown += page.content().count(
                payload.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")[:12]
            )
            assert inline_code(site, "/" + path) == [], path
        search = f"http://127.0.0.1:{server.server_port}/fi/search/?q=terveys"
        page.goto(search)
        page.wait_for_selector("#search-results[data-state]", state="attached")
        assert page.evaluate("window.__calls") == []
    finally:
        context.close()
        server.shutdown()
    assert shown > 10  # the payload is on the pages, as text
