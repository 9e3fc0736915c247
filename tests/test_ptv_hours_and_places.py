"""PTV's service hours and coordinates as the catalogue writes them: each hour type and flag of
Open API V11, read as the catalogue's model then reads them, and ETRS-TM35FIN to WGS84."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from perheovi.catalogue.model import Hours
from perheovi.interchange.ptv_mapping import Report, hours, wgs84


def opening(day_from, day_to, start, end):
    return {"dayFrom": day_from, "dayTo": day_to, "from": start, "to": end}


def entry(kind="DaysOfTheWeek", openings=(), **flags):
    return {
        "serviceHourType": kind,
        "validFrom": flags.pop("valid_from", None),
        "validTo": flags.pop("valid_to", None),
        "isClosed": flags.pop("closed", False),
        "validForNow": True,
        "isAlwaysOpen": flags.pop("always", False),
        "isReservation": flags.pop("reservation", False),
        "additionalInformation": flags.pop("info", []),
        "openingHour": list(openings),
    }


def imported(*entries) -> tuple[dict | None, Report]:
    report = Report()
    result = hours(list(entries), report, "test")
    if result is not None:
        Hours.model_validate(result)  # what the import writes, the catalogue accepts
    return result, report


def test_a_day_range_and_a_single_day_with_an_empty_day_to():
    result, _ = imported(
        entry(
            openings=[
                opening("Monday", "Thursday", "08:00:00", "16:00:00"),
                opening("Friday", "", "08:00:00", "14:00:00"),
            ]
        )
    )
    assert result == {"weekly": {"mon-thu": "8.00-16.00", "fri": "8.00-14.00"}}


def test_several_intervals_on_one_day_are_a_list_and_overlaps_merge():
    result, _ = imported(
        entry(
            openings=[
                opening("Monday", "", "08:00:00", "11:00:00"),
                opening("Monday", "", "12:00:00", "15:00:00"),
                opening("Tuesday", "", "08:00:00", "11:00:00"),
                opening("Tuesday", "", "10:00:00", "12:00:00"),
            ]
        )
    )
    assert result == {"weekly": {"mon": ["8.00-11.00", "12.00-15.00"], "tue": "8.00-12.00"}}


def test_over_midnight_hours_end_the_next_day():
    result, _ = imported(
        entry(
            "OverMidnight",
            [
                opening("Friday", "Saturday", "16:00:00", "08:00:00"),
                opening("Saturday", "Sunday", "16:00:00", "08:00:00"),
            ],
        )
    )
    assert result == {"weekly": {"fri-sat": "16.00-8.00+1"}}


def test_over_midnight_across_a_weekend_fills_the_days_between():
    result, _ = imported(
        entry("OverMidnight", [opening("Friday", "Monday", "16:00:00", "08:00:00")])
    )
    assert result == {"weekly": {"mon": "0.00-8.00", "fri": "16.00-24.00", "sat-sun": "0.00-24.00"}}


def test_week_hours_with_validity_dates_are_a_period():
    result, _ = imported(
        entry(openings=[opening("Monday", "Friday", "08:00:00", "16:00:00")]),
        entry(
            openings=[opening("Monday", "Thursday", "09:00:00", "14:00:00")],
            valid_from="2027-06-01T00:00:00",
            valid_to="2027-08-15T00:00:00",
        ),
    )
    assert result["periods"] == [
        {
            "from": dt.date(2027, 6, 1),
            "until": dt.date(2027, 8, 15),
            "weekly": {"mon-thu": "9.00-14.00"},
        }
    ]
    assert result["weekly"] == {"mon-fri": "8.00-16.00"}


def test_closed_for_a_while_is_an_exception():
    result, _ = imported(
        entry(openings=[opening("Monday", "Friday", "08:00:00", "16:00:00")]),
        entry(closed=True, valid_from="2027-07-01T00:00:00", valid_to="2027-07-31T00:00:00"),
    )
    assert result["exceptions"] == [
        {"date": dt.date(2027, 7, 1), "until": dt.date(2027, 7, 31), "closed": True}
    ]


def test_exceptional_hours_closed_days_and_other_hours_with_their_reason():
    result, _ = imported(
        entry(openings=[opening("Monday", "Friday", "08:00:00", "16:00:00")]),
        entry(
            "Exceptional",
            closed=True,
            valid_from="2026-12-24T00:00:00",
            valid_to="2026-12-26T00:00:00",
            info=[{"value": "Joulu", "language": "fi"}, {"value": "Jul", "language": "sv"}],
        ),
        entry(
            "Exceptional",
            [opening(None, None, "09:00:00", "12:00:00")],
            valid_from="2026-12-31T00:00:00",
            valid_to="2026-12-31T00:00:00",
        ),
    )
    assert result["exceptions"] == [
        {
            "date": dt.date(2026, 12, 24),
            "until": dt.date(2026, 12, 26),
            "closed": True,
            "reason": {"fi": "Joulu", "sv": "Jul"},
        },
        {"date": dt.date(2026, 12, 31), "hours": "9.00-12.00"},
    ]


def test_always_open_is_always_and_open_on_holidays():
    result, _ = imported(entry(always=True))
    assert result == {"always": True, "holidays": "open"}


def test_reservation_is_by_appointment():
    result, _ = imported(entry(reservation=True))
    assert result == {"by_appointment": True}
    result, _ = imported(
        entry(openings=[opening("Tuesday", "", "12:00:00", "14:00:00")], reservation=True)
    )
    assert result == {"weekly": {"tue": "12.00-14.00"}, "by_appointment": True}


def test_exceptions_alone_are_reported_not_imported():
    result, report = imported(entry("Exceptional", closed=True, valid_from="2026-12-24T00:00:00"))
    assert result is None
    assert any("exceptions only" in line for line in report.lines())


def test_until_midnight_ends_at_24():
    result, _ = imported(entry(openings=[opening("Saturday", "", "16:00:00", "00:00:00")]))
    assert result == {"weekly": {"sat": "16.00-24.00"}}


# --- coordinates -------------------------------------------------------------------------------


def _tm35fin_to_geographic(northing: float, easting: float) -> tuple[float, float]:
    """The inverse transverse Mercator projection of ETRS-TM35FIN by the Krüger series, as the
    Finnish public-sector recommendation JHS 154 gives it: an independent check of pyproj."""
    f = 1 / 298.257222101  # GRS80
    a, k0, lon0, e0 = 6378137.0, 0.9996, math.radians(27), 500000.0
    n = f / (2 - f)
    big_a = a / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    e2 = 2 * f - f**2
    e = math.sqrt(e2)
    h1 = n / 2 - 2 * n**2 / 3 + 37 * n**3 / 96 - n**4 / 360
    h2 = n**2 / 48 + n**3 / 15 - 437 * n**4 / 1440
    h3 = 17 * n**3 / 480 - 37 * n**4 / 840
    h4 = 4397 * n**4 / 161280
    xi = northing / (big_a * k0)
    eta = (easting - e0) / (big_a * k0)
    xi1 = xi - sum(
        h * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, h in enumerate((h1, h2, h3, h4), 1)
    )
    eta1 = eta - sum(
        h * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, h in enumerate((h1, h2, h3, h4), 1)
    )
    beta = math.asin(math.sin(xi1) / math.cosh(eta1))
    lon = lon0 + math.asin(math.tanh(eta1) / math.cos(beta))
    q = math.asinh(math.tan(beta))
    q1 = q + e * math.atanh(e * math.tanh(q))
    for _ in range(10):
        q1 = q + e * math.atanh(e * math.tanh(q1))
    return math.degrees(math.atan(math.sinh(q1))), math.degrees(lon)


def _metres(first: tuple[float, float], second: tuple[float, float]) -> float:
    lat = math.radians((first[0] + second[0]) / 2)
    dy = math.radians(first[0] - second[0]) * 6371000
    dx = math.radians(first[1] - second[1]) * 6371000 * math.cos(lat)
    return math.hypot(dx, dy)


@pytest.mark.parametrize(
    "northing, easting",
    [
        (6944000.0, 642000.0),  # Joensuu
        (7003000.0, 673000.0),  # Lieksa
        (6672000.0, 385000.0),  # Helsinki, far from the central meridian
        (7760000.0, 500000.0),  # Utsjoki, on it
    ],
)
def test_coordinates_from_etrs_tm35fin_to_wgs84_within_a_metre(northing, easting):
    assert _metres(wgs84(northing, easting), _tm35fin_to_geographic(northing, easting)) < 1.0
