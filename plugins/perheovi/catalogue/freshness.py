"""Freshness and translation report: what coordinators should ask providers to look at.

Entries not reviewed for a year, texts missing in a language the site publishes besides Finnish
(PERHEOVI_LANGUAGES), services a family cannot see the contact hours of. Warnings, not errors:
the site still builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..i18n import LANGUAGES
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
    return sorted(found)
