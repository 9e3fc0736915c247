"""Meeting-place programmes: which activities really take place on which dates.

An activity runs weekly on its day within each term, except its cancelled dates and the days
the whole place is closed. The same rule feeds the pages ("this week") and the calendars.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Occurrence:
    day: dt.date
    activity: object
    cancelled: bool
    reason: object = None  # the closure's reason text, when the place is closed


def closure_on(place, day: dt.date):
    return next((c for c in place.exceptions if c.date <= day <= c.last), None)


def occurrences(place, start: dt.date, end: dt.date, include_cancelled: bool = False):
    """Occurrences from `start` to `end` (inclusive), in date and time order."""
    found = []
    for term in place.terms:
        first, last = max(start, term.start), min(end, term.until)
        day = first
        while day <= last:
            for activity in place.programme:
                if activity.day_index != day.weekday():
                    continue
                closure = closure_on(place, day)
                cancelled = closure is not None or day in activity.cancelled
                if include_cancelled or not cancelled:
                    found.append(
                        Occurrence(day, activity, cancelled, closure.reason if closure else None)
                    )
            day += dt.timedelta(days=1)
    return sorted(found, key=lambda o: (o.day, o.activity.time))


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def excluded_dates(place, activity, term) -> list[dt.date]:
    """Dates within `term` on the activity's weekday when it does not take place."""
    found = []
    day = term.start + dt.timedelta(days=(activity.day_index - term.start.weekday()) % 7)
    while day <= term.until:
        if day in activity.cancelled or closure_on(place, day) is not None:
            found.append(day)
        day += dt.timedelta(days=7)
    return found
