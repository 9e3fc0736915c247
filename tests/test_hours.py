"""The hours engine: lunch breaks, overnight, 24/7, periods, exceptions, holidays, DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from perheovi.catalogue.hours import day_hours, holiday_name, spans, status_at, upcoming_changes
from perheovi.catalogue.model import Hours

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC


def hours(**fields) -> Hours:
    return Hours.model_validate(fields)


def at(text: str) -> dt.datetime:
    """A Helsinki wall-clock time, e.g. "2026-11-24 11:30"."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def local(instant: dt.datetime) -> str:
    return instant.astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M")


OFFICE = {"mon-fri": ["8.00-11.00", "12.00-16.00"]}


def test_lunch_break_closes_the_line_in_the_middle_of_the_day():
    h = hours(weekly=OFFICE)
    assert local(status_at(h, at("2026-11-24 10:00")).until) == "2026-11-24 11:00"
    lunch = status_at(h, at("2026-11-24 11:30"))
    assert not lunch.open and local(lunch.next_open) == "2026-11-24 12:00"


def test_friday_evening_opens_on_monday():
    status = status_at(hours(weekly=OFFICE), at("2026-11-27 16:00"))
    assert not status.open and local(status.next_open) == "2026-11-30 08:00"


def test_overnight_interval_is_open_after_midnight():
    h = hours(weekly={"fri-sat": "18.00-03.00+1"})
    assert local(status_at(h, at("2026-11-28 01:30")).until) == "2026-11-28 03:00"
    assert local(status_at(h, at("2026-11-29 02:59")).until) == "2026-11-29 03:00"
    sunday = status_at(h, at("2026-11-29 03:00"))
    assert not sunday.open and local(sunday.next_open) == "2026-12-04 18:00"


def test_overnight_saturday_into_sunday_merges_with_nothing():
    assert [
        (local(b), local(e))
        for b, e in spans(hours(weekly={"sat": "22:00-02:00+1"}), dt.date(2026, 11, 28), 2)
    ] == [("2026-11-28 22:00", "2026-11-29 02:00")]


def test_24_7_is_always_open_even_on_christmas_eve():
    h = hours(always=True, holidays="open")
    assert status_at(h, at("2026-12-24 03:00")).open
    assert upcoming_changes(h, dt.date(2026, 12, 20)) == []


def test_validity_period_replaces_the_week_for_summer():
    h = hours(
        weekly=OFFICE,
        periods=[
            {"from": "2027-06-01", "until": "2027-08-15", "weekly": {"mon-fri": "9.00-12.00"}}
        ],
    )
    assert local(status_at(h, at("2027-06-02 10:30")).until) == "2027-06-02 12:00"
    assert local(status_at(h, at("2027-06-02 13:00")).next_open) == "2027-06-03 09:00"
    assert local(status_at(h, at("2027-08-16 07:00")).next_open) == "2027-08-16 08:00"
    assert local(status_at(h, at("2027-05-31 15:00")).until) == "2027-05-31 16:00"


def test_exception_closes_a_range_and_another_gives_other_hours():
    h = hours(
        weekly=OFFICE,
        exceptions=[
            {
                "date": "2026-12-28",
                "until": "2026-12-30",
                "closed": "true",
                "reason": {"fi": "Koulutus"},
            },
            {"date": "2026-12-31", "hours": "8.00-12.00"},
        ],
    )
    status = status_at(h, at("2026-12-28 09:00"))
    assert not status.open and local(status.next_open) == "2026-12-31 08:00"
    assert local(status_at(h, at("2026-12-31 11:00")).until) == "2026-12-31 12:00"
    changes = upcoming_changes(h, dt.date(2026, 12, 21), 14)
    assert [c.day.isoformat() for c in changes] == [
        "2026-12-24",
        "2026-12-25",
        "2026-12-28",
        "2026-12-29",
        "2026-12-30",
        "2026-12-31",
        "2027-01-01",
    ]
    assert changes[0].holiday == "christmas-eve" and changes[2].exception.reason.fi == "Koulutus"


def test_public_holidays_and_eves_close_the_line():
    h = hours(weekly=OFFICE)
    status = status_at(h, at("2026-12-23 17:00"))  # Christmas Eve, Christmas Day: next Monday
    assert local(status.next_open) == "2026-12-28 08:00"
    assert day_hours(h, dt.date(2026, 12, 24)).holiday == "christmas-eve"
    assert holiday_name(dt.date(2026, 12, 24), "fi") == "Jouluaatto"
    assert holiday_name(dt.date(2026, 12, 24), "sv") == "Julafton"


