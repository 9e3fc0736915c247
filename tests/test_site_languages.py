"""A region publishes its own languages (PERHEOVI_LANGUAGES): a Finnish-only or a fi+sv site.

The minimal catalogue built with each list has exactly those language folders, and nothing on
it (links, the language switcher, hreflang, the sitemap, the root page's language choice, the
404 page) leads to or speaks a language the site does not publish. `perheovi report` asks for
translations only into the site's languages, read from its settings file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import lxml.etree
import pytest
from conftest import BUILD_EPOCH, MINIMAL, BuiltSite, build_site, internal_links, settings_file

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module", params=[("fi",), ("fi", "sv")], ids=["fi", "fi+sv"])
def languages_and_site(request, tmp_path_factory) -> tuple[tuple[str, ...], BuiltSite]:
    languages = request.param
    folder = tmp_path_factory.mktemp("languages")
    settings = settings_file(folder, f"PERHEOVI_LANGUAGES = {list(languages)!r}\n")
    result = build_site(folder / "site", settings, PERHEOVI_CATALOGUE=str(MINIMAL))
    assert result.returncode == 0, result.stderr
    return languages, BuiltSite(folder / "site")


def language_of(path: str) -> str | None:
    """The language folder a URL path is in ("/sv/service/x/" → "sv"), or None."""
    match = re.match(r"^/(fi|sv|en)/", path)
    return match.group(1) if match else None


def test_the_site_has_a_folder_for_each_of_its_languages_and_no_other(languages_and_site):
    languages, site = languages_and_site
    folders = {p.name for p in site.root.iterdir() if p.is_dir()}
    assert folders == {*languages, "theme", "open-data"}
    for lang in languages:
        assert site.exists(f"/{lang}/search/index.json")
        assert site.exists(f"/{lang}/meeting-place/kohtaamispaikka/calendar.ics")


def test_no_link_leads_to_a_missing_page_or_an_unpublished_language(languages_and_site):
    languages, site = languages_and_site
    broken, checked = [], 0
    for path in site.html_paths:
        for written, target, _ in internal_links(site, path):
            checked += 1
            if not site.exists(target) or language_of(target) not in (None, *languages):
                broken.append(f"{path}: {written}")
    assert not broken, "\n".join(broken[:20])
    assert checked > 250


def test_every_lang_attribute_is_a_site_language(languages_and_site):
    languages, site = languages_and_site
    for path in site.html_paths:
        marked = {element.get("lang") for element in site.page(path).iter() if element.get("lang")}
        assert marked <= set(languages), path


def test_the_language_switcher_and_hreflang_offer_only_the_site_languages(languages_and_site):
    languages, site = languages_and_site
    offered = list(languages) if len(languages) > 1 else []  # one language: nothing to switch to
    pages = [p for p in site.html_paths if language_of(p)]
    assert len(pages) > 10
    for path in pages:
        page = site.page(path)
        assert [a.get("lang") for a in page.cssselect("nav.languages a")] == offered, path
        alternates = page.cssselect('head link[rel="alternate"][hreflang]')
        assert [link.get("hreflang") for link in alternates] == offered, path


def test_the_sitemap_lists_the_site_languages_with_only_their_alternates(languages_and_site):
    languages, site = languages_and_site
    urls = lxml.etree.parse(str(site.root / "sitemap.xml")).findall("s:url", SITEMAP)
    assert len(urls) == len([p for p in site.html_paths if language_of(p)])
    for url in urls:
        loc = url.find("s:loc", SITEMAP).text
        assert language_of(urlsplit(loc).path) in languages
        alternates = [a.get("hreflang") for a in url.findall("x:link", SITEMAP)]
        assert alternates == (list(languages) if len(languages) > 1 else [])


def test_the_root_page_offers_the_site_languages_and_a_single_one_directly(languages_and_site):
    languages, site = languages_and_site
    root = site.page("/")
    assert [a.get("href") for a in root.cssselect("main a")] == [f"{lang}/" for lang in languages]
    refresh = root.cssselect('meta[http-equiv="refresh"]')
    if len(languages) == 1:
        assert [m.get("content") for m in refresh] == ["0; url=fi/"]
    else:
        assert refresh == []
    assert root.cssselect("title")[0].text == " – ".join(
        {"fi": "Testialue", "sv": "Testområde"}[lang] for lang in languages
    )


def test_the_not_found_page_speaks_the_site_languages(languages_and_site):
    languages, site = languages_and_site
    page = site.page("/404.html")
    homes = [a.get("href") for a in page.cssselect("main a") if a.get("href").count("/") == 2]
    assert homes == [f"/{lang}/" for lang in languages]
    skip = page.cssselect("a.skip-link")[0]
    assert [span.get("lang") for span in skip.cssselect("span")] == list(languages[1:])


# --- perheovi report --------------------------------------------------------------------------

FINNISH_ONLY_SETTINGS = """\
from perheovi.defaults import *

