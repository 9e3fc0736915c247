"""Facts a real region needs to say: what Keski-Suomi's trial could not write in the format.

The site is built from a small catalogue of its own (tests/data/region-facts), read like a
family reads it; mistakes are made in copies of the minimal catalogue.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, BuiltSite, build_site
from perheovi.catalogue.loader import check_catalogue, load_catalogue
from perheovi.catalogue.paths import coverage

FACTS = ROOT / "tests" / "data" / "region-facts"
COUNTY = "providers/county.yaml"


@pytest.fixture(scope="module")
def facts():
    return load_catalogue(FACTS)


@pytest.fixture(scope="module")
def facts_site(tmp_path_factory) -> BuiltSite:
    output = tmp_path_factory.mktemp("region-facts") / "output"
    result = build_site(output, PERHEOVI_CATALOGUE=str(FACTS))
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def problems(catalogue) -> list[str]:
    _, found = check_catalogue(catalogue.path)
    return [problem.render() for problem in found]


# --- coverage: a region-wide service with a place to visit is local there --------------------


def test_a_region_wide_service_is_local_where_it_has_a_location(facts):
    table = coverage(facts)
    assert table["keuruu"]["category:family-counselling"] == "local"
    assert table["multia"]["category:family-counselling"] == "region"


def test_a_region_wide_service_is_local_where_it_has_a_walk_in_channel(facts):
    table = coverage(facts)
    assert table["multia"]["category:social-guidance"] == "local"
    assert table["keuruu"]["category:social-guidance"] == "region"


def test_a_region_wide_service_with_nowhere_to_visit_stays_region_wide(facts):
    table = coverage(facts)
    assert {table[m]["category:family-work"] for m in ("keuruu", "multia")} == {"region"}


def test_the_coverage_page_and_report_say_local_where_the_clinic_is(facts_site):
    table = facts_site.page("/en/coverage/").cssselect("table.coverage")[0]
    header = [th.text_content() for th in table.cssselect("thead th")]
    column = header.index("Child guidance and family counselling")
    cells = {
        row[0].text_content(): row[column].text_content() for row in table.cssselect("tbody tr")
    }
    assert cells == {"Keuruu": "local", "Multia": "region"}
    report = subprocess.run(
        [sys.executable, "-m", "perheovi", "report", "coverage", str(FACTS), "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split(",") for line in report.stdout.splitlines()]
    column = rows[0].index("family-counselling")
    assert {row[0]: row[column] for row in rows[1:]} == {"Keuruu": "local", "Multia": "region"}
