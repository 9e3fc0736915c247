"""A region publishes its own languages (PERHEOVI_LANGUAGES): a Finnish-only or a fi+sv site.

The minimal catalogue built with each list has exactly those language folders, and nothing on
it (links, the language switcher, hreflang, the sitemap, the root page's language choice, the
404 page) leads to or speaks a language the site does not publish.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.etree
import pytest
from conftest import MINIMAL, BuiltSite, build_site, internal_links, settings_file

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
    assert folders == {*languages, "theme"}
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
