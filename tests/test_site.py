"""The built sample site, read like a visitor: pages, languages, banner, determinism.

What holds for any region's site (links resolve, every page in every language, its
<html lang>) is checked by `perheovi gates`: tests/test_gates.py."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import LANGUAGES, ORIGIN, build_site


def test_every_entry_has_a_page_in_every_language(site, catalogue):
    keys = (
        [f"service/{s}/" for s in catalogue.services]
        + [f"provider/{p}/" for p in catalogue.providers]
        + [f"municipality/{m}/" for m in catalogue.municipalities]
        + [f"meeting-place/{m}/" for m in catalogue.meeting_places]
        + [
            "",
            "a-z/",
            "search/",
            "meeting-places/",
            "categories/",
            "about/",
            "privacy/",
            "sample-data/",
        ]
    )
    missing = [
        f"/{lang}/{key}" for key in keys for lang in LANGUAGES if not site.exists(f"/{lang}/{key}")
    ]
    assert not missing
    assert len(keys) > 100


def test_language_switcher_leads_to_the_same_page_in_each_language(site):
    for path in site.html_paths:
        match = re.match(r"^/(fi|sv|en)/(.*)$", path)
        if not match:
            continue
        links = site.page(path).cssselect("nav.languages a")
        assert [a.get("lang") for a in links] == list(LANGUAGES), path
        for link in links:
            target = urlsplit(urljoin(ORIGIN + path, link.get("href"))).path
            assert target == f"/{link.get('lang')}/{match.group(2)}", path
            assert site.exists(target)
        current = [a.get("lang") for a in links if a.get("aria-current")]
        assert current == [match.group(1)], path


def test_untranslated_text_is_shown_in_finnish_marked_lang_fi(site, catalogue):
    service = next(s for s in catalogue.sorted_services if not s.name.sv)
    heading = site.page(f"/sv/service/{service.id}/").cssselect("h1")[0]
    [finnish] = heading.cssselect('[lang="fi"]')
    assert finnish.text_content() == service.name.fi
    assert "på finska" in heading.text_content() or "in Finnish" in heading.text_content()
    translated = next(s for s in catalogue.sorted_services if s.name.sv)
    heading = site.page(f"/sv/service/{translated.id}/").cssselect("h1")[0]
    assert heading.text_content().strip() == translated.name.sv
    assert not heading.cssselect("[lang]")


def test_every_fallback_note_follows_text_marked_finnish(site):
    notes = 0
    for path in site.html_paths:
        if not path.startswith(("/sv/", "/en/")):
            continue
        for note in site.page(path).cssselect(".fallback-note"):
            notes += 1
            previous = note.getprevious()
            assert previous is not None and previous.get("lang") == "fi", path
    assert notes > 50


def test_sample_data_banner_is_on_every_page(site):
    for path in site.html_paths:
        banner = site.page(path).cssselect(".sample-banner")
        assert banner, path


def test_sitemap_lists_every_language_version_with_hreflang_alternates(site):
    import lxml.etree

    tree = lxml.etree.parse(str(site.root / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.findall("s:url", ns)
    pages = [p for p in site.html_paths if re.match(r"^/(fi|sv|en)/", p)]
    assert len(urls) == len(pages)
    for url in urls:
        loc = url.find("s:loc", ns).text
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert set(alternates) == set(LANGUAGES)
        assert loc in alternates.values()
        for href in alternates.values():
            assert site.exists(urlsplit(href).path), href


def test_root_page_offers_each_language_without_javascript(site):
    root = site.page("/")
    links = root.cssselect("main a")
    assert [(a.get("href"), a.get("lang")) for a in links] == [
        (f"{lang}/", lang) for lang in LANGUAGES
    ]
    assert not root.cssselect("script")


def test_not_found_page_exists_and_links_home_in_each_language(site):
    page = site.page("/404.html")
    hrefs = [a.get("href") for a in page.cssselect("a")]
    assert {"/fi/", "/sv/", "/en/"} <= set(hrefs)


def test_municipality_page_lists_exactly_the_services_that_serve_it(site, catalogue):
    for slug in catalogue.municipalities:
        page = site.page(f"/fi/municipality/{slug}/")
        listed = {
            a.get("href").split("/")[-2]
            for a in page.cssselect(".entry__title a")
            if "/service/" in a.get("href")
        }
        expected = {s.id for s in catalogue.services.values() if catalogue.serves(s, slug)}
        assert listed == expected, slug


def test_service_page_shows_phone_numbers_as_tel_links_in_national_format(site, catalogue):
    """Shown grouped as the catalogue writes them (040 000 1102), dialled in E.164."""
    service = catalogue.services["joensuu-lastenneuvola"]
    assert [str(c.number) for c in service.contacts if c.type == "phone"] == [
        "+358400001102",
        "+358400001106",
    ]
    for lang in LANGUAGES:
        page = site.page(f"/{lang}/service/{service.id}/")
        phones = page.cssselect('.channel--phone a[href^="tel:"]')
        assert [(a.get("href"), a.text_content()) for a in phones] == [
            ("tel:+358400001102", "040 000 1102"),
            ("tel:+358400001106", "040 000 1106"),
        ]
        assert page.cssselect('a[href^="https://www.openstreetmap.org/"]')
        assert not page.cssselect("iframe, embed, object")


def test_two_builds_are_byte_identical_on_one_core_or_many(site, tmp_path):
    """The shared site is built with a worker per core; this one in a single process."""
    result = build_site(tmp_path / "again", PERHEOVI_PROCESSES="1")
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(site.root, tmp_path / "again")
    differences = []

    def walk(cmp):
        differences.extend(cmp.left_only + cmp.right_only + cmp.diff_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differences.extend(mismatch + errors)
        for sub in cmp.subdirs.values():
            walk(sub)

    walk(comparison)
    assert not differences


def test_failing_build_leaves_the_last_good_site(site, tmp_path, minimal):
    output = tmp_path / "good"
    assert build_site(output, PERHEOVI_CATALOGUE=str(minimal.path)).returncode == 0
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    minimal.replace("providers/county.yaml", "number: 040 000 1234", "number: 12")
    result = build_site(output, PERHEOVI_CATALOGUE=str(minimal.path))
    assert result.returncode == 1
    assert "providers/county.yaml:23:17: " in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before


def test_lists_show_the_first_channel_with_its_hours_in_one_line(site):
    page = site.page("/fi/municipality/joensuu/")
    entry = next(
        li
        for li in page.cssselect(".entry")
        if "joensuu-lastenneuvola" in li.cssselect("a")[0].get("href")
    )
    assert entry.cssselect(".channel__hours")[0].text_content() == "Puhelinaika ma–pe 8.00–9.00"
    sv = site.page("/sv/municipality/joensuu/")
    entry = next(
        li
        for li in sv.cssselect(".entry")
        if "joensuu-lastenneuvola" in li.cssselect("a")[0].get("href")
    )
    assert entry.cssselect(".channel__hours")[0].text_content() == "Telefontid mån–fre 08.00–09.00"


def test_hours_tables_use_localised_weekday_names(site):
    for lang, monday_to_friday in (
        ("fi", "maanantai–perjantai"),
        ("sv", "måndag–fredag"),
        ("en", "Monday–Friday"),
    ):
        table = site.page(f"/{lang}/service/joensuu-lastenneuvola/").cssselect("table.hours")[0]
        assert table.cssselect("caption")[0].text_content()
        assert table.cssselect("th[scope=row]")[0].text_content() == monday_to_friday


# Every word a day name is made of, and every time interval, rendered on more than one line.
_WORDS_ON_TWO_LINES = """() => {
  const range = document.createRange();
  const broken = [];
  const check = (cell, pattern) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const m of node.data.matchAll(pattern)) {
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  };
  for (const th of document.querySelectorAll('table.hours th[scope=row]')) check(th, /[^\\s–]+/g);
  for (const td of document.querySelectorAll('table.hours td')) check(td, /[^\\s,]+/g);
  const root = document.documentElement;
  return {broken, sideways: root.scrollWidth > root.clientWidth + 1};
}"""


def test_hours_tables_at_320_px_break_no_day_name_or_time_inside_a_word(site, site_url, browser):
    """A day range may wrap after its dash and two intervals after their comma, but no word:
    overflow-wrap: anywhere once let the day column shrink ("Wednesda/y") beside two intervals.
    Checked: every service page with two intervals in a row, and the longest day range."""
    longest_day = {"fi": "keskiviikko", "sv": "onsdag", "en": "Wednesday"}
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        for lang in LANGUAGES:
            rows = {
                path: [
                    (tr.cssselect("th")[0].text_content(), tr.cssselect("td")[0].text_content())
                    for tr in site.page(path).cssselect("table.hours tr")
                ]
                for path in site.html_paths
                if path.startswith(f"/{lang}/service/")
            }
            paths = {path for path, pairs in rows.items() if any("," in t for _, t in pairs)}
            paths.add(max(rows, key=lambda path: max((len(d) for d, _ in rows[path]), default=0)))
            # the hard case is among them: the longest day name alone beside two intervals
            assert any(
                day == longest_day[lang] and "," in times
                for path in paths
                for day, times in rows[path]
            )
            for path in sorted(paths):
                page.goto(site_url + path)
                assert page.evaluate(_WORDS_ON_TWO_LINES) == {"broken": [], "sideways": False}, path
    finally:
        page.close()


# --- the icon, the notices, how a service is given, the county (issue 14) --------------------


def test_every_page_links_the_site_icon_and_the_icon_is_an_svg(site):
    import lxml.etree

    for path in site.html_paths:
        icons = site.page(path).cssselect('head link[rel="icon"]')
        assert [i.get("type") for i in icons] == ["image/svg+xml"], path
        assert urlsplit(urljoin(ORIGIN + path, icons[0].get("href"))).path == "/theme/favicon.svg"
    icon = lxml.etree.parse(str(site.file("/theme/favicon.svg"))).getroot()
    assert icon.tag == "{http://www.w3.org/2000/svg}svg"
    assert icon.get("viewBox") == "0 0 32 32"


def test_loading_pages_in_chromium_requests_no_missing_file(site, browser):
    """Chromium asks for /favicon.ico when a page names no icon: a 404 in every console."""
    import functools
    import http.server
    import threading
    import time

    from conftest import QuietHandler

    requests = []

    class Recording(QuietHandler):
        def log_request(self, code="-", size="-"):
            requests.append((self.path, int(code)))

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Recording, directory=str(site.root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    errors = []
    try:
        for path in ("/", "/fi/", "/sv/service/joensuu-lastenneuvola/", "/en/search/"):
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"http://127.0.0.1:{server.server_port}{path}")
            deadline = time.monotonic() + 5
            while not any("favicon" in p for p, _ in requests) and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            page.close()
    finally:
        server.shutdown()
    assert ("/theme/favicon.svg", 200) in requests
    assert [(path, code) for path, code in requests if code >= 400] == []
    assert errors == []


def test_the_current_notice_is_on_every_page_with_its_dates(site):
    """The build date is 18.11.2026: the chat notice (16.11.–26.12.) is on, the Christmas
    hours notice (from 1.12.) not yet."""
    for path in site.html_paths:
        page = site.page(path)
        assert page.get_element_by_id("notice-chat-joulu-2026", None) is not None, path
        assert page.get_element_by_id("notice-joulu-2026", None) is None, path
    notice = site.page("/sv/service/joensuu-lastenneuvola/").get_element_by_id(
        "notice-chat-joulu-2026"
    )
    assert notice.text_content().startswith("Meddelande: Det elektroniska familjecentrets chatt")
    assert not notice.cssselect("[lang]")
    assert [(t.get("datetime"), t.text) for t in notice.cssselect("time")] == [
        ("2026-11-16", "16 nov. 2026"),
        ("2026-12-26", "26 dec. 2026"),
    ]
    section = notice.getparent()
    assert section.tag == "section" and section.get("aria-label") == "Meddelanden"
    assert section.getparent().get("id") == "main"  # the skip link lands on it


def test_notices_show_only_while_current_and_untranslated_ones_are_marked_finnish(
    tmp_path, minimal
):
    notices = """
