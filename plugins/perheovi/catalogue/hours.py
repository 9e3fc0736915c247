"""The opening-hours engine: when is a channel open, and when does it open next?

Pure functions over the `Hours` record. A day's hours come from, in order: an exception for
that date, a Finnish public holiday or named eve the channel closes on, a period (summer hours)
covering the date, the weekly rule. Wall-clock times are local to Europe/Helsinki and turned
into real instants with zoneinfo, so spans are right across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..builddate import HELSINKI
from .values import Interval

UTC = dt.UTC
DAY = 24 * 60

# Holidays come from the `holidays` library (public holidays, with Midsummer Eve and Christmas
# Eve). Two eves many services close on are not public holidays there: fixed dates, named here.
_EXTRA_EVES = {"new-years-eve": (12, 31), "may-day-eve": (4, 30)}
_HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower().replace("'", "")).strip("-")


@lru_cache(maxsize=64)
def _public(year: int, lang: str = "en") -> dict[dt.date, str]:
    import holidays  # here, not at the top: it loads every country, and `check` needs none

    return dict(holidays.Finland(years=year, language=_HOLIDAY_LANGUAGES[lang]))


@lru_cache(maxsize=64)
def holiday_slugs(year: int) -> dict[dt.date, str]:
    """Every public holiday and named eve of `year`: date -> "midsummer-eve", "new-years-eve"…"""
    days = {day: _slug(name) for day, name in _public(year).items()}
    days.update({dt.date(year, month, day): slug for slug, (month, day) in _EXTRA_EVES.items()})
    return days


@lru_cache(maxsize=1)
def public_holidays() -> tuple[str, ...]:
    """The public holidays' names, as a catalogue writes them ("midsummer-eve")."""
    return tuple(sorted({_slug(n) for n in _public(2026).values()}))


def holiday_names() -> tuple[str, ...]:
    """What `closed_on` accepts: the public holidays and the named eves."""
    return tuple(sorted(set(public_holidays()) | set(_EXTRA_EVES)))


_EVE_NAMES = {
    "new-years-eve": {"fi": "Uudenvuodenaatto", "sv": "Nyårsafton", "en": "New Year's Eve"},
    "may-day-eve": {"fi": "Vappuaatto", "sv": "Valborgsmässoafton", "en": "May Day Eve"},
}


def holiday_name(day: dt.date, lang: str) -> str | None:
    slug = holiday_slugs(day.year).get(day)
    if slug in _EVE_NAMES:
        return _EVE_NAMES[slug][lang]
    return _public(day.year, lang).get(day)


# --- one day ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayHours:
    """What a date looks like: its intervals and, when they differ from the week, why."""

    day: dt.date
    intervals: tuple[Interval, ...]
    exception: object = None  # the HoursException that decided the day
    holiday: str | None = None  # the holiday slug the channel closes on
    period: object = None  # the Period (summer hours…) in force


def weekly_for(hours, day: dt.date) -> dict:
    period = period_on(hours, day)
    return period.weekly if period else hours.weekly


def period_on(hours, day: dt.date):
    return next((p for p in hours.periods if p.start <= day <= p.until), None)


def day_hours(hours, day: dt.date) -> DayHours:
    if hours.always:
        return DayHours(day, (Interval(0, DAY),))
    for exception in hours.exceptions:
        if exception.date <= day <= exception.last:
            return DayHours(day, tuple(sorted(exception.hours or ())), exception=exception)
    slug = holiday_slugs(day.year).get(day)
    if slug and (
        (hours.holidays == "closed" and slug in public_holidays()) or slug in hours.closed_on
    ):
        return DayHours(day, (), holiday=slug)
    period = period_on(hours, day)
    weekly = period.weekly if period else hours.weekly
    return DayHours(day, days_of(weekly)[day.weekday()], period=period)


def holidays_closed(hours, first: dt.date, last: dt.date) -> list[dt.date]:
    """The holidays from `first` to `last` the channel closes on where its week would have it
    open (an exception on the day decides the day instead): what the open data and the
    schema.org data write out as closed days."""
    return [
        day
        for year in range(first.year, last.year + 1)
        for day in sorted(holiday_slugs(year))
        if first <= day <= last
        and day_hours(hours, day).holiday is not None
        and days_of(weekly_for(hours, day))[day.weekday()]
    ]


def days_of(weekly: dict) -> list[tuple[Interval, ...]]:
    """The intervals of each weekday, Monday first, sorted."""
    days: list[list[Interval]] = [[] for _ in range(7)]
    for spec, intervals in weekly.items():
        for day in spec:
            days[day].extend(intervals)
    return [tuple(sorted(day)) for day in days]


