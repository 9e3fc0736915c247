"""The Pelican generator: load the catalogue, then write every page in every language.

It orchestrates and decides nothing about the domain: the loader validates, `catalogue`
answers "what can a family in X use", `pages` lists the pages, the templates render them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import NoReturn

from pelican.generators import Generator

from .. import i18n, log
from ..builddate import build_date
from ..catalogue.loader import check_catalogue
from ..catalogue.paths import coverage, coverage_columns, gaps
from ..catalogue.taxonomy import CATEGORIES
from . import filters
from .calendars import activity_file, programme_calendar
from .pages import SitePage, catalogue_pages, content_pages
from .settings import Settings, SettingsError, read_settings
from .sitemap import LOCAL_SITE_URL, opensearch_xml, sitemap_xml
from .templating import install_functions
from .today import notices_on, open_now_horizon
from .vendor import MissingVendoredFiles, check_vendored
from .views import urgent_lines


def site_context(catalogue, settings: Settings, site_url: str) -> dict:
    """What every page's template sees, whatever its language."""
    today = build_date()
    return {
        "municipalities": list(catalogue.municipalities.values()),
        "paths": list(catalogue.paths.values()),
        "sample_data": catalogue.sample,
        "region": catalogue.region,
        "region_urgent_lines": urgent_lines(catalogue),
        "categories": CATEGORIES,
        "languages": settings.LANGUAGES,
        "language_names": {lang: i18n.own_language_name(lang) for lang in settings.LANGUAGES},
        "build_date": today,
        "open_now_horizon": open_now_horizon(today),
        "notices_in_force": notices_on(catalogue.region.notices, today),
        "site_url": site_url,
        "accessibility": settings.ACCESSIBILITY,
        "open_data_licence": settings.OPEN_DATA_LICENCE,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "coverage": coverage(catalogue),
        "coverage_columns": coverage_columns(catalogue),
        "report_errors": {
            "mode": settings.REPORT_ERRORS,
            "repository": settings.REPOSITORY,
            "email": catalogue.region.coordinator.email,
        },
    }


def render_pages(env, pages, common: dict, translations: dict, emit) -> None:
    """Every page in every language: `emit(path, template, context)` writes one.

    Shared by the Pelican generator and the benchmark's bare-Jinja2 floor, so that the two
    render exactly the same pages from the same contexts."""
    for lang, catalog in translations.items():
        env.install_gettext_translations(catalog, newstyle=True)
        base = dict(
            common,
            lang=lang,
            fallback_note=catalog.gettext("in Finnish"),
            report_body_intro=catalog.gettext("What is wrong or missing in this information?"),
            clock_pattern=i18n.clock_pattern(lang),
            day_names_in_sentence=i18n.day_names_in_sentence(lang),
        )
        for page in pages:
            template = env.get_template(f"pages/{page.template}.html")
            emit(
                page.path(lang),
                template,
                dict(base, page=page, root="../" * page.url(lang).count("/"), **page.context),
            )


PAGES_PER_TASK = 200
_RUNNING: PerheoviGenerator | None = None  # the generator whose tasks forked workers run


def _run_task(task) -> None:
    assert _RUNNING is not None, "set before the workers are forked"
    _RUNNING._run(task)


def add_generator(pelican):
    """`get_generators` handler (a named function: Pelican keeps only a weak reference)."""
    return PerheoviGenerator


def _stop(lines: list[str], summary: str) -> NoReturn:
    """The build's answer to a mistake: every message, one summary, no traceback.

    Printed, not logged: they are the answer even with Pelican's --quiet."""
    for line in lines:
        print(line, file=sys.stderr)
    print(summary, file=sys.stderr)
    sys.exit(1)