notices:
  - id: today-only
    level: warning
    text: {fi: Vain tänään, en: Only today}
    from: 2026-11-18
    until: 2026-11-18
  - {id: no-dates, text: {fi: Aina voimassa, sv: Alltid i kraft, en: Always on}}
  - {id: ended, text: {fi: Päättynyt}, until: 2026-11-17}
  - {id: not-yet, text: {fi: Ei vielä}, from: 2026-11-19}
"""
    minimal.write("region.yaml", (minimal.path / "region.yaml").read_text("utf-8") + notices)
    assert build_site(tmp_path / "out", PERHEOVI_CATALOGUE=str(minimal.path)).returncode == 0
    import lxml.html

    page = lxml.html.fromstring((tmp_path / "out/sv/index.html").read_bytes())
    shown = page.cssselect(".notices .notice")
    assert [n.get("id") for n in shown] == ["notice-today-only", "notice-no-dates"]
    today, always = shown
    assert today.get("class") == "notice notice--warning"
    assert today.cssselect("strong")[0].text == "Viktigt:"
    [finnish] = today.cssselect('[lang="fi"]')
    assert finnish.text == "Vain tänään"
    assert finnish.getnext().get("class") == "fallback-note"
    assert [t.get("datetime") for t in today.cssselect("time")] == ["2026-11-18"] * 2
    assert always.text_content() == "Meddelande: Alltid i kraft"


def test_service_page_says_how_the_service_is_given_next_to_the_contacts(site, catalogue):
    service = catalogue.services["joensuu-lastenneuvola"]
    assert service.delivery == ["location", "home", "remote"]
    for lang, text in (
        (
            "fi",
            "Miten palvelua annetaan: toimipisteessä, kotikäynteinä, "
            "puhelimitse tai videoyhteydellä",
        ),
        ("sv", "Hur tjänsten ges: på plats, som hembesök, per telefon eller video"),
        ("en", "How the service is given: at a location, as home visits, by phone or video"),
    ):
        contact = site.page(f"/{lang}/service/{service.id}/").cssselect(
            'section[aria-labelledby="contact"]'
        )[0]
        assert contact.cssselect("h2 + p.delivery")[0].text_content() == text
        assert contact.cssselect("p.delivery + ul.channels")
    entry = next(
        li
        for li in site.page("/en/municipality/joensuu/").cssselect(".entry")
        if f"/service/{service.id}/" in li.cssselect("a")[0].get("href")
    )
    assert entry.cssselect(".entry__delivery")[0].text_content() == (
        "at a location, as home visits, by phone or video"
    )


def test_every_page_names_the_wellbeing_services_county_and_the_coordinator(site, catalogue):
    region = catalogue.region
    for path in site.html_paths:
        lang = path.split("/")[1]
        if lang not in LANGUAGES:
            continue
        footer = site.page(path).cssselect("footer .site-footer__region")[0]
        assert getattr(region.county, lang) in footer.text_content(), path
        assert footer.cssselect(f'a[href="mailto:{region.coordinator.email}"]'), path
        assert footer.cssselect(f'a[href="{region.website}"]'), path


def test_a_place_name_written_in_finnish_only_takes_its_official_names(site, catalogue):
    """Rääkkylä, not "Rääkkylä (in Finnish)": a municipality's name is no untranslated text."""
    import yaml

    def written_languages(municipality) -> set[str]:
        record = yaml.safe_load(Path(municipality.path).read_text("utf-8"))
        return set(record.get("name") or {"fi": None})

    finnish_only = [m for m in catalogue.municipalities.values() if written_languages(m) == {"fi"}]
    assert finnish_only, "the test network has a municipality named in Finnish only"
    for municipality in finnish_only:
        for lang in ("sv", "en"):
            [title] = site.page(f"/{lang}/municipality/{municipality.slug}/").xpath("//h1")
            assert not title.find_class("fallback-note"), (lang, municipality.slug)


def test_a_channel_named_in_finnish_only_is_called_by_its_kind_in_other_languages(site):
    """ "Phone", not "Neuvontapuhelin (in Finnish)": the kind says as much, in the reader's words."""
    path = "/{}/service/nepsy-vanhemmat-neuvontapuhelin/"
    for lang, kind in (("fi", "Neuvontapuhelin:"), ("sv", "Telefon:"), ("en", "Phone:")):
        page = site.page(path.format(lang))
        kinds = [k.text_content() for k in page.cssselect(".channel--phone .channel__kind")]
        assert kinds == [kind], lang
        assert not page.cssselect(".channel__kind .fallback-note"), lang


def test_the_meeting_places_page_leads_to_each_towns_places_in_one_tap(site, catalogue):
    page = site.page("/fi/meeting-places/")
    links = [a.get("href") for a in page.cssselect(".jump__list a")]
    towns = [m for m in catalogue.municipalities if catalogue.meeting_places_in(m)]
    assert links == [f"#m-{m}" for m in towns]
    for m in towns:
        section = page.get_element_by_id(f"m-{m}").getparent()
        assert len(section.cssselect("article.place")) == len(catalogue.meeting_places_in(m))