# --- real instants ---------------------------------------------------------------------------


def local_instant(day: dt.date, minutes: int) -> dt.datetime:
    """Wall-clock `minutes` after the start of `day` in Helsinki, as an aware UTC instant.

    A wall time skipped by the spring change (03:30 on the last Sunday of March) is read as
    the instant the clocks show it would have been, as zoneinfo does (fold=0)."""
    day = day + dt.timedelta(days=minutes // DAY)
    minutes %= DAY
    wall = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), HELSINKI)
    return wall.astimezone(UTC)


def spans(hours, start: dt.date, days: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Open spans (UTC) of the days start-1 … start+days-1, overlapping ones merged.

    The day before is included so that an overnight interval reaching into `start` counts."""
    result: list[list[dt.datetime]] = []
    for offset in range(-1, days):
        day = start + dt.timedelta(days=offset)
        for interval in day_hours(hours, day).intervals:
            begin, end = local_instant(day, interval.start), local_instant(day, interval.end)
            if result and begin <= result[-1][1]:
                result[-1][1] = max(result[-1][1], end)
            else:
                result.append([begin, end])
    return [(begin, end) for begin, end in result]


@dataclass(frozen=True)
class Status:
    open: bool
    until: dt.datetime | None = None  # when open: when it closes (UTC)
    next_open: dt.datetime | None = None  # when closed: when it opens next (UTC)


def status_at(hours, instant: dt.datetime, horizon_days: int = 400) -> Status:
    """Open now (and until when), or when it opens next, looking ahead up to `horizon_days`."""
    if hours.always:
        return Status(True)
    instant = instant.astimezone(UTC)
    today = instant.astimezone(HELSINKI).date()
    for begin, end in _spans_from(hours, today, horizon_days):
        if begin <= instant < end:
            return Status(True, until=end)
        if begin > instant:
            return Status(False, next_open=begin)
    return Status(False)


def _spans_from(hours, start: dt.date, horizon_days: int) -> Iterator[tuple]:
    """Spans in chunks of four weeks, so a long closure does not cost a year of days up front."""
    chunk = 28
    carried = None
    for offset in range(0, horizon_days, chunk):
        for span in spans(hours, start + dt.timedelta(days=offset), chunk):
            if carried and span[0] <= carried[1]:
                carried = (carried[0], max(carried[1], span[1]))
                continue
            if carried:
                yield carried
            carried = span
    if carried:
        yield carried


# --- for the pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DayGroup:
    """Consecutive days that share the same intervals: (0, 4) = Monday to Friday."""

    first: int
    last: int
    intervals: tuple[Interval, ...]


def day_groups(weekly: dict) -> list[DayGroup]:
    """Open days grouped into runs with identical hours, for a compact table."""
    groups: list[DayGroup] = []
    for day, intervals in enumerate(days_of(weekly)):
        if not intervals:
            continue
        if groups and groups[-1].last == day - 1 and groups[-1].intervals == intervals:
            groups[-1] = DayGroup(groups[-1].first, day, intervals)
        else:
            groups.append(DayGroup(day, day, intervals))
    return groups


def upcoming_changes(hours, start: dt.date, days: int = 28) -> list[DayHours]:
    """Days in the next `days` that differ from the usual week: exceptions, and holidays that
    fall on a day the channel would otherwise be open."""
    if hours.always:
        return []
    found = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        hours_of_day = day_hours(hours, day)
        usual = days_of(weekly_for(hours, day))[day.weekday()]
        if hours_of_day.exception or (hours_of_day.holiday and usual):
            found.append(hours_of_day)
    return found


def spans_text(pairs) -> str:
    """(begin, end) instants for the "open now" script, in minutes since the epoch, written
    short: each span as "gap+length", the gap counted from the previous span's end (the first
    from the epoch), comma-separated: "29914920+60,1380+60" opens 29914920-29914980 and
    29916360-29916420. Six weeks of hours repeat the same few gaps, which gzip packs well."""
    written, last = [], 0
    for begin, end in pairs:
        start, stop = int(begin.timestamp()) // 60, int(end.timestamp()) // 60
        written.append(f"{start - last}+{stop - start}")
        last = stop
    return ",".join(written)


def open_data(hours, start: dt.date, days: int = 42) -> str:
    """Open spans for the "open now" script."""
    return spans_text(spans(hours, start, days))
