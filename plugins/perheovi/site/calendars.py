"""iCalendar (RFC 5545) feeds of meeting-place programmes, built with the `icalendar` library.

One weekly recurring event per activity and term: RRULE until the term ends, EXDATE for
cancelled dates and closures, times in Europe/Helsinki with its VTIMEZONE, so a calendar app
shows the right local time on both sides of a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

from icalendar import Calendar, Event, Timezone, vRecur

from ..builddate import HELSINKI
from ..catalogue.programme import excluded_dates

UTC = dt.UTC


def _first_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _local(day: dt.date, minutes: int) -> dt.datetime:
    day += dt.timedelta(days=minutes // (24 * 60))
    minutes %= 24 * 60
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), HELSINKI)


def _events(place, catalogue, lang: str, stamp: dt.datetime):
    location = catalogue.locations[place.location]
    address = location.address
    town = catalogue.municipality_name(address.municipality).get(lang)[0]
    where = f"{location.name.get(lang)[0]}, {address.street}, {address.postal_code} {town}"
    for term_index, term in enumerate(place.terms):
        for index, activity in enumerate(place.programme):
            first = _first_on_or_after(term.start, activity.day_index)
            if first > term.until:
                continue
            event = Event()
            uid = hashlib.sha1(f"{place.id}/{term_index}/{index}".encode()).hexdigest()[:16]
            event.add("uid", f"{uid}-{place.id}@perheovi")
            event.add("dtstamp", stamp)
            event.add("summary", f"{activity.name.get(lang)[0]} – {place.name.get(lang)[0]}")
            event.add("dtstart", _local(first, activity.time.start))
            event.add("dtend", _local(first, activity.time.end))
            last_start = _local(term.until, activity.time.start).astimezone(UTC)
            event.add("rrule", vRecur(freq="WEEKLY", until=last_start))
            skipped = excluded_dates(place, activity, term)
            if skipped:
                event.add("exdate", [_local(day, activity.time.start) for day in skipped])
            event.add("location", where)
            if activity.audience:
                event.add("description", activity.audience.get(lang)[0])
            yield event


def programme_calendar(
    places, catalogue, lang: str, name: str, build_date: dt.date, events: dict | None = None
) -> bytes:
    """A calendar of the programmes of `places`; deterministic for a given build date.

    `events` remembers each place's serialised events between calls: a place is in its own
    feed and in its municipality's."""
    calendar = Calendar()
    calendar.add("prodid", "-//perheovi//meeting places//" + lang.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    stamp = dt.datetime.combine(build_date, dt.time(0), UTC)
    events = {} if events is None else events
    body = b""
    for place in places:
        key = (place.id, lang, stamp)
        if key not in events:
            events[key] = b"".join(
                event.to_ical() for event in _events(place, catalogue, lang, stamp)
            )
        body += events[key]
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + (_helsinki_ical() + body if body else b"") + b"END:VCALENDAR" + end


@lru_cache(maxsize=1)
def _helsinki_ical() -> bytes:
    """Europe/Helsinki as a VTIMEZONE, built once: icalendar derives it from zoneinfo."""
    return Timezone.from_tzid("Europe/Helsinki").to_ical()
