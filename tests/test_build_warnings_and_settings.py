"""Warnings a coordinator can make fatal, and settings checked with plain messages.

`perheovi build --strict` fails on any warning the build logs (here a service path with a step
that no service in a municipality covers), keeping the last good site; without it the warning
is printed and the site published. Settings mistakes name the setting and what it expected.
"""

from __future__ import annotations

from conftest import NETWORK_SETTINGS, build_site, settings_file

GAP_PATH = """\
reviewed: 2026-10-01
title: {fi: Ero}
kind: critical
order: 1
introduction: {fi: Ero on iso muutos.}
signs:
  - {fi: Harkitsette eroa.}
urgent: {fi: Soita 112.}
steps:
  - id: neuvonta
    title: {fi: Perheneuvola}
    description: {fi: Keskusteluapua.}
    first_contact: true
    categories: [family-counselling]
"""

GAP_WARNINGS = [
    "perheovi: warning: gap: path ero, step neuvonta: nothing for a family in joensuu",
    "perheovi: warning: gap: path ero, step neuvonta: nothing for a family in lieksa",
]


def build(output, minimal, *options):
    return build_site(output, NETWORK_SETTINGS, *options, PERHEOVI_CATALOGUE=str(minimal.path))


def test_a_build_without_warnings_passes_strict(tmp_path, minimal):
    result = build(tmp_path / "site", minimal, "--strict")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_warnings_are_printed_plainly_and_the_site_is_still_published(tmp_path, minimal):
    minimal.write("paths/ero.yaml", GAP_PATH)
    result = build(tmp_path / "site", minimal)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == GAP_WARNINGS
    assert (tmp_path / "site" / "fi" / "path" / "ero" / "index.html").exists()


def test_strict_fails_on_a_warning_and_keeps_the_last_good_site(tmp_path, minimal):
    output = tmp_path / "site"
    assert build(output, minimal, "--strict").returncode == 0
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    minimal.write("paths/ero.yaml", GAP_PATH)
    result = build(output, minimal, "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *GAP_WARNINGS,
        "2 warning(s) and --strict: the site was not published.",
        f"The build failed; {output} was left as it was.",
    ]
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before


def test_every_settings_mistake_is_named_with_what_was_expected(tmp_path, minimal):
    settings = settings_file(
        tmp_path,
        """\
        del PERHEOVI_ACCESSIBILITY["prepared"]
        PERHEOVI_ACCESSIBILITY["status"] = "mostly"
        PERHEOVI_QUICK_EXIT_URL = "javascript:alert(1)"
        PERHEOVI_PROCESES = 2
        """,
    )
    result = build_site(tmp_path / "site", settings, PERHEOVI_CATALOGUE=str(minimal.path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "setting PERHEOVI_QUICK_EXIT_URL = 'javascript:alert(1)' cannot be used: expected the "
        "https:// address of a neutral page the quick-exit button leads to",
        "setting PERHEOVI_ACCESSIBILITY['status'] = 'mostly' cannot be used: expected how far "
        'the site meets WCAG 2.1 AA: "full", "partial" or "none"',
        "setting PERHEOVI_ACCESSIBILITY['prepared'] is missing: expected the date the statement "
        "was first prepared, e.g. 2026-11-01",
        'setting PERHEOVI_PROCESES: there is no such setting (did you mean "PERHEOVI_PROCESSES"?)',
        "4 problem(s) in the settings.",
        f"The build failed; {tmp_path / 'site'} was left as it was.",
    ]


def test_a_setting_from_the_environment_is_checked_too(tmp_path, minimal):
    result = build_site(
        tmp_path / "site", PERHEOVI_CATALOGUE=str(minimal.path), PERHEOVI_PROCESSES="many"
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "setting PERHEOVI_PROCESSES = 'many' (from the environment) cannot be used: expected "
        "worker processes for the build, 0 for one per core"
    )


def test_the_accessibility_statement_is_made_from_the_settings(site):
    page = site.page("/fi/accessibility/")
    text = page.text_content()
    assert "täyttää saavutettavuusvaatimukset (WCAG 2.1, taso AA) osittain" in text  # partial
    assert "1.11.2026" in text and "20.11.2026" in text  # prepared, reviewed
    assert len(page.cssselect("article li")) >= 2  # the two known issues and the contacts
    links = {a.get("href"): a.text_content() for a in page.cssselect("article a")}
    assert links["mailto:saavutettavuus@example.fi"] == "saavutettavuus@example.fi"
    assert links["tel:+358400000001"] == "040 000 0001"  # grouped as the settings write it
    assert links["tel:+358295345000"] == "029 534 5000"