class PerheoviGenerator(Generator):
    def generate_context(self):
        log.start_counting()
        try:
            self.site_settings = read_settings(self.settings, os.environ)
        except SettingsError as error:
            _stop(error.problems, f"{len(error.problems)} problem(s) in the settings.")
        catalogue, problems = check_catalogue(Path(self.site_settings.CATALOGUE))
        if problems:
            _stop(
                [problem.render() for problem in problems],
                f"{len(problems)} problem(s) in the catalogue; nothing was written.",
            )
        self.catalogue = catalogue
        self.languages = tuple(self.site_settings.LANGUAGES)
        try:
            check_vendored()
        except MissingVendoredFiles as error:
            _stop([f"perheovi: {error}"], "Nothing was written.")
        translations_dir = Path(self.theme) / "translations"
        self.translations = {
            lang: i18n.load_translations(translations_dir, lang) for lang in self.languages
        }
        self.pages: list[SitePage] = catalogue_pages(catalogue) + content_pages(
            self.context.get("pages", []) + self.context.get("hidden_pages", [])
        )
        for path, step, municipality in gaps(catalogue):
            log.logger.warning(
                "gap: path %s, step %s: nothing for a family in %s", path, step, municipality
            )
        install_functions(self.env)
        self.common = site_context(catalogue, self.site_settings, self.settings.get("SITEURL", ""))

    def generate_output(self, writer):
        """The pages, search indexes, calendars and open data as independent tasks, on every
        core.

        Each task writes its own files, so the order they finish in changes nothing. Worker
        processes are forked with the loaded catalogue: nothing is pickled but task names."""
        self.writer = writer
        tasks = [("open-data", None)]  # first: one long task, while the pages fill the others
        tasks += [(kind, lang) for kind in ("search", "calendars") for lang in self.languages]
        for lang in self.languages:
            tasks += [
                ("pages", (lang, start)) for start in range(0, len(self.pages), PAGES_PER_TASK)
            ]
        processes = self.site_settings.PROCESSES or os.cpu_count() or 1
        if processes == 1 or len(tasks) == 1:
            for task in tasks:
                self._run(task)
        else:
            global _RUNNING  # noqa: PLW0603 -- forked workers inherit the generator, unpickled
            _RUNNING = self
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                for _ in pool.imap_unordered(_run_task, tasks):
                    pass
        self._write_site_files(writer)
        warnings = log.warnings_so_far()
        if warnings and self.site_settings.STRICT:
            _stop([], f"{warnings} warning(s) and --strict: the site was not published.")

    def _run(self, task) -> None:
        kind, argument = task
        if kind == "pages":
            lang, start = argument
            render_pages(
                self.env,
                self.pages[start : start + PAGES_PER_TASK],
                self.common,
                {lang: self.translations[lang]},
                self.writer.write_file,
            )
        elif kind == "search":
            self._write_search(argument)
        elif kind == "open-data":
            self._write_open_data()
        else:
            self._write_calendars(argument)

    def _write_open_data(self):
        """The catalogue as Open Referral HSDS 3.0 open data (interchange/hsds.py)."""
        from ..interchange.hsds import hsds_files

        licence = self.site_settings.OPEN_DATA_LICENCE
        open_data = hsds_files(
            self.catalogue,
            self.common["build_date"],
            self.settings.get("SITEURL") or LOCAL_SITE_URL,
            self.languages,
            licence.id,
            licence.url,
        )
        for relative, content in open_data.items():
            self._write(relative, content)

    def _write_search(self, lang):
        """A language's lunr index and document store, and its OpenSearch description."""
        from ..search import (
            index as search,
        )  # lunr and NLTK load in the worker that builds the index

        files = search.search_files(
            self.catalogue,
            lang,
            self.translations[lang].gettext,
            search.FinnishMorphology() if "fi" in self.languages else None,
            self.site_settings.SEARCH_SHARD_DOCS,
            self.common["build_date"],
            tuple(self.languages),
        )
        for name, content in files.items():
            self._write(f"{lang}/search/{name}", content)
        self._write(
            f"{lang}/search/opensearch.xml",
            opensearch_xml(
                self.settings.get("SITEURL") or LOCAL_SITE_URL,
                lang,
                self.catalogue.region.name.get(lang)[0],
            ),
        )

    def _write_calendars(self, lang):
        """An .ics feed per meeting place, per activity of its programme and per municipality's
        meeting places."""
        catalogue, date, events = self.catalogue, self.common["build_date"], {}
        for place in catalogue.sorted_meeting_places:
            name = place.name.get(lang)[0]
            folder = f"{lang}/meeting-place/{place.id}"
            self._write(
                f"{folder}/calendar.ics",
                programme_calendar([place], lang, name, date, events),
            )
            for index, activity in enumerate(place.programme):
                self._write(
                    f"{folder}/{activity_file(index)}",
                    programme_calendar(
                        [place],
                        lang,
                        f"{activity.name.get(lang)[0]} – {name}",
                        date,
                        events,
                        activity=index,
                    ),
                )
        for municipality in catalogue.municipalities.values():
            places = catalogue.meeting_places_in(municipality.slug)
            if places:
                self._write(
                    f"{lang}/municipality/{municipality.slug}/meeting-places.ics",
                    programme_calendar(places, lang, municipality.name.get(lang)[0], date, events),
                )

    def _write(self, relative: str, content: bytes | str) -> None:
        path = Path(self.output_path) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)

    def _write_site_files(self, writer):
        """The language choice at the root, the 404 page, the region's colours and the sitemap:
        the two pages speak every site language at once, so each has `_` of every language
        (`gettext_in`)."""
        self.env.install_gettext_translations(self.translations[self.languages[0]], newstyle=True)
        base = dict(
            self.common,
            lang=self.languages[0],
            fallback_note="",
            page=SitePage("", "root"),
            gettext_in={
                lang: filters.gettext_in(self.translations[lang]) for lang in self.languages
            },
        )
        writer.write_file("index.html", self.get_template("pages/root"), dict(base, root=""))
        brand = self.env.get_template("brand.css").render(brand=self.site_settings.BRAND)
        self._write("theme/css/brand.css", brand + "\n")
        site_url = self.settings.get("SITEURL", "")
        writer.write_file(
            "404.html",
            self.get_template("pages/not_found"),
            dict(base, root=(site_url.rstrip("/") + "/") if site_url else "/"),
        )
        keys = [page.key for page in self.pages if page.in_sitemap]
        self._write("sitemap.xml", sitemap_xml(site_url or LOCAL_SITE_URL, keys, self.languages))
