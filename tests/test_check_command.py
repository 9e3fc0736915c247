"""`perheovi check`: exit codes, the summary line, and all problems of a big catalogue at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import DEMO_CATALOGUE, MINIMAL, NETWORK_CATALOGUE

PROVIDER = """kind: ngo
name: {{fi: Yhdistys {n}}}
reviewed: 2026-10-01
locations:
  - id: paikka-{n}
    name: {{fi: Toimisto {n}}}
    address: {{street: Katu {n}, postal_code: "80100", municipality: joensuu}}
services:
  - id: palvelu-{n}
    category: peer-support
    name: {{fi: Vertaisryhmä {n}}}
    summary: {{fi: Ryhmä vanhemmille.}}
    target_groups: [parents]
    area: region
    delivery: [location]
    languages: [fi]
    cost: free
    contacts:
      - type: phone
        number: 040 000 {n:04d}
        hours: {{weekly: {{tue: 9.00-11.00}}}}
      - type: walk-in
        location: paikka-{n}
    reviewed: 2026-09-01
"""

# (what to replace, with what, the text the problem must point at)
MISTAKES = [
    ("number: 040 000", "number: 040 000 000", "040 000 000"),
    ("tue: 9.00-11.00", "tusday: 9.00-11.00", "tusday"),
    ("reviewed: 2026-09-01", "reviewed: 2026-09-31", "2026-09-31"),
    ("cost: free", "cost: freee", "freee"),
    ("        location: paikka-", "        location: paikkka-", "paikkka-"),
    ("languages: [fi]", "languages: [fi, xx]", "xx]"),
    ("category: peer-support", "category: peer-suport", "peer-suport"),
    ("area: region", "area: [joensu]", "joensu]"),
    ("9.00-11.00", "11.00-9.00", "11.00-9.00"),
    ('postal_code: "80100"', 'postal_code: "8010"', '"8010"'),
]


def position(text: str, marker: str) -> str:
    index = text.index(marker)
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


def run_check(*args, cwd=None, lang="en"):
    """`perheovi check` with its two streams merged, as a CI log shows them."""
    environment = dict(os.environ, LANGUAGE=lang, LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "perheovi", "check", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        env=environment,
    )


def test_this_checkouts_catalogue_passes_the_check():
    result = run_check(str(DEMO_CATALOGUE))
    assert result.returncode == 0, result.stdout


def test_test_network_passes_and_has_every_kind_of_entry():
    result = run_check(str(NETWORK_CATALOGUE))
    assert result.returncode == 0, result.stdout
    summary = result.stdout.strip()
    assert "OK" in summary and len(summary.splitlines()) == 1
    from perheovi.catalogue.loader import load_catalogue

    catalogue = load_catalogue(NETWORK_CATALOGUE)
    counts = catalogue.counts()
    assert counts["municipalities"] == 13
    assert counts["services"] >= 60
    assert counts["meeting_places"] >= 8
    kinds = {provider.kind for provider in catalogue.providers.values()}
    assert {"county", "kela"} <= kinds
    assert sum(p.kind in ("ngo", "parish") for p in catalogue.providers.values()) >= 4
    assert sum(bool(m.services) for m in catalogue.municipalities.values()) >= 3
    assert catalogue.sample


def test_valid_catalogue_prints_its_counts():
    result = run_check(str(MINIMAL))
    assert result.returncode == 0
    assert result.stdout == (
        f"{MINIMAL}: OK: 2 municipalities, 1 providers, 1 services, 1 locations, 1 meeting places\n"
    )


def test_usage_error_exits_2():
    result = subprocess.run(
        [sys.executable, "-m", "perheovi", "chekc"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_missing_folder_is_a_problem_not_a_traceback(tmp_path):
    result = run_check(str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout
    assert result.stdout.startswith(f"{tmp_path / 'nowhere'}:1:1: this is not a catalogue folder")


def test_a_hundred_files_with_thirty_mistakes_report_all_thirty(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, catalogue)
    expected = []
    for n in range(96):
        text = PROVIDER.format(n=n)
        if n % 3 == 1 and len(expected) < 30:
            old, new, marker = MISTAKES[len(expected) % len(MISTAKES)]
            assert old in text
            text = text.replace(old, new, 1)
            expected.append(f"catalogue/providers/ngo-{n:02d}.yaml:{position(text, marker)}: ")
        (catalogue / "providers" / f"ngo-{n:02d}.yaml").write_text(text, "utf-8")
    assert len(list(catalogue.rglob("*.yaml"))) == 100
    assert len(expected) == 30
    result = run_check("catalogue", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line[: len(prefix)] for line, prefix in zip(lines, expected, strict=False)] == expected
    assert len(lines) == 31, result.stdout
    assert lines[-1] == "30 problem(s) found; the catalogue was not accepted."


def test_github_format_prints_exact_annotations(minimal):
    minimal.replace("providers/county.yaml", "mon-fri: 8.00-16.00", "tusday: 8.00-16.00")
    result = run_check("catalogue", "--format", "github", cwd=minimal.path.parent)
    assert result.returncode == 1
    assert result.stdout == (
        '::error file=catalogue/providers/county.yaml,line=10,col=9::"tusday" is not a day '
        'of the week; write one of mon, tue, wed, thu, fri, sat, sun (did you mean "tue"?)\n'
        "1 problem(s) found; the catalogue was not accepted.\n"
    )


def test_github_annotations_escape_what_would_break_them(minimal):
    from perheovi.catalogue.problems import Problem
    from perheovi.commands.cli import github_annotation

    problem = Problem("a,b:c.yaml", 3, 4, "yaml_syntax", {"detail": "50% done\nnext"})
    assert github_annotation("error", problem, lambda text: text) == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=4::this is not valid YAML: 50%25 done%0Anext"
    )


@pytest.mark.parametrize(
    "lang, expected",
    [("fi", 'tarkoititko "tue"?'), ("sv", 'menade du "tue"?'), ("en", "did you mean")],
)
def test_messages_speak_the_contributors_language(minimal, lang, expected):
    minimal.replace("providers/county.yaml", "mon-fri: 8.00-16.00", "tusday: 8.00-16.00")
    by_flag = run_check("catalogue", "--lang", lang, cwd=minimal.path.parent)
    by_environment = run_check("catalogue", cwd=minimal.path.parent, lang=lang)
    assert by_flag.stdout == by_environment.stdout
    assert by_flag.stdout.startswith("catalogue/providers/county.yaml:10:9: ")
    assert expected in by_flag.stdout
