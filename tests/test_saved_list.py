"""My list (saved-list.js): saved in the browser only, it survives a reload, shares as a link
that another browser opens, prints as one leaflet with each entry's address and QR code, and
sends nothing anywhere. On the test network's site, in real Chromium."""

from __future__ import annotations

import io

import pytest
from conftest import PHONE


def services_with_a_phone(catalogue, count=2) -> list[str]:
    return [
        s.id
        for s in catalogue.sorted_services
        if s.contacts[0].type == "phone" and not s.region_wide
    ][:count]


@pytest.fixture
def visitor(browser, site_url):
    """One family's browser: its own storage, every request it makes recorded."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    assert not errors
    context.close()


def save(page, site_url, keys):
    for key in keys:
        page.goto(f"{site_url}/fi/{key}")
        button = page.locator("button[data-save]")
        assert button.is_visible()
        button.click()
        assert button.get_attribute("aria-pressed") == "true"


def open_list(page, url):
    page.goto(url)
    page.wait_for_selector("#my-list[data-state=done]")
    return [a.text_content() for a in page.locator(".my-list__entries .entry__title a").all()]


def test_a_saved_list_survives_a_reload_and_shows_the_numbers(visitor, site_url, catalogue):
    page, requests = visitor
    ids = services_with_a_phone(catalogue)
    save(page, site_url, [f"service/{i}/" for i in ids])
    page.reload()
    assert page.locator("button[data-save]").get_attribute("aria-pressed") == "true"
    names = open_list(page, f"{site_url}/fi/my-list/")
    assert names == [catalogue.services[i].name.fi for i in ids]
    tel = page.locator(".my-list__entries a[href^='tel:']")
    assert tel.count() == len(ids)
    # each link leads to its page, though the entry was drawn for its page's own folder
    href = page.locator(".my-list__entries .entry__title a").first.get_attribute("href")
    assert href == f"{site_url}/fi/service/{ids[0]}/"
    page.locator(".my-list__remove").first.click()
    assert open_list(page, f"{site_url}/fi/my-list/") == [catalogue.services[ids[1]].name.fi]
    assert all(url.startswith(site_url) for url in requests), "a request left the site"
    storage = page.evaluate("Object.keys(localStorage)")
    assert storage == ["perheovi-list"]


def test_a_shared_link_opens_the_same_list_in_another_browser(
    browser, visitor, site_url, catalogue
):
    page, _ = visitor
    ids = services_with_a_phone(catalogue)
    save(page, site_url, [f"service/{i}/" for i in ids])
    mine = open_list(page, f"{site_url}/fi/my-list/")
    link = page.locator("#my-list-link").get_attribute("href")
    assert "ids=" in link
    other = browser.new_context(viewport=PHONE)
    try:
        theirs = other.new_page()
        assert open_list(theirs, link) == mine
        assert theirs.locator("#my-list-status").text_content() == "Tämä lista on jaettu sinulle."
        theirs.locator(".my-list__keep").click()
        assert len(open_list(theirs, f"{site_url}/fi/my-list/")) == len(mine)
    finally:
        other.close()


def test_a_list_prints_as_one_leaflet_with_each_entrys_address_and_code(
    visitor, site_url, catalogue
):
    import pypdf

    page, _ = visitor
    ids = services_with_a_phone(catalogue, count=3)
    save(page, site_url, [f"service/{i}/" for i in ids])
    open_list(page, f"{site_url}/fi/my-list/")
    assert page.locator(".my-list__entries .leaflet-address svg").count() == len(ids)
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "".join(p.extract_text() for p in pdf.pages).replace("\ufb01", "fi")
    assert len(pdf.pages) == 1
    for i in ids:
        assert f"/fi/service/{i}/" in text
    assert "Poista omalta listalta" not in text and "Kopioi linkki" not in text


def test_axe_finds_nothing_on_my_list(visitor, site_url, catalogue):
    from perheovi.gates import browser as gates
    from perheovi.site.vendor import GATES_DIR

    page, _ = visitor
    save(page, site_url, [f"service/{i}/" for i in services_with_a_phone(catalogue)])
    open_list(page, f"{site_url}/fi/my-list/")
    gates.inject_axe(page, (GATES_DIR / "axe.min.js").read_text("utf-8"))
    found, overflow, _ = gates.at_width(page, "375 px", [])
    assert not found and not any(overflow), (found, overflow)


def test_without_javascript_there_is_no_button_to_press_and_the_list_page_says_why(site):
    import lxml.html

    path = next(iter(site.root.glob("sv/service/*"))) / "index.html"
    assert site.page(f"/sv/service/{path.parent.name}/").cssselect("p.save")[0].get("hidden") == ""
    # the entry My list takes from here, inert (a visitor's reading leaves it out)
    [template] = lxml.html.fromstring(path.read_bytes()).cssselect("template#saved-entry")
    assert template.cssselect("li.entry .entry__title a") and template.cssselect(".entry__facts")
    note = site.page("/sv/my-list/").cssselect(".no-script-note")[0].text_content()
    assert "JavaScript" in note
    assert site.page("/sv/my-list/").cssselect('meta[name="robots"][content="noindex"]')
