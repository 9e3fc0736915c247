"""Every component macro has a rendered example (tests/component_examples/, GOV.UK Frontend's
habit), and every example renders, in every language, with no variable left undefined: a macro
that reaches for something its page may not have fails here, not on one page of one region."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from conftest import LANGUAGES, NETWORK, ROOT

THEME = ROOT / "plugins" / "perheovi" / "theme"
COMPONENTS = THEME / "templates" / "components"
EXAMPLES = Path(__file__).parent / "component_examples"
PUBLIC_MACRO = re.compile(r"{%-?\s*macro\s+([a-z][a-z0-9_]*)\(")


def public_macros() -> dict[str, list[str]]:
    """Component file name -> its public macros (a leading underscore marks a private one)."""
    found = {}
    for path in sorted(COMPONENTS.glob("*.html")):
        names = PUBLIC_MACRO.findall(path.read_text("utf-8"))
        if names:
            found[path.name] = names
    return found


@pytest.fixture(scope="module")
def render(catalogue):
    """Renders an example as the generator renders a page: the same filters, globals and
    site context, the page language's messages; undefined names are errors."""
    import os

    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
    from perheovi import i18n
    from perheovi.site import filters
    from perheovi.site.generator import site_context
    from perheovi.site.pages import SitePage
    from perheovi.site.settings import read_settings_file
    from perheovi.site.templating import install_functions
    from perheovi.site.views import facets

    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(THEME / "templates")), FileSystemLoader(str(EXAMPLES))]
        ),
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    install_functions(env)
    translations = {
        lang: i18n.load_translations(THEME / "translations", lang) for lang in LANGUAGES
    }
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    settings = read_settings_file(NETWORK / "pelicanconf.py", os.environ)
    common = site_context(catalogue, settings, "")

    def render(name: str, lang: str) -> str:
        catalog = translations[lang]
        env.install_gettext_translations(catalog, newstyle=True)
        return env.get_template(name).render(
            common,
            lang=lang,
            page=SitePage("example/", "example"),
            root="../../",
            fallback_note=catalog.gettext("in Finnish"),
            report_body_intro=catalog.gettext("What is wrong or missing in this information?"),
            clock_pattern=i18n.clock_pattern(lang),
            day_names_in_sentence=i18n.day_names_in_sentence(lang),
            gettext_in={code: filters.gettext_in(translations[code]) for code in LANGUAGES},
            catalogue=catalogue,  # where the examples take their entries from; pages get none
            example_facets=facets(
                [*catalogue.services.values(), *catalogue.meeting_places.values()]
            ),
        )

    return render


def test_every_public_component_macro_has_an_example():
    missing = []
    for component, macros in public_macros().items():
        example = EXAMPLES / component
        shown = (
            set(re.findall(r'data-example="([a-z_]+)"', example.read_text("utf-8")))
            if example.exists()
            else set()
        )
        missing += [f"{component}: {name}" for name in macros if name not in shown]
    assert len(public_macros()) >= 6
    assert not missing, missing


@pytest.mark.parametrize("component", sorted(public_macros()))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_example_renders_something_in_every_language(render, component, lang):
    page = lxml.html.fromstring(f"<main>{render(component, lang)}</main>")
    examples = page.xpath("//*[@data-example]")
    assert examples
    for example in examples:
        rendered = lxml.html.tostring(example, encoding="unicode")
        assert example.text_content().strip() or "<svg" in rendered, (
            component,
            example.get("data-example"),
        )


def test_the_examples_show_what_a_family_needs_of_each_component(render):
    page = lxml.html.fromstring(f"<main>{render('contact.html', 'en')}</main>")
    [channels] = page.xpath("//*[@data-example='channel']")
    assert len(channels.cssselect("a[href^='tel:']")) == 3
    assert len(channels.cssselect(".channel__kind.visually-hidden")) == 1  # label=false
    assert channels.cssselect("table.hours")  # full=true draws the hours table
    page = lxml.html.fromstring(f"<main>{render('urgent_help.html', 'fi')}</main>")
    assert page.cssselect("[data-example='urgent_list'] a[href='tel:112']")
    page = lxml.html.fromstring(f"<main>{render('leaflet.html', 'sv')}</main>")
    [leaflet] = page.cssselect(".leaflet-address.print-only")
    assert leaflet.cssselect("svg") and "example.org/fi/service" in leaflet.text_content()


def test_no_template_queries_the_catalogue(catalogue):
    """Templates lay out what the views and page contexts give them: none names the catalogue
    (the site context holds no Catalogue to ask), so what a page shows is decided in Python."""
    from jinja2 import Environment, meta
    from perheovi.catalogue.network import Catalogue
    from perheovi.site.generator import site_context
    from perheovi.site.settings import read_settings_file
    from perheovi.site.templating import install_functions

    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    install_functions(env)
    asking = []
    for path in sorted((THEME / "templates").rglob("*.html")):
        names = meta.find_undeclared_variables(env.parse(path.read_text("utf-8")))
        if "catalogue" in names:
            asking.append(path.name)
    settings = read_settings_file(NETWORK / "pelicanconf.py", {"SOURCE_DATE_EPOCH": "1795000000"})
    common = site_context(catalogue, settings, "")
    assert not asking, asking
    assert not [key for key, value in common.items() if isinstance(value, Catalogue)]
    assert len(list((THEME / "templates").rglob("*.html"))) > 20
