"""The iCalendar feeds parse back and expand to exactly the programme minus its exceptions."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

HELSINKI = ZoneInfo("Europe/Helsinki")


def in_its_weeks(activity, day: dt.date) -> bool:
    """Even or odd ISO weeks, or the n-th (or last) of the weekday in its month, by hand."""
    if activity.weeks:
        return (day.isocalendar()[1] % 2 == 0) == (activity.weeks == "even")
    if activity.monthly:
        nth = (day.day + 6) // 7
        last = (day + dt.timedelta(days=7)).month != day.month
        return str(nth) in activity.monthly or (last and "last" in activity.monthly)
    return True


def expected(place, first: dt.date, last: dt.date) -> set[tuple]:
    """The programme written out by hand: every activity inside a term on its weekday and in
    its weeks, minus the cancelled dates and the days the whole place is closed."""
    result = set()
    day = first
    while day <= last:
        closed = any(c.date <= day <= (c.until or c.date) for c in place.exceptions)
        in_term = any(t.start <= day <= t.until for t in place.terms)
        for activity in place.programme:
            if (
                in_term
                and not closed
                and activity.day_index == day.weekday()
                and in_its_weeks(activity, day)
                and day not in activity.cancelled
            ):
                start = activity.time.start
                result.add((day, dt.time(start // 60, start % 60), activity.name.fi))
        day += dt.timedelta(days=1)
    return result


def expanded(calendar: icalendar.Calendar, first: dt.date, last: dt.date) -> set[tuple]:
    events = recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1))
    result = set()
    for event in events:
        start = event["DTSTART"].dt.astimezone(HELSINKI)
        result.add(
            (start.date(), start.time().replace(tzinfo=None), str(event["SUMMARY"]).split(" – ")[0])
        )
    return result


@pytest.mark.parametrize("month", [(2026, 10), (2026, 12), (2027, 3)])
def test_each_meeting_place_feed_expands_to_its_programme(site, catalogue, month):
    first = dt.date(*month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    checked = 0
    for place in catalogue.meeting_places.values():
        raw = site.file(f"/fi/meeting-place/{place.id}/calendar.ics").read_bytes()
        calendar = icalendar.Calendar.from_ical(raw)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Helsinki"
        want = expected(place, first, last)
        assert expanded(calendar, first, last) == want, place.id
        checked += len(want)
    assert checked > 20


def test_cancellations_and_closures_appear_as_excluded_dates(site, catalogue):
    place = next(
        p for p in catalogue.meeting_places.values() if any(a.cancelled for a in p.programme)
    )
    calendar = icalendar.Calendar.from_ical(
        site.file(f"/fi/meeting-place/{place.id}/calendar.ics").read_bytes()
    )
    excluded = set()
    for event in calendar.walk("VEVENT"):
        exdates = event.get("EXDATE") or []
        for exdate in exdates if isinstance(exdates, list) else [exdates]:
            excluded |= {d.dt.date() for d in exdate.dts}
    cancelled = {day for a in place.programme for day in a.cancelled}
    assert cancelled <= excluded


def test_municipality_feed_holds_all_its_meeting_places(site, catalogue):
    for slug in catalogue.municipalities:
        places = catalogue.meeting_places_in(slug)
        feed = site.file(f"/sv/municipality/{slug}/meeting-places.ics")
        if not places:
            assert not feed.exists()
            continue
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        uids = {str(e["UID"]).split("-", 1)[1].rsplit("@", 1)[0] for e in calendar.walk("VEVENT")}
        assert uids == {p.id for p in places}


def test_pages_link_to_their_feeds(site, catalogue):
    place = next(iter(catalogue.meeting_places.values()))
    links = site.page(f"/en/meeting-place/{place.id}/").cssselect('a[type="text/calendar"]')
    hrefs = sorted(a.get("href").rsplit("/", 1)[-1] for a in links)
    activities = [f"activity-{n}.ics" for n in range(1, len(place.programme) + 1)]
    assert hrefs == sorted(["calendar.ics", *activities])


@pytest.mark.parametrize("month", [(2026, 10), (2027, 3)])
def test_each_activity_has_a_calendar_of_its_own_sessions_only(site, catalogue, month):
    """One session to add alone: activity-N.ics holds the N-th activity of the programme with
    its recurrence, cancellations and closures, and nothing else of the place."""
    first = dt.date(*month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    checked = 0
    for place in catalogue.meeting_places.values():
        whole = expected(place, first, last)
        for index, activity in enumerate(place.programme):
            raw = site.file(f"/fi/meeting-place/{place.id}/activity-{index + 1}.ics").read_bytes()
            calendar = icalendar.Calendar.from_ical(raw)
            assert str(calendar["X-WR-CALNAME"]).startswith(activity.name.fi)
            start = dt.time(activity.time.start // 60, activity.time.start % 60)
            want = {
                o
                for o in whole
                if o[2] == activity.name.fi
                and o[0].weekday() == activity.day_index
                and o[1] == start
            }
            assert expanded(calendar, first, last) == want, (place.id, index)
            checked += len(want)
    assert checked > 20


def test_an_activitys_link_names_the_activity_for_a_screen_reader(site, catalogue):
    place = next(p for p in catalogue.meeting_places.values() if len(p.programme) > 1)
    page = site.page(f"/fi/meeting-place/{place.id}/")
    names = [" ".join(a.text_content().split()) for a in page.find_class("activity__calendar")]
    assert len(set(names)) == len(names) == len(place.programme)
