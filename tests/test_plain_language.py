"""Plain-language texts (selkosuomi, lättläst): what the measure finds in a text, and what
`perheovi report` tells a coordinator about a catalogue's plain texts and the ones missing."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT
from perheovi.catalogue.loader import check_catalogue
from perheovi.catalogue.paths import lists
from perheovi.catalogue.plainness import findings, measure

COUNTY = "providers/county.yaml"
PATH = """\
title: {fi: Huoli lapsesta}
kind: critical
introduction: {fi: "Mistä apua, kun lapsesta on huoli."}
signs:
  - {fi: Lapsi on surullinen.}
steps:
  - id: soita
    title: {fi: Soita neuvolaan}
    first_contact: true
    categories: [neuvola]
reviewed: 2026-10-01
"""


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 2 sentences, 7 words, 4 of them longer than six letters: 7 / 2 + 100 * 4 / 7 = 60.6
    assert measure("Soita neuvolaan tänään. Hoitaja vastaa puhelimeen aamulla.", "fi").lix == 60.6
    # 3 sentences, 8 words, 2 long: 8 / 3 + 100 * 2 / 8 = 27.7
    assert measure("Soita meille. Hoitaja vastaa. Voit tulla huomenna myös.", "fi").lix == 27.7


def test_a_plain_text_has_no_findings():
    text = (
        "Perheneuvola auttaa, kun lapsen kanssa on vaikeaa. Voit soittaa itse. Käynti on ilmainen."
    )
    assert findings(text, "fi") == []


def test_long_sentences_long_words_passives_and_abbreviations_are_found():
    text = (
        "Perheneuvolan palveluihin haetaan ottamalla yhteyttä esim. neuvolan terveydenhoitajaan "
        "tai koulun kuraattoriin, joka ohjaa perheen eteenpäin tarvittaessa. THL neuvoo "
        "vanhempia verkkosivuillaan vanhemmuuteen liittyvissä kysymyksissä."
    )
    found = dict(findings(text, "fi"))
    assert found["plain_long_sentence"]["count"] == 1
    assert "terveydenhoitajaan" in found["plain_long_words"]["words"]
    assert found["plain_passive"]["words"] == "haetaan"
    assert found["plain_abbreviation"]["words"] == "esim., THL"
    assert float(found["plain_lix"]["lix"]) > 50


def test_lattlast_has_the_lower_swedish_lix_limit():
    text = (
        "Familjerådgivningen erbjuder föräldrar samtalsstöd angående barnuppfostran. "
        "Familjerådgivningens psykologer arbetar tillsammans med socialarbetare. "
        "Verksamheten omfattar konsultationer, utredningar och behandlingar för familjer "
        "med barn och ungdomar."
    )
    assert dict(findings(text, "sv"))["plain_lix"]["limit"] == 30
    assert findings("Du kan ringa oss. Det kostar inget.", "sv") == []


def _report(catalogue) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "perheovi", "report", str(catalogue)],
        cwd=catalogue.parent,
        capture_output=True,
        text=True,
    )
    return result.stdout


def test_the_report_measures_plain_texts_and_lists_what_has_none(minimal):
    minimal.write("paths/huoli.yaml", PATH)
    report = _report(minimal.path)
    assert 'path "Huoli lapsesta" has no plain-language text' in report
    assert (
        'service "Lastenneuvola" is listed by the first step of the path "Huoli lapsesta" but '
        "has no plain-language text"
    ) in report
    minimal.write(
        "paths/huoli.yaml",
        PATH.replace(
            "reviewed:",
            "plain:\n  introduction: {fi: Tästä saat apua. Soita neuvolaan.}\n"
            "  steps: {soita: {fi: Soita neuvolaan. Hoitaja vastaa.}}\nreviewed:",
        ),
    )
    minimal.replace(
        COUNTY,
        "    reviewed: 2026-10-01\nmeeting_places:",
        "    reviewed: 2026-10-01\n    plain:\n      summary:\n"
        "        fi: Neuvolassa hoitaja katsoo, että lapsi kasvaa hyvin. Lapsen rokotukset "
        "annetaan neuvolassa.\nmeeting_places:",
    )
    report = _report(minimal.path)
    assert "no plain-language text" not in report
    line = next(
        n
        for n, text in enumerate((minimal.path / COUNTY).read_text().splitlines(), 1)
        if "- id: neuvola-joensuu" in text
    )
    assert (
        f'catalogue/{COUNTY}:{line}:1: service "Lastenneuvola", plain Finnish: passive forms '
        "(annetaan); say who does it"
    ) in report


@pytest.mark.parametrize(
    "plain, problem",
    [
        ("  introduction: {}\n", "a plain-language text needs fi (selkosuomi) or sv (lättläst)"),
        (
            "  introduction: {fi: Soita.}\n  steps: {sovi: {fi: Sovi aika.}}\n",
            'the path has no step "sovi"; `plain: steps:` names steps by their id (soita)',
        ),
    ],
)
def test_a_plain_text_in_a_wrong_shape_is_a_problem(minimal, plain, problem):
    minimal.write("paths/huoli.yaml", PATH.replace("reviewed:", "plain:\n" + plain + "reviewed:"))
    catalogue, found = check_catalogue(minimal.path)
    assert catalogue is None
    assert any(problem in p.render() for p in found), [p.render() for p in found]


def test_the_format_reference_documents_the_measures():
    doc = (ROOT / "docs" / "catalogue.md").read_text("utf-8")
    assert "## Plain language" in doc
    for limit in (
        "more than 12 words",
        "more than 14 letters",
        "above 50 for selkosuomi or 30 for lättläst",
    ):
        assert limit in doc


# --- the Selkosuomeksi / Lättläst pages of the test network --------------------------------------


def _linked(site, path: str, label: str) -> str:
    """The page a standard page's plain-language link leads to (its URL path)."""
    [href] = site.page(path).xpath(f'//p[@class="plain-link"]/a[normalize-space()="{label}"]/@href')
    return urlsplit(urljoin("http://x" + path, href)).path


