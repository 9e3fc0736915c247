"""Which pages the site has: one `SitePage` per page, rendered once per language.

A page is identified by its key, the path below the language folder (`service/<id>/`), so
the same key in another language is the same page translated: that is what the language
switcher and the sitemap's hreflang alternates link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue.network import Catalogue
from ..catalogue.paths import paths_of, quick_exit_services, resolve
from ..catalogue.taxonomy import CATEGORIES
from .views import (
    facets,
    first_door,
    languages_by_channel,
    meeting_places_view,
    municipality_view,
    open_data_view,
    urgent_lines,
)


@dataclass
class SitePage:
    key: str  # "" for the home page, else "section/slug/"
    template: str  # a template under theme/templates/pages/
    context: dict = field(default_factory=dict)
    in_sitemap: bool = True

    def path(self, lang: str) -> str:
        return f"{lang}/{self.key}index.html"

    def url(self, lang: str) -> str:
        return f"{lang}/{self.key}"


def catalogue_pages(catalogue: Catalogue) -> list[SitePage]:
    pages = [
        SitePage("", "home", {"urgent_on_page": True}),
        SitePage("a-z/", "a_z", {"services": list(catalogue.services.values())}),
        SitePage(
            "search/",
            "search",
            # results may be of anything
            {
                "quick_exit": True,
                "facets": facets(
                    [*catalogue.services.values(), *catalogue.meeting_places.values()]
                ),
                # without JavaScript the page offers the ways search would have led to
                "topics": [c for c in CATEGORIES.values() if catalogue.services_in_category(c.id)],
                "services": list(catalogue.services.values()),
            },
        ),
        SitePage("meeting-places/", "meeting_places", {"view": meeting_places_view(catalogue)}),
        # what a family saved may be of anything, sensitive too
        SitePage("my-list/", "my_list", {"quick_exit": True}),
        SitePage(
            "categories/",
            "categories",
            {"counts": {c: len(catalogue.services_in_category(c)) for c in CATEGORIES}},
        ),
        SitePage("accessibility/", "accessibility"),
        SitePage("open-data/", "open_data", {"open_data": open_data_view(catalogue)}),
        SitePage("coverage/", "coverage", {"coverage_paths": catalogue.paths}),
    ]
    pages += [
        SitePage(
            f"municipality/{m.slug}/",
            "municipality",
            {
                "view": (view := municipality_view(catalogue, m)),
                "facets": view.facets,
                "urgent_on_page": True,
            },
        )
        for m in catalogue.municipalities.values()
    ]
    pages += [
        SitePage(
            f"service/{s.id}/",
            "service",
            {
                "service": s,
                "area": [] if s.region_wide else [catalogue.municipalities[m] for m in s.area],
                "language_offers": languages_by_channel(s),
                "service_paths": paths_of(catalogue, s),
            },
        )
        for s in catalogue.sorted_services
    ]
    pages += [
        SitePage(f"meeting-place/{m.id}/", "meeting_place", {"place": m})
        for m in catalogue.sorted_meeting_places
    ]
    pages += [
        SitePage(
            f"provider/{p.slug}/",
            "provider",
            {
                "provider": p,
                "services": catalogue.services_of(p),
                "organised": catalogue.organised_by(p),
                "partnered": catalogue.run_with(p),
            },
        )
        for p in catalogue.providers.values()
    ]
    pages += [
        SitePage(
            f"category/{c.id}/",
            "category",
            {
                "category": c,
                "services": catalogue.services_in_category(c.id),
                "facets": facets(catalogue.services_in_category(c.id)),
                "quick_exit": c.sensitive,
            },
        )
        for c in CATEGORIES.values()
        if catalogue.services_in_category(c.id)
    ]
    for path in catalogue.paths.values():
        pages.append(
            SitePage(
                f"path/{path.slug}/",
                "path",
                {
                    "path": path,
                    "quick_exit": path.quick_exit,
                    "urgent_lines": urgent_lines(catalogue),
                },
            )
        )
        for m in catalogue.municipalities.values():
            steps = resolve(catalogue, path, m.slug)
            pages.append(
                SitePage(
                    f"path/{path.slug}/{m.slug}/",
                    "path_municipality",
                    {
                        "path": path,
                        "municipality": m,
                        "quick_exit": path.quick_exit,
                        "steps": steps,
                        "facets": facets([e for step in steps for e in step.listed]),
                        "first_door": first_door(steps),
                        "urgent_lines": urgent_lines(catalogue, m.slug),
                    },
                )
            )
    pages += [  # the Selkosuomeksi / Lättläst versions
        SitePage(f"plain/service/{s.id}/", "plain_service", {"service": s})
        for s in catalogue.sorted_services
        if s.plain
    ]
    pages += [
        SitePage(
            f"plain/path/{path.slug}/",
            "plain_path",
            {"path": path, "quick_exit": path.quick_exit, "urgent_lines": urgent_lines(catalogue)},
        )
        for path in catalogue.paths.values()
        if path.plain
    ]
    hidden = quick_exit_services(catalogue)
    for page in pages:
        if page.template in ("service", "plain_service") and page.context["service"].id in hidden:
            page.context["quick_exit"] = True
    return pages


def content_pages(pelican_pages) -> list[SitePage]:
    """Free-text pages from content/ (read by Pelican), one SitePage per slug."""
    pages = []
    for page in sorted(pelican_pages, key=lambda p: p.slug):
        versions = {page.lang: page, **{t.lang: t for t in page.translations}}
        pages.append(SitePage(f"{page.slug}/", "content", {"versions": versions}))
    return pages
