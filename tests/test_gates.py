"""Accessible, private and safe: `perheovi gates` over every page of this checkout's own site.

The site is built from pelicanconf.py and catalogue/ as they are: the sample in perheovi's own
repository, a region's catalogue in a checkout where a region has replaced it; no test here
depends on what the catalogue holds.

One shared run of perheovi.gates (what the `perheovi gates` command runs): the HTML gates on
every page, the Nu Html Checker, and one sweep in two Chromiums that loads each page once and
checks it at 320 and 1280 px. The tests below then read its findings gate by gate.
"""

from __future__ import annotations

import contextlib

import pytest
from conftest import ROOT, report_figure
from perheovi.gates.report import GATES, render
from perheovi.gates.runner import run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def findings(demo_site):
    with contextlib.chdir(ROOT):  # the settings name the catalogue relative to the project
        found = run(str(demo_site.root), "pelicanconf.py")
    first = found.languages[0]
    per_language = len([p for p in demo_site.html_paths if p.startswith(f"/{first}/")])
    report_figure(
        f"accessibility gates: {found.pages} pages ({per_language} per language x "
        f"{len(found.languages)} languages + the root and 404 pages) x 2 viewports (320 and 1280 px) = "
        f"{2 * found.pages} page checks with axe-core, reflow, text spacing, 200 % "
        f"text, skip link, forced colours, CSP, third-party requests and contact details "
        f"without JavaScript; {len(found.walked)} pages walked with the keyboard; the Nu Html "
        f"Checker, links, languages and Finnish fallbacks on every page"
    )
    return found


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_passes_on_every_page(findings, gate):
    failing = findings.failing(gate)
    assert not failing, render(findings, shown=30)


def test_every_page_was_checked(findings, demo_site):
    assert findings.pages == len(demo_site.html_paths) > 0


def test_keyboard_walk_covered_every_kind_of_page(findings, demo_site):
    from perheovi.gates.output import BuiltSite

    built = BuiltSite(demo_site.root, "http://localhost:8000", list(findings.languages))
    kinds = {(built.language_of(p), built.kind_of(p)) for p in demo_site.html_paths}
    assert len(findings.walked) == len(kinds)
    assert all(stops >= 4 for stops in findings.walked.values()), findings.walked


def test_nothing_is_stored_and_no_cookie_is_set(site_url, browser):
    context = browser.new_context()
    page = context.new_page()
    for path in (
        "/fi/",
        "/fi/search/?q=neuvola",
        "/sv/service/joensuu-lastenneuvola/",
        "/en/meeting-place/joensuu-perhetupa-kohtaamispaikka/",
    ):
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(100)
        storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
        assert storage == [0, 0, ""], path
    assert context.cookies() == []
    context.close()
