"""The template functions every renderer installs: the site's build, the benchmark's bare
Jinja2 floor and the component examples' test render with the same ones."""

from __future__ import annotations

from . import filters, today
from .jsonld import service_jsonld
from .views import entry_facts


def install_functions(env) -> None:
    env.filters.update(filters.FILTERS)
    env.filters.update(today.FILTERS)
    env.globals.update(filters.GLOBALS)
    env.globals.update(today.GLOBALS)
    # the one view a macro asks for itself: a listed entry's facts, drawn inside the entry's
    # fragment (rendered once per language and depth, wherever the entry is listed)
    env.globals["entry_facts"] = entry_facts
    # a service page's schema.org description, in the page's language (site/jsonld.py)
    env.globals["service_jsonld"] = service_jsonld
