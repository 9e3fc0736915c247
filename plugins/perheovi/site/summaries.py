"""A contact's hours in one line ("ma–pe 8.00–9.00; to 12.00–13.00"): the same words in a
list entry, beside an urgent number, in a search result and on paper, made in one place."""

from __future__ import annotations

from .. import i18n
from ..catalogue.hours import day_groups


def interval_text(interval, lang: str) -> str:
    return f"{i18n.clock(interval.start, lang)}–{i18n.clock(interval.end, lang)}"


def day_range_text(group, lang: str, width: str = "abbreviated") -> str:
    first = i18n.day_name(group.first, lang, width)
    if group.first == group.last:
        return first
    return f"{first}–{i18n.day_name(group.last, lang, width)}"


def hours_line(hours, lang: str, always: str, by_appointment: str) -> str:
    """The weekly hours day group by day group; `always` and `by_appointment` are the words
    for round-the-clock and appointment-only hours in `lang`. Whether the hours are confirmed
    is for the caller to say (a page warns, a search result leaves the hours out)."""
    if hours.always:
        return always
    text = "; ".join(
        f"{day_range_text(group, lang)} {', '.join(interval_text(i, lang) for i in group.intervals)}"
        for group in day_groups(hours.weekly)
    )
    if hours.by_appointment:
        text += ("; " if hours.weekly else "") + by_appointment
    return text
