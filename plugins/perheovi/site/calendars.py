"""iCalendar (RFC 5545) feeds of meeting-place programmes, built with the `icalendar` library.

One recurring event per activity and term: RRULE until the term ends, EXDATE for cancelled
dates and closures, times in Europe/Helsinki with its VTIMEZONE, so a calendar app shows the
right local time on both sides of a daylight-saving change.

The rule follows the activity's pattern: weekly; FREQ=MONTHLY;BYDAY=1SA (-1FR for the last
Friday) for weeks of the month; for even or odd ISO weeks FREQ=WEEKLY;INTERVAL=2, which every
calendar app knows, as long as it holds: a year with 53 ISO weeks puts two odd weeks in a row
(2026-W53, 2027-W01), so a term across such a year end gets FREQ=YEARLY;BYWEEKNO=… instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

from icalendar import Calendar, Event, Timezone, vRecur

from ..builddate import HELSINKI
from ..catalogue.programme import excluded_dates, pattern_days
from ..catalogue.values import DAYS

UTC = dt.UTC


def _long_years_between(first: dt.date, last: dt.date) -> bool:
    """Whether an ISO year with 53 weeks ends between the two days."""
    return any(
        dt.date(year, 12, 28).isocalendar().week == 53
        for year in range(first.isocalendar().year, last.isocalendar().year)
    )


def _rule(activity, first: dt.date, until: dt.datetime) -> vRecur:
    """The RRULE of `activity` from its first day in a term (its DTSTART) to `until`."""
    day = DAYS[activity.day_index][:2].upper()
    if activity.monthly:
        byday = [f"{-1 if w == 'last' else int(w)}{day}" for w in activity.monthly]
        return vRecur(freq="MONTHLY", byday=byday, until=until)
    if activity.weeks and _long_years_between(first, until.date()):
        weeks = list(range(2 if activity.weeks == "even" else 1, 54, 2))
        return vRecur(freq="YEARLY", byweekno=weeks, byday=day, wkst="MO", until=until)
    if activity.weeks:
        return vRecur(freq="WEEKLY", interval=2, until=until)
    return vRecur(freq="WEEKLY", until=until)


def _local(day: dt.date, minutes: int) -> dt.datetime:
    day += dt.timedelta(days=minutes // (24 * 60))
    minutes %= 24 * 60
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), HELSINKI)


def _events(place, lang: str, stamp: dt.datetime, only: int | None = None):
    location = place.venue
    address = location.address
    town = address.town.get(lang)[0]
    where = f"{location.name.get(lang)[0]}, {address.street}, {address.postal_code} {town}"
    for term_index, term in enumerate(place.terms):
        for index, activity in enumerate(place.programme):
            if only is not None and index != only:
                continue
            first = next(pattern_days(activity, term.start, term.until), None)
            if first is None:
                continue
            event = Event()
            uid = hashlib.sha1(f"{place.id}/{term_index}/{index}".encode()).hexdigest()[:16]
            event.add("uid", f"{uid}-{place.id}@perheovi")
            event.add("dtstamp", stamp)
            event.add("summary", f"{activity.name.get(lang)[0]} – {place.name.get(lang)[0]}")
            event.add("dtstart", _local(first, activity.time.start))
            event.add("dtend", _local(first, activity.time.end))
            last_start = _local(term.until, activity.time.start).astimezone(UTC)
            event.add("rrule", _rule(activity, first, last_start))
            skipped = excluded_dates(place, activity, term)
            if skipped:
                event.add("exdate", [_local(day, activity.time.start) for day in skipped])
            event.add("location", where)
            if activity.audience:
                event.add("description", activity.audience.get(lang)[0])
            yield event


def activity_file(index: int) -> str:
    """The file of one activity's calendar beside its meeting place's page: activity-1.ics for
    the first of its programme (in the catalogue's order), so the address stays when the
    programme is shown in another order."""
    return f"activity-{index + 1}.ics"


def programme_calendar(
    places,
    lang: str,
    name: str,
    build_date: dt.date,
    events: dict | None = None,
    activity: int | None = None,
) -> bytes:
    """A calendar of the programmes of `places` (or of only the activity at index `activity`
    of the one place: a single session to add); deterministic for a given build date.

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
        key = (place.id, lang, stamp, activity)
        if key not in events:
            events[key] = b"".join(
                event.to_ical() for event in _events(place, lang, stamp, activity)
            )
        body += events[key]
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + (_helsinki_ical() + body if body else b"") + b"END:VCALENDAR" + end


@lru_cache(maxsize=1)
def _helsinki_ical() -> bytes:
    """Europe/Helsinki as a VTIMEZONE, built once: icalendar derives it from zoneinfo."""
    return Timezone.from_tzid("Europe/Helsinki").to_ical()
