"""The home page on a phone (375 × 812 px): the search box and the first concern on the first
screen, and every tap target at least 44 × 44 px (WCAG 2.5.5; links inside running text are
exempt, as the criterion says)."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES, PHONE

# Links, buttons and fields a thumb must hit (visible ones: not inside a closed <details>), with
# their size; a link is "inline" when the
# paragraph or cell around it has text of its own besides the link.
TARGETS = """() => [...document.querySelectorAll('a[href], button, input, select, summary')]
  .filter((e) => e.checkVisibility() && !e.closest('.skip-link'))
  .map((e) => {
    const box = e.getBoundingClientRect();
    const block = e.parentElement.closest('p, td, dd, span.channel__warning');
    const inline = !!block && block.textContent.trim() !== e.textContent.trim();
    return {text: (e.textContent || e.name || '').trim().slice(0, 40), inline,
            width: box.width, height: box.height};
  })"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_and_the_first_concern_are_on_the_first_screen(phone, site_url, lang):
    phone.goto(f"{site_url}/{lang}/")
    search = phone.locator("form.search-form").bounding_box()
    concern = phone.locator(".tiles--paths a").first.bounding_box()
    assert search["y"] + search["height"] <= PHONE["height"]
    assert concern["y"] + concern["height"] <= PHONE["height"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tap_target_on_the_home_page_is_at_least_44_px(phone, site_url, lang):
    phone.goto(f"{site_url}/{lang}/")
    targets = phone.evaluate(TARGETS)
    assert len(targets) > 20
    small = [t for t in targets if not t["inline"] and (t["width"] < 44 or t["height"] < 44)]
    assert not small, small


LAST_TWO_CHARACTERS_TOPS = """() => {
  const text = document.querySelector('h1').firstChild;
  const top = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                       return r.getBoundingClientRect().top; };
  return [text.data.slice(-2), top(text.length - 2), top(text.length - 1)];
}"""


@pytest.mark.parametrize("width", [320, 375])
def test_the_root_title_keeps_its_closing_bracket_on_the_line_of_its_word(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 812})
    try:
        page.goto(f"{site_url}/")
        last_two, before, last = page.evaluate(LAST_TWO_CHARACTERS_TOPS)
    finally:
        page.close()
    assert before == last, (width, last_two)


def test_a_topics_count_is_inside_its_card(site):
    for lang in LANGUAGES:
        tiles = site.page(f"/{lang}/categories/").cssselect(".tiles > li")
        assert tiles
        for tile in tiles:
            [link] = tile.cssselect("a")
            assert link.cssselect(".count") and tile.text_content() == link.text_content()
