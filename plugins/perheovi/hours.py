"""Opening hours: the weekly rules as families read them ("ma–pe 8.00–9.00").

Pure functions over the `Hours` record; all times are local to Europe/Helsinki.
"""

from __future__ import annotations

from dataclasses import dataclass

from .values import Interval


@dataclass(frozen=True)
class DayGroup:
    """Consecutive days that share the same intervals: (0, 4) = Monday to Friday."""

    first: int
    last: int
    intervals: tuple[Interval, ...]


def days_of(weekly: dict) -> list[tuple[Interval, ...]]:
    """The intervals of each weekday, Monday first, sorted."""
    days: list[list[Interval]] = [[] for _ in range(7)]
    for spec, intervals in weekly.items():
        for day in spec:
            days[day].extend(intervals)
    return [tuple(sorted(day)) for day in days]


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
