"""The right door: service paths resolved per municipality, gaps said honestly, coverage."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import LANGUAGES, NETWORK_CATALOGUE
from perheovi.catalogue.loader import check_catalogue
from perheovi.catalogue.paths import coverage, resolve

THIN = "raakkyla"  # the sample's deliberately thin municipality


def test_sample_has_the_four_critical_paths_and_four_situations(catalogue):
    kinds = [p.kind for p in catalogue.paths.values()]
    assert kinds.count("critical") >= 4 and kinds.count("situation") >= 4
    for path in catalogue.paths.values():
        for text in [path.title, path.introduction, *path.signs, *(s.title for s in path.steps)]:
            assert text.fi and text.sv and text.en, path.slug


def test_every_path_and_municipality_page_exists_in_every_language(site, catalogue):
    missing = [
        f"/{lang}/path/{p}/{m}/"
        for p in catalogue.paths
        for m in catalogue.municipalities
        for lang in LANGUAGES
        if not site.exists(f"/{lang}/path/{p}/{m}/")
    ]
    missing += [
        f"/{lang}/path/{p}/"
        for p in catalogue.paths
        for lang in LANGUAGES
        if not site.exists(f"/{lang}/path/{p}/")
    ]
    assert not missing


def test_each_step_lists_exactly_the_services_that_cover_the_municipality(site, catalogue):
    for path in catalogue.paths.values():
        for slug in catalogue.municipalities:
            page = site.page(f"/fi/path/{path.slug}/{slug}/")
            for step in path.steps:
                item = page.get_element_by_id(f"step-{step.id}").getparent()
                listed = [
                    a.get("href").split("/")[-2]
                    for a in item.xpath('./ul[@class="entries"]//h3/a')
                    if "/service/" in a.get("href")
                ]
                expected = {
                    s.id
                    for s in catalogue.services.values()
                    if (
                        s.id in step.services
                        or (s.category in step.categories and for_the_ages(s, path, step))
                    )
                    and catalogue.serves(s, slug)
                }
                if expected:
                    assert set(listed) == expected, (path.slug, step.id, slug)
                    for service_id in listed:
                        assert catalogue.serves(catalogue.services[service_id], slug)
                else:
                    assert item.xpath('./p[@class="gap"]'), (path.slug, step.id, slug)


AGES = {"expecting", "babies", "under-school-age", "school-age", "teenagers", "young-adults"}


def ages_of(path, step) -> set[str]:
    return set(path.ages if step.ages is None else step.ages)


def for_the_ages(service, path, step) -> bool:
    """For one of the step's ages, or for no age in particular (parents, the whole family)."""
    own = set(service.target_groups) & AGES
    return not own or bool(own & ages_of(path, step))


def test_every_path_says_whom_it_is_for_by_age(catalogue):
    for path in catalogue.paths.values():
        assert path.ages, path.slug
        assert set(path.ages) <= AGES, path.slug


def test_no_step_lists_a_service_for_another_age_than_its_paths(site, catalogue):
    """Every path x municipality page: each service a step lists by its category (not by name)
    is for the path's ages: no online antenatal class on a teenager's substance-use path."""
    checked = 0
    for path in catalogue.paths.values():
        for slug in catalogue.municipalities:
            page = site.page(f"/en/path/{path.slug}/{slug}/")
            for step in path.steps:
                item = page.get_element_by_id(f"step-{step.id}").getparent()
                named = set(step.services) | set(step.meanwhile.services if step.meanwhile else ())
                for link in item.cssselect(".entries .entry__title a"):
                    service_id = link.get("href").split("/")[-2]
                    if "/service/" not in link.get("href") or service_id in named:
                        continue
                    service = catalogue.services[service_id]
                    assert for_the_ages(service, path, step), (path.slug, step.id, slug, service_id)
                    checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "path, unfit",
    [
        ("paihteet", ["perhevalmennus-verkossa", "vauvaperhetyo"]),
        ("ero", ["perhevalmennus-verkossa"]),
        ("mielenterveys", ["perhevalmennus-verkossa"]),
        ("uupumus", ["perhevalmennus-verkossa"]),
        ("odotus", ["joensuu-lastenneuvola"]),
    ],
)
def test_a_path_leaves_out_the_services_the_issue_found_misplaced(site, catalogue, path, unfit):
    page = site.page(f"/fi/path/{path}/joensuu/")
    listed = {a.get("href").split("/")[-2] for a in page.cssselect(".steps .entry__title a")}
    assert listed and not listed & set(unfit)
    assert all(service in catalogue.services for service in unfit)


