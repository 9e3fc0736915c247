"""The contributor and publishing flow: CODEOWNERS in sync, report links, freshness report."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, SAMPLE
from perheovi.problems import HINT, MESSAGES


def test_codeowners_is_in_sync_with_the_owners_fields():
    result = subprocess.run(
        [sys.executable, "-m", "perheovi.cli", "codeowners", str(SAMPLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    committed = (ROOT / ".github" / "CODEOWNERS").read_text("utf-8")
    assert result.stdout == committed, "run `perheovi codeowners --write`"
    assert "/catalogue/providers/kela.yaml @perheovi-esimerkki/kela" in committed


# --- perheovi check in the contributor's language --------------------------------------------


CHECKER = ROOT / "plugins" / "perheovi" / "translations"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_checker_message_template_is_in_sync(tmp_path):
    fresh = tmp_path / "perheovi.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel-checker.cfg",
            "-k",
            "N_",
            "-o",
            str(fresh),
            "--no-location",
            "--omit-header",
            "--sort-output",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as a, (CHECKER / "perheovi.pot").open("rb") as b:
        assert {m.id for m in read_po(a) if m.id} == {m.id for m in read_po(b) if m.id}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_error_class_has_a_message_in_the_language(lang):
    with (CHECKER / lang / "LC_MESSAGES" / "perheovi.po").open("rb") as handle:
        translated = {m.id: m.string for m in read_po(handle) if m.id}
    for code, template in {**MESSAGES, "hint": HINT}.items():
        assert translated.get(template), f"{code} has no {lang} message"
        assert sorted(PLACEHOLDER.findall(template)) == sorted(
            PLACEHOLDER.findall(translated[template])
        ), code


# --- the freshness and translation report ----------------------------------------------------


def report(*args, epoch="1795000000"):
    import os

    environment = dict(os.environ, SOURCE_DATE_EPOCH=epoch, LANGUAGE="en")
    return subprocess.run(
        [sys.executable, "-m", "perheovi.cli", "report", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
    )


def test_report_lists_stale_entries_missing_translations_and_hourless_services(catalogue):
    result = report(str(SAMPLE))
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
    loose = report(str(SAMPLE), "--months", "60").stdout
    assert "was last checked" not in loose
    *github, summary = report(str(SAMPLE), "--format", "github").stdout.splitlines()
    assert github and all(line.startswith("::warning file=catalogue/") for line in github)
    assert summary.endswith("thing(s) to check; the catalogue is still valid.")


def test_report_strict_fails_on_any_finding_and_passes_without():
    assert report(str(SAMPLE), "--strict").returncode == 1
    assert report(str(SAMPLE), "--strict", "--months", "600").returncode == 0
    assert report("coverage", str(SAMPLE), "--strict").returncode == 1
    assert report("coverage", str(SAMPLE)).returncode == 0


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
