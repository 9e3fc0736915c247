"""What a page shows of its build date: today's hours and sessions, the live status's spans,
this week's programme, the coming changes and the notices in force.

The build date is the only clock (builddate.py), so these are the only template functions
whose answer changes from one day's build to the next; `filters` only formats.
"""

from __future__ import annotations

import datetime as dt

from jinja2 import pass_context

from ..catalogue import hours as hours_engine
from ..catalogue import programme
from .filters import build_cache

# How far ahead the pages embed open spans for the "open now" script: a page left unbuilt
# longer than this stops claiming anything.
OPEN_NOW_DAYS = 42


def open_now_horizon(build_date) -> int:
    """Minutes since the epoch when the embedded spans run out: the script then goes quiet."""
    end = build_date + dt.timedelta(days=OPEN_NOW_DAYS - 1)
    return int(hours_engine.local_instant(end, 0).timestamp()) // 60


def notices_on(notices, day: dt.date) -> list:
    """The region's notices in force on `day` (the build date), in catalogue order: a notice
    shows from its `from` date to its `until` date, both included, and always when it has none.
    The nightly rebuild switches them on and off (docs/coordinators.md)."""
    return [
        notice
        for notice in notices
        if (notice.start is None or notice.start <= day)
        and (notice.until is None or day <= notice.until)
    ]


def _per_hours(ctx, name: str, hours, compute):
    """Hours are drawn on many pages in three languages, and many channels keep the same
    hours ("mon-fri 8.00-9.00"): each distinct schedule is computed once."""
    cache = build_cache(ctx)
    same = ("same", id(hours))
    if same not in cache:
        cache[same] = (hours, hours.model_dump_json())  # keeps `hours`, so its id stays its own
    key = (name, cache[same][1])
    if key not in cache:
        cache[key] = compute(hours, ctx["build_date"])
    return cache[key]


@pass_context
def open_spans(ctx, hours) -> str:
    """The open spans from the build date on, for the "open now" script (see hours.open_data)."""
    return _per_hours(
        ctx, "open", hours, lambda h, day: hours_engine.open_data(h, day, OPEN_NOW_DAYS)
    )


@pass_context
def hours_on_build_date(ctx, hours):
    """The hours of the build date (DayHours): what a listed contact shows without JavaScript,
    with that date, so that a week-old page never claims to be open now."""
    return _per_hours(ctx, "today", hours, hours_engine.day_hours)


@pass_context
def upcoming_changes(ctx, hours):
    return _per_hours(ctx, "changes", hours, hours_engine.upcoming_changes)


@pass_context
def sessions_on_build_date(ctx, place) -> list:
    """A meeting place's sessions on the build date, cancelled ones included (they say so)."""
    day = ctx["build_date"]
    return programme.occurrences(place, day, day, include_cancelled=True)


@pass_context
def session_spans(ctx, place) -> str:
    return programme.session_spans(place, ctx["build_date"], OPEN_NOW_DAYS)


@pass_context
def next_on(ctx, place, activity):
    """The activity's next real date from the build date: for one on some weeks only."""
    return programme.next_on(place, activity, ctx["build_date"])


@pass_context
def this_week(ctx, place):
    """The programme of the build date's week as it really goes, cancellations included."""
    first, last = programme.week_of(ctx["build_date"])
    return programme.occurrences(place, first, last, include_cancelled=True)


FILTERS = {"open_spans": open_spans}

GLOBALS = {
    "hours_on_build_date": hours_on_build_date,
    "upcoming_changes": upcoming_changes,
    "sessions_on_build_date": sessions_on_build_date,
    "session_spans": session_spans,
    "next_on": next_on,
    "this_week": this_week,
}
