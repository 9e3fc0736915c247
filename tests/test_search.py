"""Search: the same terms on both sides, the quality set in real Chromium, safe rendering."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse

import pytest
import yaml
from conftest import LANGUAGES, ROOT, report_figure
from perheovi.search.index import language_pipeline

QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search-queries.yaml").read_text("utf-8"))
VENDOR = str(ROOT / "plugins" / "perheovi" / "theme" / "static" / "vendor")


def vocabulary(catalogue, lang) -> list[str]:
    """Every word of the catalogue's texts in `lang` and of the quality queries."""
    texts = []
    for entry in [*catalogue.services.values(), *catalogue.meeting_places.values()]:
        for value in (entry.name, entry.summary, entry.description):
            if value is not None:
                texts.append(value.get(lang)[0])
    texts += [q["q"] for q in QUERIES if q["lang"] == lang]
    return sorted({word for text in texts for word in re.findall(r"[^\W\d_]+", text.lower())})


INFLECTED = {
    "fi": [
        "neuvola",
        "neuvolaan",
        "neuvolassa",
        "neuvolasta",
        "neuvolat",
        "neuvoloihin",
        "lapsi",
        "lapset",
        "lapsen",
        "lasten",
        "lapsille",
        "perhe",
        "perheet",
        "perheen",
        "perheiden",
        "perheille",
        "kohtaamispaikka",
        "kohtaamispaikkaan",
        "kohtaamispaikat",
        "päihde",
        "päihteet",
        "päihteistä",
        "nuori",
        "nuoret",
        "nuorten",
        "nuorille",
        "vanhempi",
        "vanhemmat",
        "vanhempien",
        "ero",
        "erossa",
        "eroon",
        "erosta",
        "terapia",
        "terapiaa",
        "terapiaan",
        "puheterapeutti",
        "puheterapeutille",
        "äitiysneuvolaan",
        "lastenneuvolasta",
        "perheneuvolaan",
        "kotipalvelua",
        "sosiaalityöntekijä",
        "sosiaalityöntekijälle",
        "kuraattorille",
        "mielenterveys",
        "mielenterveyden",
        "masennus",
        "masentunut",
        "vauva",
        "vauvat",
        "vauvan",
        "vauvaa",
    ],
    "sv": [
        "rådgivning",
        "rådgivningen",
        "rådgivningar",
        "barn",
        "barnen",
        "barnens",
        "familj",
        "familjen",
        "familjer",
        "familjerna",
        "förälder",
        "föräldrar",
        "föräldrarna",
        "skilsmässa",
        "skilsmässan",
        "mötesplats",
        "mötesplatser",
        "mötesplatsen",
        "ung",
        "unga",
        "ungdomar",
        "ungdomarna",
        "terapi",
        "terapin",
        "familjerådgivningen",
        "talterapeut",
        "talterapeuten",
    ],
    "en": [
        "clinic",
        "clinics",
        "child",
        "children",
        "family",
        "families",
        "parent",
        "parents",
        "parenting",
        "divorce",
        "divorced",
        "divorcing",
        "therapy",
        "therapies",
        "therapist",
        "meeting",
        "meetings",
        "support",
        "supporting",
        "young",
        "youth",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_python_and_browser_pipelines_make_the_same_terms(catalogue, lang):
    words = sorted(set(vocabulary(catalogue, lang)) | set(INFLECTED[lang]))
    browser = json.loads(
        subprocess.run(
            ["node", str(ROOT / "tests" / "js" / "stem.js"), VENDOR],
            input=json.dumps({lang: words}),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )[lang]
    pipeline = language_pipeline(lang)
    python = [pipeline.terms(word) for word in words]
    disagreements = [(w, p, b) for w, p, b in zip(words, python, browser, strict=False) if p != b]
    assert not disagreements
    assert len(words) > 500
    report_figure(
        f"search pipelines, {lang}: {len(words)} word forms, identical terms in lunr.py and lunr.js"
    )


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def search(lang, query, municipality=""):
        params = {"q": query, **({"kunta": municipality} if municipality else {})}
        page.goto(f"{site_url}/{lang}/search/?{urllib.parse.urlencode(params)}")
        page.wait_for_selector("#search-results[data-state]", state="attached")
        return page

    yield search
    assert not errors
    context.close()


def top_categories(page, n=5):
    return [
        li.get_attribute("data-category")
        for li in page.locator("#search-results > ol > li").all()[:n]
    ]


def recall_at_5(search_page, queries) -> tuple[float, list[str]]:
    """The share of `queries` with a right category in the first five results, through the
    site's own search page (a query's `site`, else its own language's), and the misses."""
    answered, misses = 0, []
    for query in queries:
        site = query.get("site", query["lang"])
        found = top_categories(search_page(site, query["q"]))
        assert found, f"no results for {query['lang']} on /{site}/: {query['q']}"
        if any(category in query["categories"] for category in found):
            answered += 1
        else:
            misses.append(f"{query['lang']} on /{site}/: {query['q']} -> {found}")
    return answered / len(queries), misses


def test_quality_set_recall_at_5(search_page):
    recall, misses = recall_at_5(search_page, QUERIES)
    report_figure(
        f"search quality: recall@5 = {recall:.3f} over {len(QUERIES)} queries in Chromium"
    )
    assert len(QUERIES) >= 60
    assert recall >= 0.95, misses


def test_results_are_an_ordered_list_of_links_with_provider_and_contact(search_page):
    page = search_page("fi", "neuvolaan")
    items = page.locator("#search-results ol li")
    assert items.count() >= 3
    first = items.first
    assert urllib.parse.urljoin(page.url, first.locator("h2 a").get_attribute("href")).startswith(
        page.url.split("/fi/")[0] + "/fi/service/"
    )
    assert "Pohjois-Karjalan hyvinvointialue" in first.text_content()
    assert "Puhelin" in first.text_content()
    assert re.match(
        r"^\d+ tulosta haulla “neuvolaan”\.$", page.locator("#search-status").text_content()
    )
    assert page.locator("#search-status").get_attribute("role") == "status"


def test_municipality_filter_keeps_local_and_region_wide_services(search_page, catalogue):
    page = search_page("fi", "neuvola", municipality="lieksa")
    links = [a.get_attribute("href") for a in page.locator("#search-results h2 a").all()]
    assert links
    for href in links:
        kind, ref = href.split("/")[-3:-1]
        if kind == "service":
            assert catalogue.serves(catalogue.services[ref], "lieksa"), href
    assert page.locator("#kunta").input_value() == "lieksa"


def test_typo_gets_a_fuzzy_second_chance(search_page):
    page = search_page("fi", "kotipalvleu")
    assert page.locator("#search-status").text_content().startswith("Tarkkoja osumia ei löytynyt")
    assert "home-help" in top_categories(page)


def test_query_with_markup_is_shown_as_text_and_runs_nothing(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "window.__alerts = []; window.alert = window.confirm = window.prompt ="
        " (m) => window.__alerts.push(String(m));"
    )
    payload = "<img src=x onerror=alert(1)>"
    page.goto(f"{site_url}/fi/search/?q={urllib.parse.quote(payload)}")
    page.wait_for_selector("#search-results[data-state]", state="attached")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__alerts") == []
    assert page.locator("#search-results img, #search-status img").count() == 0
    assert payload in page.locator("#search-status").text_content()
    assert page.locator("#q").input_value() == payload
    context.close()


def test_search_works_with_the_keyboard_alone(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/en/search/")
    page.locator("#q").focus()
    page.keyboard.type("speech therapy")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=speech+therapy*")
    page.wait_for_selector("#search-results ol li")
    page.keyboard.press("Tab")  # from the search box to the button, then on
    for _ in range(3):
        page.keyboard.press("Tab")
    page.locator("#search-results a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/service/**")
    context.close()


def test_without_javascript_the_form_leads_to_the_a_to_z_and_topics(site):
    """No dead end: the search page itself lists every topic and the letters of the A–Z,
    each a link to a page (or an A–Z heading) that exists."""
    page = site.page("/sv/search/")
    note = page.cssselect(".no-script-note")[0]
    hrefs = [
        urllib.parse.urljoin("http://x/sv/search/", a.get("href"))
        for a in note.cssselect("p:first-child a")
    ]
    assert hrefs == ["http://x/sv/a-z/", "http://x/sv/categories/"]
    a_z = site.page("/sv/a-z/")
    topics = note.cssselect("ul.tiles a")
    assert len(topics) == len(site.page("/sv/categories/").cssselect("ul.tiles a")) > 10
    for link in [*topics, *note.cssselect("ul.letters a")]:
        target = urllib.parse.urljoin("/sv/search/", link.get("href"))
        path, _, anchor = target.partition("#")
        assert site.exists(path), target
        if anchor:
            assert a_z.get_element_by_id(anchor) is not None, target
    assert len(note.cssselect("ul.letters a")) > 10
    form = page.cssselect("form[role=search]")[0]
    assert form.get("method") == "get"
    assert urllib.parse.urljoin("http://x/sv/search/", form.get("action")) == "http://x/sv/search/"


def test_opensearch_description_is_linked_from_every_page(site):
    for lang in LANGUAGES:
        link = site.page(f"/{lang}/").cssselect('link[rel="search"]')[0]
        assert link.get("type") == "application/opensearchdescription+xml"
        xml = site.file(f"/{lang}/search/opensearch.xml").read_text("utf-8")
        assert f"/{lang}/search/?q={{searchTerms}}" in xml


def test_results_show_the_number_as_a_tel_link_and_todays_status(browser, site_url):
    """On Wednesday 18.11.2026 at 8.30 the clinics' phone hours are on."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    context = browser.new_context(timezone_id="Europe/Helsinki")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(
            dt.datetime(2026, 11, 18, 8, 30, tzinfo=ZoneInfo("Europe/Helsinki"))
        )
        page.goto(f"{site_url}/fi/search/?q=neuvola")
        page.wait_for_selector("#search-results[data-state]", state="attached")
        results = page.eval_on_selector_all(
            "#search-results li.result",
            """items => items.map(li => {
                const phone = li.querySelector('a.result__phone');
                const status = li.querySelector('.open-now');
                return [phone && phone.getAttribute('href'), phone && phone.textContent,
                        status && !status.hidden ? status.textContent : null];
            })""",
        )
    finally:
        context.close()
    with_numbers = [r for r in results if r[0]]
    assert with_numbers, results
    for href, shown, _ in with_numbers:
        assert href.startswith("tel:+358") or href.startswith("tel:1"), href
        assert shown[0] == "0" or shown[0] == "1", shown
    assert any(status and status.startswith("Avoinna nyt") for _, _, status in results)


CROSS_QUERIES = yaml.safe_load(
    (ROOT / "tests" / "data" / "search-queries-cross.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_packed_index_answers_as_lunrs_own(catalogue, lang):
    """search-index.js unpacks what pack_index packed into an index that finds the same
    entries with the same scores (to the two decimals kept) as lunr.py's serialisation."""
    from perheovi.search import index as search

    pipeline = search.language_pipeline(lang)
    docs = search.documents(catalogue, lang, lambda text: text)
    search._add_parts(docs, lang, pipeline, getattr(catalogue.synonyms, lang), None)
    for other in LANGUAGES:
        if other != lang:
            search._cross_terms(docs, other, catalogue.synonyms, None)
    serialized = search.build_index(docs, pipeline, cross=True)
    packed = search.pack_index(serialized)
    queries = [q["q"] for q in QUERIES if q["lang"] == lang] + ["116 111", "väkivalta"]
    original, unpacked = json.loads(
        subprocess.run(
            ["node", str(ROOT / "tests" / "js" / "packed.js"), VENDOR, VENDOR + "/../js"],
            input=json.dumps({"serialized": serialized, "packed": packed, "queries": queries}),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for query, want, got in zip(queries, original, unpacked, strict=True):
        assert {ref for ref, _ in got} == {ref for ref, _ in want}, query
        scores = dict(want)
        for ref, score in got:
            assert abs(score - scores[ref]) <= 0.02 * max(scores.values()), (query, ref)
    assert sum(len(hits) for hits in original) > 100
    assert len(json.dumps(packed)) < 0.8 * len(json.dumps(serialized))


def test_a_query_in_another_site_language_finds_the_right_services(search_page):
    """A family typing Finnish on the English site, Swedish on the Finnish one…: the
    cross-language set, through the site's own search page."""
    assert all(query["site"] != query["lang"] for query in CROSS_QUERIES)
    recall, misses = recall_at_5(search_page, CROSS_QUERIES)
    report_figure(
        f"cross-language search: recall@5 = {recall:.3f} over {len(CROSS_QUERIES)} queries"
    )
    assert len(CROSS_QUERIES) >= 40
    assert recall >= 0.95, misses


def test_a_phone_number_finds_its_service_first(search_page, catalogue):
    for lang, typed in (("fi", "116 111"), ("en", "+358 116 111"), ("sv", "116111")):
        page = search_page(lang, typed)
        first = page.locator("#search-results > ol > li").first
        ref = first.locator("h2 a").get_attribute("href").split("/")[-2]
        numbers = {str(c.number) for c in catalogue.services[ref].contacts if c.number}
        assert "116111" in {re.sub(r"\D", "", n).removeprefix("358") for n in numbers}, (typed, ref)


def test_a_synonym_does_not_drag_unrelated_services_in(search_page):
    """lastenvalvoja shares a synonym group with "huolto" (custody): school health care and
    oral health care ("-terveydenhuolto") are not custody."""
    page = search_page("fi", "lastenvalvoja")
    found = top_categories(page, n=50)
    assert found[0] == "family-law"
    assert not {"school-health", "oral-health"} & set(found), found


def test_a_name_match_ranks_before_a_topic_match(search_page):
    """puheterapeutti: the services named for speech therapy first, then other therapies."""
    page = search_page("fi", "puheterapeutti")
    names = [h.text_content() for h in page.locator("#search-results h2").all()[:2]]
    assert all("puheterapia" in name.lower() for name in names), names


def test_a_chosen_municipality_puts_its_own_services_first(search_page, catalogue):
    page = search_page("fi", "neuvola", municipality="lieksa")
    ref = page.locator("#search-results h2 a").first.get_attribute("href").split("/")[-2]
    assert "lieksa" in catalogue.services[ref].area


def test_a_swedish_typo_cut_short_by_the_stemmer_still_gets_a_fuzzy_match(search_page):
    page = search_page("sv", "rådgivnig")
    assert page.locator("#search-status").text_content().startswith("Inga exakta träffar")
    assert {"neuvola", "family-counselling"} & set(top_categories(page))