def test_every_critical_path_and_its_first_services_have_a_plain_finnish_page(site, catalogue):
    critical = [p for p in catalogue.paths.values() if p.kind == "critical"]
    assert len(critical) == 4
    for path in critical:
        target = _linked(site, f"/fi/path/{path.slug}/", "Selkosuomeksi")
        assert target == f"/fi/plain/path/{path.slug}/"
        page = site.page(target)
        text = " ".join(page.text_content().split())
        assert " ".join(path.plain.introduction.fi.split()) in text
        for step in path.steps:
            assert " ".join(path.plain.steps[step.id].fi.split()) in text, (path.slug, step.id)
        first = [step for step in path.steps if step.first_contact]
        for service in catalogue.sorted_services:
            if any(lists(path, step, service) for step in first):
                target = _linked(site, f"/fi/service/{service.id}/", "Selkosuomeksi")
                plain = site.page(target)
                assert plain.get("lang") == "fi"
                assert " ".join(service.plain.summary.fi.split()) in " ".join(
                    plain.text_content().split()
                )
                channels = plain.xpath('//article//ul[@class="channels"]/li')
                assert len(channels) == len(service.contacts), service.id  # how to get in touch


def test_the_divorce_path_is_in_lattlast_on_the_swedish_site(site, catalogue):
    path = catalogue.paths["ero"]
    target = _linked(site, "/sv/path/ero/", "Lättläst")
    page = site.page(target)
    assert page.get("lang") == "sv"
    intro = page.xpath('//div[@class="plain__text"]')[0]
    assert intro.get("lang") is None and " ".join(path.plain.introduction.sv.split()) in " ".join(
        intro.text_content().split()
    )


def test_a_plain_text_shown_on_a_page_of_another_language_says_its_language(site, catalogue):
    english = site.page("/en/plain/path/ero/").xpath('//div[@class="plain__text"]//*[@lang]')
    assert english[0].get("lang") == "fi"  # no plain English: the selkosuomi, marked
    finnish_only = next(s for s in catalogue.sorted_services if s.plain and not s.plain.summary.sv)
    marked = site.page(f"/sv/plain/service/{finnish_only.id}/").xpath(
        '//div[@class="plain__text"]/*[@lang]'
    )
    assert marked[0].get("lang") == "fi"
    assert not site.page(f"/en/service/{finnish_only.id}/").xpath('//p[@class="plain-link"]')