def test_first_contact_is_highlighted_once_per_page(site, catalogue):
    for path in catalogue.paths.values():
        page = site.page(f"/en/path/{path.slug}/joensuu/")
        first = page.cssselect(".step--first")
        assert len(first) == 1
        assert "Start here" in first[0].text_content()


def test_a_gap_is_said_in_words_and_shows_in_the_coverage_report(site, catalogue):
    table = coverage(catalogue)
    gaps = [(key, value) for key, value in table[THIN].items() if value == "none"]
    assert gaps, "the sample's thin municipality should have a gap"
    path_gaps = [
        (p.slug, s.step.id)
        for p in catalogue.paths.values()
        for s in resolve(catalogue, p, THIN)
        if s.gap
    ]
    if path_gaps:
        path, step = path_gaps[0]
        page = site.page(f"/fi/path/{path}/{THIN}/")
        item = page.get_element_by_id(f"step-{step}").getparent()
        assert "ei vielä ole palvelua" in item.cssselect(".gap")[0].text_content()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "perheovi",
            "report",
            "coverage",
            str(NETWORK_CATALOGUE),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    rows = {line.split(",")[0]: line.split(",") for line in result.stdout.splitlines()}
    header = rows["municipality"]
    thin = rows["Rääkkylä"]
    for key, _ in gaps:
        assert thin[header.index(key.split(":", 1)[1])] == "none"
    text = subprocess.run(
        [sys.executable, "-m", "perheovi", "report", "coverage", str(NETWORK_CATALOGUE)],
        capture_output=True,
        text=True,
    ).stdout
    assert "gap(s)" in text


def test_coverage_page_is_an_accessible_table(site):
    page = site.page("/fi/coverage/")
    tables = page.cssselect("table.coverage")
    assert tables
    for table in tables:
        assert table.cssselect("thead th[scope=col]")
        assert len(table.cssselect("tbody th[scope=row]")) == 13
    footer_links = [a.get("href") for a in site.page("/fi/").cssselect("footer a")]
    assert any(href.endswith("coverage/") for href in footer_links)
    main_nav = [a.get("href") for a in site.page("/fi/").cssselect(".main-nav a")]
    assert not any(href.endswith("coverage/") for href in main_nav)


def test_home_leads_to_paths_and_services_list_their_paths(site, catalogue):
    home = site.page("/sv/")
    links = [a.get("href") for a in home.cssselect("#concern ~ ul a")]
    assert len([h for h in links if "/path/" in h]) == len(catalogue.paths)
    nepsy = next(s for s in catalogue.services.values() if s.category == "nepsy")
    service = site.page(f"/sv/service/{nepsy.id}/")
    assert any("/path/" in a.get("href") for a in service.cssselect(".facts a"))


def test_quick_exit_is_on_sensitive_paths_and_their_services_only(site, catalogue):
    hidden = [p for p in catalogue.paths.values() if p.quick_exit]
    open_ = [p for p in catalogue.paths.values() if not p.quick_exit]
    assert hidden and open_
    for path in hidden:
        assert site.page(f"/fi/path/{path.slug}/").cssselect(".quick-exit__button")
        assert site.page(f"/fi/path/{path.slug}/joensuu/").cssselect(".quick-exit__button")
    for path in open_:
        assert not site.page(f"/fi/path/{path.slug}/").cssselect(".quick-exit__button")
    substance = next(s for s in catalogue.services.values() if s.category == "youth-substance-use")
    assert site.page(f"/fi/service/{substance.id}/").cssselect(".quick-exit__button")
    # listed by the exhaustion path too, but also by everyday ones: no quick exit
    assert not site.page("/fi/service/joensuu-lastenneuvola/").cssselect(".quick-exit__button")


EXIT = "https://www.ilmatieteenlaitos.fi/"


@pytest.fixture
def exit_page(browser):
    context = browser.new_context()
    context.route(
        EXIT + "**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Sää</title><p>Sää"
        ),
    )
    yield context.new_page()
    context.close()


def quick_exit_path(catalogue):
    return next(p for p in catalogue.paths.values() if p.quick_exit)


def test_quick_exit_is_the_first_tab_stop_and_back_does_not_return(exit_page, site_url, catalogue):
    page = exit_page
    page.goto(f"{site_url}/fi/")
    target = f"{site_url}/fi/path/{quick_exit_path(catalogue).slug}/"
    page.goto(target)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "quick-exit__button"
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT)
    page.go_back()
    assert page.url != target


