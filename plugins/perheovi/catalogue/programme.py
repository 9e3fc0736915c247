"""Meeting-place programmes: which activities really take place on which dates.

An activity runs on its weekday within each term (every week, on even or odd ISO weeks, or on
some of the month's weekdays), except its cancelled dates and the days the whole place is
closed. The same rule feeds the pages ("this week"), the checker and the calendars.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .hours import local_instant, spans_text

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class Occurrence:
    day: dt.date
    activity: object
    cancelled: bool
    reason: object = None  # the closure's reason text, when the place is closed


def holds_on(activity, day: dt.date) -> bool:
    """Whether `day` is one of the activity's days by its pattern (cancellations aside)."""
    if day.weekday() != activity.day_index:
        return False
    if activity.weeks:
        return day.isocalendar().week % 2 == (0 if activity.weeks == "even" else 1)
    if activity.monthly:
        return any(week_of_month(day, which) for which in activity.monthly)
    return True


def week_of_month(day: dt.date, which: str) -> bool:
    """Whether `day` is the month's 1st, 2nd, 3rd or 4th of its weekday, or its "last"."""
    if which == "last":
        return (day + WEEK).month != day.month
    return (day.day - 1) // 7 + 1 == int(which)


def pattern_days(activity, first: dt.date, last: dt.date):
    """The days from `first` to `last` (inclusive) the activity's pattern holds on."""
    day = first + dt.timedelta(days=(activity.day_index - first.weekday()) % 7)
    while day <= last:
        if holds_on(activity, day):
            yield day
        day += WEEK


def closure_on(place, day: dt.date):
    return next((c for c in place.exceptions if c.date <= day <= c.last), None)


def occurrences(place, start: dt.date, end: dt.date, include_cancelled: bool = False):
    """Occurrences from `start` to `end` (inclusive), in date and time order."""
    found = []
    for term in place.terms:
        first, last = max(start, term.start), min(end, term.until)
        for activity in place.programme:
            for day in pattern_days(activity, first, last):
                closure = closure_on(place, day)
                cancelled = closure is not None or day in activity.cancelled
                if include_cancelled or not cancelled:
                    found.append(
                        Occurrence(day, activity, cancelled, closure.reason if closure else None)
                    )
    return sorted(found, key=lambda o: (o.day, o.activity.time))


def next_on(place, activity, day: dt.date) -> dt.date | None:
    """The first date from `day` on that the activity really takes place, if any."""
    for term in sorted(place.terms, key=lambda t: t.start):
        if term.until < day:
            continue
        for found in pattern_days(activity, max(day, term.start), term.until):
            if found not in activity.cancelled and closure_on(place, found) is None:
                return found
    return None


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def excluded_dates(place, activity, term) -> list[dt.date]:
    """Dates within `term` the activity's pattern holds on when it does not take place."""
    return [
        day
        for day in pattern_days(activity, term.start, term.until)
        if day in activity.cancelled or closure_on(place, day) is not None
    ]


def session_spans(place, first: dt.date, days: int) -> str:
    """The place's sessions from `first` for `days` days as open spans ("start-end" minutes
    since the epoch, like hours.open_data) for the "open now" script: a meeting place is
    open while a session is on."""
    return spans_text(
        (local_instant(o.day, o.activity.time.start), local_instant(o.day, o.activity.time.end))
        for o in occurrences(place, first, first + dt.timedelta(days=days - 1))
    )
