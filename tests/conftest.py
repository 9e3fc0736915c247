"""Shared fixtures: the project root, the test network and its built site, the minimal valid
catalogue and a way to break it, the demo site for the gates, and Chromium.

Tests that pin behaviour read the test network (tests/data/network: a catalogue, content
pages and settings of its own) or a small catalogue made for them, never the demo in
catalogue/: a region may replace the demo with its own, and `make test` then still passes,
running on the region's catalogue only what a region runs on any catalogue (the gates)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from perheovi.gates.output import read_page

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal"
NETWORK = ROOT / "tests" / "data" / "network"
NETWORK_CATALOGUE = NETWORK / "catalogue"
NETWORK_SETTINGS = str(NETWORK / "pelicanconf.py")
DEMO_CATALOGUE = ROOT / "catalogue"  # this checkout's own catalogue: a region's, or the demo


class CatalogueCopy:
    """A copy of the minimal catalogue in a temporary folder, to edit one mistake into."""

    def __init__(self, path: Path):
        self.path = path

    def replace(self, name: str, old: str, new: str, count: int = 1) -> CatalogueCopy:
        file = self.path / name
        text = file.read_text("utf-8")
        assert old in text, f"{old!r} not in {name}"
        file.write_text(text.replace(old, new, count), "utf-8")
        return self

    def write(self, name: str, content: str | bytes) -> CatalogueCopy:
        file = self.path / name
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, "utf-8")
        return self


@pytest.fixture
def minimal(tmp_path, monkeypatch) -> CatalogueCopy:
    target = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, target)
    monkeypatch.chdir(tmp_path)  # problems are reported relative to the working folder
    return CatalogueCopy(target)


# --- the built sample site, shared by every test that reads it -------------------------------


BUILD_EPOCH = "1795000000"  # 2026-11-18 in Helsinki: fixed, so the output is reproducible
LANGUAGES = ("fi", "sv", "en")


def build_site(
    output: Path, settings: str = NETWORK_SETTINGS, *options: str, **env
) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, **env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "perheovi",
            "build",
            "--settings",
            settings,
            "--output",
            str(output),
            *options,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


class BuiltSite:
    """The output folder, read like a visitor would: pages by URL path, parsed once."""

    def __init__(self, root: Path):
        self.root = root
        self._parsed: dict[str, lxml.html.HtmlElement] = {}

    def file(self, url_path: str) -> Path:
        path = self.root / url_path.lstrip("/")
        return path / "index.html" if url_path.endswith("/") or path.is_dir() else path

    def exists(self, url_path: str) -> bool:
        return self.file(url_path).is_file()

    def page(self, url_path: str) -> lxml.html.HtmlElement:
        if url_path not in self._parsed:
            self._parsed[url_path] = read_page(self.file(url_path).read_bytes())
        return self._parsed[url_path]

    @cached_property
    def html_paths(self) -> list[str]:
        """Every HTML page as a URL path ("/fi/service/x/", "/404.html")."""
        paths = []
        for file in sorted(self.root.rglob("*.html")):
            relative = file.relative_to(self.root).as_posix()
            paths.append(
                "/"
                + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
            )
        return paths


ORIGIN = "http://site.test"


def internal_links(site: BuiltSite, path: str):
    """(href as written, resolved path, fragment) of every link and resource on a page."""
    page = site.page(path)
    for element in page.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is None:
                continue
            parts = urlsplit(urljoin(ORIGIN + path, value))
            if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                continue
            yield value, parts.path, parts.fragment


def settings_file(tmp_path: Path, changes: str) -> str:
    """A settings file that takes the test network's and changes some PERHEOVI_* settings."""
    path = tmp_path / "mysettings.py"
    path.write_text(
        textwrap.dedent(f"""\
            import sys
            sys.path.insert(0, {str(NETWORK)!r})
            from pelicanconf import *
            PATH = {str(NETWORK / "content")!r}
            PERHEOVI_ACCESSIBILITY = dict(PERHEOVI_ACCESSIBILITY)
            """)
        + textwrap.dedent(changes),
        "utf-8",
    )
    return str(path)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The test network's site, built once per run."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = build_site(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


@pytest.fixture(scope="session")
def catalogue():
    """The test network's catalogue, loaded."""
    from perheovi.catalogue.loader import load_catalogue

    return load_catalogue(NETWORK_CATALOGUE)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> BuiltSite:
    """This checkout's own site (pelicanconf.py, catalogue/, content/), which the gates check
    as they check any region's."""
    output = tmp_path_factory.mktemp("demo") / "output"
    result = build_site(output, "pelicanconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


# --- a real browser on the built site --------------------------------------------------------


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def list_directory(self, path):
        self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site):
    """The built sample site served on a local port, for the browser tests."""
    handler = functools.partial(QuietHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


PHONE = {"width": 375, "height": 812}  # a phone's screen, in CSS px: the site's first screen


@pytest.fixture
def phone(browser):
    """A page the size of a phone's screen."""
    page = browser.new_page(viewport=PHONE)
    yield page
    page.close()


# --- figures the run reports (pages checked, word forms compared…) ---------------------------

FIGURES: list[str] = []


def report_figure(text: str) -> None:
    """A line for the end of the test run's output, e.g. how many pages the gates checked."""
    FIGURES.append(text)


def pytest_collection_modifyitems(items):
    """Mark tests by what they need, from their fixtures: `make test-fast` leaves out `browser`."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"browser", "site_url", "open_page", "broken_url"}:
            item.add_marker(pytest.mark.browser)
        if "site" in fixtures:
            item.add_marker(pytest.mark.site)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("perheovi figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
