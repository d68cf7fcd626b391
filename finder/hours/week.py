"""The week at a glance: "ma, wo, vr 10:00–12:00 · do 18:30–20:30", and the days that differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from finder.hours.calendar import Day, day_hours, regular_week
from finder.hours.periods import OpeningPeriod

UPCOMING_DAYS = 28

Spans = tuple[tuple[str, str, str], ...]  # (opens, closes, notes)


@dataclass(frozen=True)
class WeekDay:
    weekday: int  # 0 is Monday
    periods: tuple[OpeningPeriod, ...]


@dataclass(frozen=True)
class DayGroup:
    """Days with the same hours. `runs` are (first, last) weekdays of consecutive days."""

    runs: tuple[tuple[int, int], ...]
    periods: tuple[OpeningPeriod, ...]


def week(hours: Sequence[OpeningPeriod], day: date) -> tuple[WeekDay, ...]:
    """The regular week in force on `day`, Monday first, days without hours included."""
    pattern = regular_week(hours, day)
    return tuple(
        WeekDay(
            weekday,
            tuple(
                sorted(
                    (p for p in pattern if p.weekday == weekday and p.is_open),
                    key=lambda p: p.opens or "",
                )
            ),
        )
        for weekday in range(7)
    )


def _spans(periods: Sequence[OpeningPeriod]) -> Spans:
    return tuple((p.opens or "", p.closes or "", p.notes) for p in periods)


def _runs(days: list[int]) -> tuple[tuple[int, int], ...]:
    runs: list[list[int]] = []
    for d in days:
        if runs and runs[-1][1] == d - 1:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    # Two days in a row read better as "ma, di" than as a range.
    split: list[tuple[int, int]] = []
    for first, last in runs:
        split.extend([(first, first), (last, last)] if last == first + 1 else [(first, last)])
    return tuple(split)


def compact(days: Sequence[WeekDay]) -> tuple[DayGroup, ...]:
    """Days grouped by identical hours, in the order of their first day; closed days left out."""
    groups: dict[Spans, list[int]] = {}
    periods: dict[Spans, tuple[OpeningPeriod, ...]] = {}
    for d in days:
        if d.periods:
            key = _spans(d.periods)
            groups.setdefault(key, []).append(d.weekday)
            periods.setdefault(key, d.periods)
    return tuple(DayGroup(_runs(weekdays), periods[key]) for key, weekdays in groups.items())


def upcoming(hours: Sequence[OpeningPeriod], start: date, days: int = UPCOMING_DAYS) -> list[Day]:
    """Days in the coming weeks whose hours differ from the usual ones: special days, and
    public holidays on which the place would otherwise be open."""
    found = []
    for offset in range(days):
        day = day_hours(hours, start + timedelta(days=offset))
        if not day.special:
            continue
        usual = [p for p in regular_week(hours, day.day) if p.weekday == day.day.weekday()]
        if not day.holiday or any(p.is_open for p in usual):
            found.append(day)
    return found