@pytest.mark.parametrize("eve", ["2026-06-19", "2027-06-25"])
def test_midsummer_eve_moves_with_the_calendar(eve):
    h = hours(weekly={"mon-fri": "8.00-16.00"})
    day = dt.date.fromisoformat(eve)
    assert day.weekday() == 4
    assert day_hours(h, day).intervals == ()
    assert day_hours(h, day).holiday == "midsummer-eve"
    assert day_hours(h, day - dt.timedelta(days=7)).intervals != ()


def test_new_years_eve_closes_only_when_named():
    usual = hours(weekly=OFFICE)
    named = hours(weekly=OFFICE, closed_on=["new-years-eve"])
    assert day_hours(usual, dt.date(2026, 12, 31)).intervals
    assert day_hours(named, dt.date(2026, 12, 31)).intervals == ()
    assert holiday_name(dt.date(2026, 12, 31), "fi") == "Uudenvuodenaatto"


def test_crisis_line_that_ignores_holidays_stays_open():
    h = hours(weekly={"mon-sun": "18.00-22.00"}, holidays="open")
    assert status_at(h, at("2026-12-24 19:00")).open


@pytest.mark.parametrize(
    "day, hours_long", [("2026-03-29", 2), ("2026-10-25", 4), ("2027-03-28", 2), ("2027-10-31", 4)]
)
def test_daylight_saving_changes_shorten_and_lengthen_the_night(day, hours_long):
    """02:00–05:00 on the night the clocks change lasts 2 hours in spring and 4 in autumn."""
    h = hours(weekly={"sun": "2.00-5.00"}, holidays="open")  # 2027-03-28 is Easter Sunday
    [(begin, end)] = spans(h, dt.date.fromisoformat(day), 1)
    assert (end - begin) == dt.timedelta(hours=hours_long)
    assert begin.astimezone(HELSINKI).strftime("%H:%M") == "02:00"
    assert end.astimezone(HELSINKI).strftime("%H:%M") == "05:00"


@pytest.mark.parametrize(
    "before, after, utc_before, utc_after",
    [
        ("2026-03-27", "2026-03-30", 6, 5),
        ("2026-10-23", "2026-10-26", 5, 6),
        ("2027-03-24", "2027-03-30", 6, 5),
        ("2027-10-29", "2027-11-01", 5, 6),
    ],
)
def test_eight_oclock_stays_eight_oclock_across_the_change(before, after, utc_before, utc_after):
    h = hours(weekly={"mon-fri": "8.00-16.00"})
    for day, utc_hour in ((before, utc_before), (after, utc_after)):
        [(begin, _)] = spans(h, dt.date.fromisoformat(day), 1)[-1:]
        assert begin.astimezone(UTC).hour == utc_hour
        assert begin.astimezone(HELSINKI).hour == 8


def test_status_in_utc_at_the_autumn_change():
    h = hours(weekly={"sun": "0.00-24.00"})
    # 03:30 happens twice on 2026-10-25; both instants are inside Sunday's hours.
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 03:30 EEST
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 03:30 EET
    for instant in (first, second):
        status = status_at(h, instant)
        assert status.open and local(status.until) == "2026-10-26 00:00"


def test_next_opening_across_a_long_summer_closure():
    h = hours(
        weekly=OFFICE,
        exceptions=[
            {
                "date": "2027-06-01",
                "until": "2027-08-31",
                "closed": "true",
                "reason": {"fi": "Kesätauko"},
            }
        ],
    )
    status = status_at(h, at("2027-06-01 09:00"))
    assert not status.open and local(status.next_open) == "2027-09-01 08:00"


def test_next_opening_after_a_whole_year_closed():
    h = hours(
        weekly=OFFICE, exceptions=[{"date": "2027-01-01", "until": "2027-12-31", "closed": "true"}]
    )
    assert local(status_at(h, at("2027-01-01 09:00")).next_open) == "2028-01-03 08:00"


def test_by_appointment_only_has_no_next_opening():
    assert status_at(hours(by_appointment=True), at("2026-11-24 09:00")) == status_at(
        hours(by_appointment=True), at("2026-11-24 09:00")
    )
    assert not status_at(hours(by_appointment=True), at("2026-11-24 09:00")).open
