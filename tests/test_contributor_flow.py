"""The contributor and publishing flow: CODEOWNERS in sync, report links, freshness report."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import NETWORK_CATALOGUE, ROOT
from perheovi.catalogue.problems import FRAGMENTS, HINT, MESSAGES


def codeowners(catalogue) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "perheovi", "codeowners", str(catalogue)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_codeowners_names_each_files_owners():
    result = codeowners(NETWORK_CATALOGUE)
    assert "/catalogue/providers/kela.yaml @perheovi-esimerkki/kela" in result.stdout


# --- perheovi check in the contributor's language --------------------------------------------


CHECKER = ROOT / "plugins" / "perheovi" / "translations"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def make_translations_commands() -> list[list[str]]:
    """The commands `make translations` runs (a dry run: nothing is written)."""
    dry_run = subprocess.run(
        ["make", "--dry-run", "translations", "STAMP="],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [shlex.split(line) for line in dry_run.stdout.splitlines() if "pybabel" in line]


def test_make_translations_extracts_the_checker_template_as_committed(tmp_path):
    """`make translations` refreshes the checker's .pot and catalogs, as it does the theme's."""
    commands = make_translations_commands()
    pot = "plugins/perheovi/translations/perheovi.pot"
    [extract] = [c for c in commands if c[1] == "extract" and "babel-checker.cfg" in c]
    [update] = [c for c in commands if c[1] == "update" and pot in c]
    assert update[update.index("-d") + 1] == "plugins/perheovi/translations"
    assert update[update.index("-D") + 1] == "perheovi"
    fresh = tmp_path / "perheovi.pot"
    extract[extract.index("-o") + 1] = str(fresh)
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *extract[1:]],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as a, (CHECKER / "perheovi.pot").open("rb") as b:
        assert {m.id for m in read_po(a) if m.id} == {m.id for m in read_po(b) if m.id}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_checker_message_and_fragment_is_translated_in_the_language(lang):
    """Every msgid of the checker (messages, the hint, words told inside messages, summaries)
    has a translation that uses the same placeholders."""
    with (CHECKER / "perheovi.pot").open("rb") as handle:
        template = [m.id for m in read_po(handle) if m.id]
    with (CHECKER / lang / "LC_MESSAGES" / "perheovi.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id: m.string for m in catalog if m.id and not m.fuzzy}
    assert {*MESSAGES.values(), HINT, *FRAGMENTS} <= set(template)
    for msgid in template:
        assert translated.get(msgid), f"{msgid!r} has no {lang} translation"
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(
            PLACEHOLDER.findall(translated[msgid])
        ), msgid


# --- the freshness and translation report ----------------------------------------------------


def report(*args, epoch="1795000000"):
    """`perheovi report` in the test network's folder, as a coordinator runs it in theirs."""
    import os

    environment = dict(os.environ, SOURCE_DATE_EPOCH=epoch, LANGUAGE="en")
    return subprocess.run(
        [sys.executable, "-m", "perheovi", "report", *args],
        capture_output=True,
        text=True,
        cwd=NETWORK_CATALOGUE.parent,
        env=environment,
    )


def test_report_lists_stale_entries_missing_translations_and_hourless_services(catalogue):
    result = report("catalogue")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    stale = [s for s in catalogue.services.values() if s.reviewed.isoformat() < "2025-11-18"]
    assert stale
    for service in stale:
        assert any(
            f'service "{service.name.fi}" was last checked on '
            f"{service.reviewed.isoformat()}" in line
            for line in lines
        ), service.id
    untranslated = next(s for s in catalogue.sorted_services if not s.name.sv)
    assert any(
        f'service "{untranslated.name.fi}" has no Swedish text for: name' in line for line in lines
    )
    *findings, summary = lines
    assert all(re.match(r"^catalogue/[\w/-]+\.yaml:\d+:1: ", line) for line in findings)
    assert summary == f"{len(findings)} thing(s) to check; the catalogue is still valid."


def test_report_months_are_configurable_and_github_format_gives_warnings():
    loose = report("catalogue", "--months", "60").stdout
    assert "was last checked" not in loose
    *github, summary = report("catalogue", "--format", "github").stdout.splitlines()
    assert github and all(line.startswith("::warning file=catalogue/") for line in github)
    assert summary.endswith("thing(s) to check; the catalogue is still valid.")


def test_report_strict_fails_on_any_finding():
    assert report("catalogue").returncode == 0
    assert report("catalogue", "--strict").returncode == 1
    assert report("coverage", "catalogue", "--strict").returncode == 1
    assert report("coverage", "catalogue").returncode == 0


# --- report an error -------------------------------------------------------------------------


def test_every_service_and_meeting_place_page_links_to_a_prefilled_issue(site, catalogue):
    from urllib.parse import parse_qs, urlsplit

    for kind, entries in (
        ("service", catalogue.services.values()),
        ("meeting-place", catalogue.meeting_places.values()),
    ):
        for entry in entries:
            [link] = site.page(f"/sv/{kind}/{entry.id}/").cssselect(".report-error a")
            url = urlsplit(link.get("href"))
            assert url.path.endswith("/issues/new")
            query = parse_qs(url.query)
            assert entry.id in query["title"][0]
            path, line = entry.source
            assert f"{path}:{line}" in query["body"][0]
            assert f"/sv/{kind}/{entry.id}/" in query["body"][0]
