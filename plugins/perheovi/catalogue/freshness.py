"""Freshness and translation report: what coordinators should ask providers to look at.

Entries not reviewed for a year, texts missing in a language the site publishes besides Finnish
(PERHEOVI_LANGUAGES), services a family cannot see the contact hours of, plain-language texts
that measure as not plain (plainness.py) and the paths and first-step services that have none.
Warnings, not errors: the site still builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..i18n import LANGUAGES
from . import plainness
from .paths import lists
from .problems import Problem


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def findings(
    catalogue, today: dt.date, months: int = 12, languages: Sequence[str] = LANGUAGES
) -> list[Problem]:
    """`languages`: the site's (PERHEOVI_LANGUAGES); a text without one of them is a finding, a
    text in a language the site does not publish is not (Finnish is required, never missing).
    The message names the language in the reader's language, as it does the kinds of entry
    ("service", "meeting place": problems.FRAGMENTS)."""
    limit = _months_before(today, months)
    found: list[Problem] = []

    def at(entry) -> tuple[str, int]:
        return entry.source if hasattr(entry, "source") and entry.source[0] else (entry.path, 1)

    kinds = (
        [("provider", o) for o in catalogue.providers.values()]
        + [("service", s) for s in catalogue.sorted_services]
        + [("meeting place", m) for m in catalogue.sorted_meeting_places]
    )
    for what, entry in kinds:
        path, line = at(entry)
        if entry.reviewed and entry.reviewed < limit:
            found.append(
                Problem(
                    path,
                    line,
                    1,
                    "stale_entry",
                    {
                        "what": what,
                        "name": entry.name.fi,
                        "date": entry.reviewed.isoformat(),
                        "months": months,
                    },
                )
            )
        for lang in languages:
            missing = [
                field
                for field in ("name", "summary")
                if getattr(entry, field, None) is not None and not getattr(entry, field).has(lang)
            ]
            if missing:
                found.append(
                    Problem(
                        path,
                        line,
                        1,
                        "missing_translation",
                        {
                            "what": what,
                            "name": entry.name.fi,
                            "language": lang,
                            "fields": ", ".join(missing),
                        },
                    )
                )
    for service in catalogue.sorted_services:
        if not any(contact.opening_hours for contact in service.contacts):
            path, line = at(service)
            found.append(Problem(path, line, 1, "no_hours", {"name": service.name.fi}))
    found += plain_findings(catalogue, languages)
    return sorted(found)


def plain_findings(catalogue, languages: Sequence[str] = LANGUAGES) -> list[Problem]:
    """What the plain-language measures find in the plain texts, and the paths and the services
    of their first steps without any: a family who needs plain language starts there."""
    found: list[Problem] = []
    plain_languages = [lang for lang in ("fi", "sv") if lang in languages]

    def measured(what: str, name: str, where: tuple[str, int], texts) -> None:
        for text in texts:
            for lang in plain_languages:
                content = getattr(text, lang, None) if text else None
                for code, params in plainness.findings(content, lang) if content else ():
                    found.append(
                        Problem(
                            where[0],
                            where[1],
                            1,
                            code,
                            {"what": what, "name": name, "language": lang, **params},
                        )
                    )

    for service in catalogue.sorted_services:
        if service.plain:
            measured(
                "service",
                service.name.fi,
                service.source,
                [service.plain.summary, service.plain.description],
            )
    for path in catalogue.paths.values():
        if path.plain is None:
            found.append(Problem(path.path, 1, 1, "path_no_plain_text", {"name": path.title.fi}))
        else:
            texts = [path.plain.introduction, *path.plain.steps.values()]
            measured("path", path.title.fi, (path.path, 1), texts)
        first = [step for step in path.steps if step.first_contact]
        for service in catalogue.sorted_services:
            if service.plain is None and any(lists(path, step, service) for step in first):
                where = service.source
                found.append(
                    Problem(
                        where[0],
                        where[1],
                        1,
                        "no_plain_text",
                        {"name": service.name.fi, "path": path.title.fi},
                    )
                )
    return found
