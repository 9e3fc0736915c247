""".github/CODEOWNERS from the catalogue: every catalogue file gets a reviewer.

A provider's or municipality's `owners` review its own file; the region's `owners` (the
coordinators) come first, on the catch-all line, and so review every file without owners of
its own. GitHub takes the last line that matches a file, read here the same way.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys

from perheovi.catalogue.loader import check_catalogue

COORDINATORS = '\nowners: ["@zq-org/coordinators"]\n'
PROVIDER_TEAM = '\nowners: ["@zq-org/county-team", "@zq-org/coordinators"]\n'


def codeowners(minimal) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "perheovi", "codeowners", "catalogue"],
        capture_output=True,
        text=True,
        cwd=minimal.path.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def reviewers(text: str, path: str) -> list[str]:
    """Whom GitHub asks to review a change to `path`: the owners on the last line matching it
    (a `*` line matches every file, a `/folder/file` line that file)."""
    found: list[str] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        if pattern == "*" or fnmatch.fnmatchcase("/" + path, pattern):
            found = owners
    return found


def test_a_file_without_owners_is_reviewed_by_the_regions_owners(minimal):
    minimal.replace("region.yaml", "sample: true\n", "sample: true" + COORDINATORS)
    minimal.replace(
        "providers/county.yaml", "reviewed: 2026-10-01\n", "reviewed: 2026-10-01" + PROVIDER_TEAM
    )
    text = codeowners(minimal)
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @zq-org/coordinators",
        "/catalogue/providers/county.yaml @zq-org/county-team @zq-org/coordinators",
    ]
    assert reviewers(text, "catalogue/providers/county.yaml") == [
        "@zq-org/county-team",
        "@zq-org/coordinators",
    ]
    for unowned in ("catalogue/municipalities/joensuu.yaml", "catalogue/region.yaml"):
        assert reviewers(text, unowned) == ["@zq-org/coordinators"], unowned


def test_without_region_owners_there_is_no_catch_all_line(minimal):
    minimal.replace(
        "providers/county.yaml", "reviewed: 2026-10-01\n", "reviewed: 2026-10-01" + PROVIDER_TEAM
    )
    text = codeowners(minimal)
    assert not [line for line in text.splitlines() if line.startswith("*")]
    assert reviewers(text, "catalogue/municipalities/joensuu.yaml") == []


def test_region_owners_are_checked_like_a_files_owners(minimal):
    minimal.replace("region.yaml", "sample: true\n", 'sample: true\nowners: ["coordinators"]\n')
    minimal.replace(
        "providers/county.yaml",
        "reviewed: 2026-10-01\n",
        'reviewed: 2026-10-01\nowners: ["coordinators"]\n',
    )
    _, problems = check_catalogue(minimal.path)
    assert [(p.path, p.line, p.message()) for p in problems] == [
        ("catalogue/providers/county.yaml", 4, '"coordinators" is not valid here'),
        ("catalogue/region.yaml", 8, '"coordinators" is not valid here'),
    ]
