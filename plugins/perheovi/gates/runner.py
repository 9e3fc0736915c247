"""Run every gate over a built site and gather the findings for the report.

The tools are found first, and a missing one is a usage error that says what to install (this
module imports the optional `gates` extra, Playwright and lxml, only after that). The
Nu Html Checker starts in the background, the HTML gates run, then two Chromiums share the
pages (one per core) while the checker finishes.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .report import Findings

DEFAULT_VNU = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_SYSTEM = "apt-get install chromium default-jre-headless"
BROWSERS = 2  # one Chromium per core of the machine the suite is sized for
# Debian's headless shell, when installed, does the same work with about an eighth less CPU.
CHROMIUMS = ("chromium-headless-shell", "chromium", "chromium-browser")


class UsageError(Exception):
    """The gates cannot run: the message says what is missing and how to get it."""


@dataclass
class Tools:
    chromium: str
    java: str
    vnu: Path
    axe: str  # axe-core's source


def find_tools(chromium: str | None, vnu: str | None) -> Tools:
    problems = []
    try:
        import lxml.html  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("Playwright and lxml are missing: pip install 'perheovi[gates]'")
    browser = chromium or next(
        (found for name in CHROMIUMS if (found := shutil.which(name))),
        None,
    )
    if browser is None or not Path(browser).is_file():
        problems.append(
            f"no Chromium{f' at {chromium}' if chromium else ''}: {INSTALL_SYSTEM} "
            "(or give its path with --chromium)"
        )
    java = shutil.which("java")
    if java is None:
        problems.append(f"no Java for the Nu Html Checker: {INSTALL_SYSTEM}")
    jar = Path(vnu) if vnu else DEFAULT_VNU
    if not jar.is_file():
        problems.append(
            f"no Nu Html Checker at {jar}: npm install vnu-jar (in this folder), or give the "
            "path of vnu.jar with --vnu"
        )
    from ..site.vendor import GATES_DIR, MissingVendoredFiles, vendored

    try:
        axe = vendored("axe.min.js", GATES_DIR).read_text("utf-8")
    except MissingVendoredFiles as error:
        problems.append(str(error))
        axe = ""
    if problems:
        raise UsageError("\n".join(problems))
    return Tools(str(browser), str(java), jar, axe)


def read_site_settings(settings_file: str):
    """The Pelican settings (for SITEURL) and perheovi's own, read as `perheovi build` reads
    them; the settings file's folder is importable, as for Pelican (publishconf.py imports
    pelicanconf)."""
    from pelican.settings import read_settings as read_pelican

    from ..site.settings import SettingsError, read_settings

    if not Path(settings_file).is_file():
        raise UsageError(f"no settings file {settings_file} (give one with --settings)")
    sys.path.insert(0, str(Path(settings_file).resolve().parent))
    try:
        pelican = read_pelican(settings_file)
    finally:
        sys.path.pop(0)
    try:
        return pelican, read_settings(pelican, dict(os.environ))
    except SettingsError as error:
        raise UsageError("\n".join(error.problems)) from None


def representatives(site) -> set[str]:
    """One page of each kind in each language: where the whole keyboard walk runs."""
    chosen: dict[tuple, str] = {}
    for path in site.html_paths:
        chosen.setdefault((site.language_of(path), site.kind_of(path)), path)
    return set(chosen.values())


def run(
    output: str,
    settings_file: str = "pelicanconf.py",
    chromium: str | None = None,
    vnu: str | None = None,
    *,
    quick: bool = False,
) -> Findings:
    from ..catalogue.loader import check_catalogue
    from ..catalogue.paths import gaps
    from ..site.sitemap import LOCAL_SITE_URL
    from . import nu
    from .output import BuiltSite

    root = Path(output)
    if not root.is_dir():
        raise UsageError(f"no such folder: {output} (build the site first: perheovi build)")
    tools = find_tools(chromium, vnu)
    pelican, settings = read_site_settings(settings_file)
    catalogue, problems = check_catalogue(Path(settings.CATALOGUE))
    if problems or catalogue is None:
        raise UsageError(
            f"the catalogue {settings.CATALOGUE} has {len(problems)} problem(s): "
            f"run perheovi check {settings.CATALOGUE}"
        )
    site = BuiltSite(root, pelican.get("SITEURL") or LOCAL_SITE_URL, list(settings.LANGUAGES))
    if not site.html_paths:
        raise UsageError(f"{output} has no HTML pages (build the site first: perheovi build)")
    walk = representatives(site)
    paths = sorted(walk) if quick else site.html_paths
    findings = Findings(pages=len(paths), languages=tuple(settings.LANGUAGES))

    checker = nu.start(tools.java, tools.vnu, [site.file(path) for path in paths])
    contacts = html_gates(site, paths, catalogue, findings)
    findings.warnings["gaps"] = [
        f"path {path}, step {step}: nothing for a family in {municipality}"
        for path, step, municipality in gaps(catalogue)
    ]
    browser_gates(site, paths, tools, walk, contacts, findings)
    for path, errors in nu.errors(checker, site).items():
        findings.add("nu", path, errors)
    return findings


def html_gates(site, paths: list[str], catalogue, findings: Findings) -> dict[str, dict]:
    """The gates on the static HTML; returns each page's contact details without JavaScript."""
    from . import html

    patterns = {
        lang: html.finnish_pattern(html.finnish_only_texts(catalogue, lang))
        for lang in site.languages
    }
    contacts = {}
    for path in paths:
        findings.add("links", path, html.links(site, path))
        findings.add("languages", path, html.languages(site, path))
        language = site.language_of(path)
        findings.add("fallback", path, html.finnish_marked(site, path, patterns.get(language)))
        findings.add("csp", path, html.content_security_policy(site, path))
        findings.add("inline_code", path, html.inline_code(site, path))
        contacts[path] = html.contact_details(site.page(path))
        findings.add(
            "no_javascript",
            path,
            html.catalogued_contacts(site, path, catalogue, contacts[path]),
        )
    findings.add("sitemap", "/sitemap.xml", html.sitemap(site))
    return contacts


def browser_gates(site, paths, tools: Tools, walk, contacts, findings: Findings) -> None:
    from ..site.publish import SiteHandler
    from .browser import sweep

    handler = functools.partial(SiteHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served = f"http://127.0.0.1:{server.server_port}/"
    try:
        parts = [paths[index::BROWSERS] for index in range(BROWSERS)]
        with ThreadPoolExecutor(max_workers=BROWSERS) as pool:
            results = list(
                pool.map(
                    lambda part: sweep(
                        site, part, served, tools.chromium, tools.axe, walk, contacts
                    ),
                    parts,
                )
            )
    finally:
        server.shutdown()
        server.server_close()
    for found, stops in results:
        findings.merge(found)
        findings.walked.update(stops)