PERHEOVI_LANGUAGES = ["fi"]
PERHEOVI_ACCESSIBILITY = {
    "status": "partial",
    "prepared": "2026-11-01",
    "reviewed": "2026-11-20",
    "method": "self-assessment",
    "feedback_email": "saavutettavuus@example.fi",
}
"""


def report(*args: str) -> subprocess.CompletedProcess:
    """`perheovi report` in the working folder (the `minimal` fixture's), messages in English."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, LANGUAGE="en")
    environment.pop("PERHEOVI_CATALOGUE", None)
    return subprocess.run(
        [sys.executable, "-m", "perheovi", "report", *args],
        capture_output=True,
        text=True,
        env=environment,
    )


def missing(result: subprocess.CompletedProcess) -> set[str]:
    """The languages the report says texts lack."""
    return set(re.findall(r"has no (\w+) text for", result.stdout))


def test_without_settings_the_report_asks_for_every_language(minimal):
    result = report("catalogue")
    assert result.returncode == 0, result.stderr
    assert missing(result) == {"Swedish", "English"}


def test_a_finnish_only_site_gets_no_missing_translation_findings(minimal):
    (minimal.path.parent / "pelicanconf.py").write_text(FINNISH_ONLY_SETTINGS, "utf-8")
    result = report("catalogue")  # pelicanconf.py of the working folder, as `perheovi build`
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["0 thing(s) to check; the catalogue is still valid."]


def test_a_finnish_and_swedish_site_gets_only_missing_swedish_findings(minimal, tmp_path):
    settings = settings_file(tmp_path, 'PERHEOVI_LANGUAGES = ["fi", "sv"]\n')
    result = report("catalogue", "--settings", settings)
    assert result.returncode == 0, result.stderr
    assert missing(result) == {"Swedish"}


def test_the_report_takes_the_catalogue_folder_from_the_settings(minimal, tmp_path):
    minimal.path.rename(tmp_path / "data")
    settings = settings_file(tmp_path, 'PERHEOVI_CATALOGUE = "data"\n')
    result = report("--settings", settings)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(
        "thing(s) to check; the catalogue is still valid."
    )
    assert missing(result) == {"Swedish", "English"}


def test_settings_the_report_cannot_use_are_named_plainly(minimal, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text(FINNISH_ONLY_SETTINGS.replace('["fi"]', '["sv", "fi"]'), "utf-8")
    result = report("catalogue", "--settings", str(broken))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "setting PERHEOVI_LANGUAGES = ['sv', 'fi'] cannot be used (Finnish first, each language once): expected the site languages, "
        'Finnish first, e.g. ["fi", "sv", "en"]'
    ]
    assert report("catalogue", "--settings", "nowhere.py").stderr.splitlines() == [
        "there is no settings file nowhere.py"
    ]
    broken.write_text("from nowhere import *\n", "utf-8")
    result = report("catalogue", "--settings", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"the settings file {broken} could not be read: ")