def test_shift_three_times_leaves_too(exit_page, site_url, catalogue):
    page = exit_page
    page.goto(f"{site_url}/en/path/{quick_exit_path(catalogue).slug}/joensuu/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT)


def test_from_home_to_a_phone_number_with_the_keyboard_only(browser, site_url, catalogue):
    path = next(p for p in catalogue.paths.values() if not p.quick_exit)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/fi/")

    def tab_to(predicate_js: str, limit: int = 200):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
                return
        raise AssertionError(f"never reached: {predicate_js}")

    tab_to(f"el.getAttribute('href') && el.getAttribute('href').endsWith('path/{path.slug}/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fi/path/{path.slug}/")
    tab_to("el.getAttribute('href') && el.getAttribute('href').endsWith('/joensuu/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fi/path/{path.slug}/joensuu/")
    tab_to("el.closest('.step--first') && (el.getAttribute('href') || '').startsWith('tel:')")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith("tel:+358") or href.startswith("tel:1")
    context.close()


@pytest.mark.parametrize(
    "edit, message",
    [
        (("categories: [neuvola]", "categories: [neuvla]"), '"neuvla" is not a service category'),
        (
            ("categories: [neuvola]", "services: [neuvola-joensu]"),
            'there is no service "neuvola-joensu"',
        ),
        (("    first_contact: true\n", ""), "no step is marked as the first contact"),
        (("categories: [neuvola]", "description: {fi: Tyhjä}"), "this step points to nothing"),
        (
            ("categories: [neuvola]", "categories: [neuvola]\n    ages: [parents]"),
            '"parents" is not an age group',
        ),
    ],
)
def test_path_mistakes_are_positioned_errors(minimal, edit, message):
    minimal.write("paths/testi.yaml", PATH)
    minimal.replace("paths/testi.yaml", *edit)
    _, problems = check_catalogue(minimal.path)
    assert len(problems) == 1, problems
    rendered = problems[0].render()
    assert rendered.startswith("catalogue/paths/testi.yaml:") and message in rendered
    assert problems[0].line > 1


PATH = """title: {fi: Testipolku}
kind: situation
introduction: {fi: Johdanto.}
signs:
  - {fi: Merkki}
steps:
  - id: alku
    title: {fi: Ota yhteyttä neuvolaan}
    first_contact: true
    categories: [neuvola]
  - id: jatko
    title: {fi: Jatko}
    services: [neuvola-joensuu]
reviewed: 2026-10-01
"""


def test_a_path_page_opens_with_its_single_first_contact(site, catalogue):
    """Of the first-contact step: its first category's service, a local one before a shared one."""
    for path in catalogue.paths.values():
        step = next(s for s in path.steps if s.first_contact)
        for slug in catalogue.municipalities:
            page = site.page(f"/fi/path/{path.slug}/{slug}/")
            boxes = page.find_class("first-door")
            listed = [
                catalogue.services[a.get("href").split("/")[-2]]
                for a in page.get_element_by_id(f"step-{step.id}")
                .getparent()
                .cssselect(".entries .entry__title a")
                if "/service/" in a.get("href")
            ]
            if not listed:
                assert not boxes, (path.slug, slug)
                continue
            [box] = boxes
            [name] = box.cssselect(".first-contact__name")
            door = catalogue.services[name.get("href").split("/")[-2]]
            assert door in listed, (path.slug, slug)
            categories = [c for c in step.categories if any(s.category == c for s in listed)]
            if categories:  # else only the services the step names
                assert door.category == categories[0], (path.slug, slug, door.id)
                if any(s.category == categories[0] and not s.region_wide for s in listed):
                    assert not door.region_wide, (path.slug, slug, door.id)
            if any(c.type in ("phone", "walk-in") for c in door.contacts):
                assert box.cssselect("a[href^='tel:'], .channel--walk-in"), (path.slug, slug)
            else:  # only a chat or an e-service: that is the door
                assert box.cssselect(".channel__action[href]"), (path.slug, slug)


def test_the_first_contacts_number_is_on_the_first_screen_of_a_phone(browser, site_url, catalogue):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    late = []
    try:
        for path in catalogue.paths.values():
            for slug in catalogue.municipalities:
                page.goto(f"{site_url}/fi/path/{path.slug}/{slug}/")
                door = page.locator(".first-door a[href^='tel:'], .first-door .channel--walk-in")
                if door.count():
                    box = door.first.bounding_box()
                    if box["y"] + box["height"] > 812:
                        late.append((path.slug, slug, box["y"]))
    finally:
        page.close()
    assert not late, late
