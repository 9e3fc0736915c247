"""`perheovi gates OUTPUT` on a small site of its own: the minimal catalogue, built into tmp.

It exits 0 with a short report when every gate passes, 1 with a plain report naming the page
when one is broken, and 2 with what to install when a tool is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, build_site

pytestmark = pytest.mark.browser


def gates(output, *options: str, catalogue) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "perheovi", "gates", str(output), *options],
        cwd=ROOT,
        env=dict(os.environ, PERHEOVI_CATALOGUE=str(catalogue)),
        capture_output=True,
        text=True,
    )


@pytest.fixture
def built(minimal, tmp_path):
    output = tmp_path / "output"
    result = build_site(output, str(ROOT / "pelicanconf.py"), PERHEOVI_CATALOGUE=str(minimal.path))
    assert result.returncode == 0, result.stdout + result.stderr
    return output, minimal.path


def test_a_clean_site_passes_every_gate(built):
    output, catalogue = built
    result = gates(output, catalogue=catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("perheovi gates: ")
    assert " pages in fi, sv, en checked at 320 and 1280 px" in lines[0]
    assert lines[-1] == "All 17 gates passed."
    assert "FAILED" not in result.stdout


def test_a_broken_page_fails_with_a_report_naming_it(built):
    output, catalogue = built
    page = output / "sv" / "about" / "index.html"
    html = page.read_text("utf-8")
    html = html.replace("</main>", '<a href="../gone/">Borta</a><img src="x.png"></main>', 1)
    page.write_text(html.replace("<h1", '<h1 style="color: red"', 1), "utf-8")
    extra = output / "fi" / "extra"
    extra.mkdir()
    shutil.copy(output / "fi" / "about" / "index.html", extra / "index.html")
    result = gates(output, "--quick", catalogue=catalogue)
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    assert "FAILED Links that lead nowhere" in report
    assert "  /sv/about/: links to ../gone/, but there is no such file" in report
    assert "  /sv/about/: links to x.png, but there is no such file" in report
    assert "FAILED Inline scripts, styles or event handlers" in report
    assert "  /sv/about/: a style attribute on <h1>" in report
    assert "FAILED Pages missing in a site language" in report
    assert "  /fi/extra/: there is no Swedish version /sv/extra/" in report
    assert "  /fi/extra/: there is no English version /en/extra/" in report
    assert "FAILED Accessibility problems found by axe-core" in report
    assert "Images must have alternative text (axe image-alt" in report
    assert "FAILED Things the browser blocked because of the Content Security Policy" in report
    assert report.rstrip().endswith("run perheovi gates again.")
    assert "Traceback" not in report + result.stderr


def test_what_is_missing_is_a_usage_error_saying_what_to_install(minimal, tmp_path):
    result = gates(tmp_path / "nothing-here", catalogue=minimal.path)
    assert result.returncode == 2
    assert "no such folder" in result.stderr
    result = gates(
        tmp_path, "--chromium", "/no/chromium", "--vnu", "/no/vnu.jar", catalogue=minimal.path
    )
    assert result.returncode == 2
    assert "apt-get install chromium default-jre-headless" in result.stderr
    assert "npm install vnu-jar" in result.stderr and "--vnu" in result.stderr
    assert result.stdout == ""
