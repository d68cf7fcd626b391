"""The week at a glance and the days in the coming weeks that differ from it."""

from __future__ import annotations

from datetime import date

from finder.hours import OpeningPeriod, compact, upcoming, week


def period(weekday: int, opens: str, closes: str, **extra: str) -> OpeningPeriod:
    return OpeningPeriod(weekday=weekday, opens=opens, closes=closes, **extra)


def groups(hours: list[OpeningPeriod]) -> list[tuple[tuple[tuple[int, int], ...], list[str]]]:
    return [
        (g.runs, [f"{p.opens}-{p.closes}" for p in g.periods])
        for g in compact(week(hours, date(2026, 12, 1)))
    ]


def test_days_with_the_same_hours_are_grouped() -> None:
    hours = [period(d, "10:00", "12:00") for d in (0, 2, 4)] + [period(3, "18:30", "20:30")]
    assert groups(hours) == [
        (((0, 0), (2, 2), (4, 4)), ["10:00-12:00"]),
        (((3, 3),), ["18:30-20:30"]),
    ]


def test_three_or_more_days_in_a_row_become_a_range() -> None:
    hours = [period(d, "09:00", "17:00") for d in range(5)] + [period(5, "10:00", "12:00")]
    assert groups(hours) == [(((0, 4),), ["09:00-17:00"]), (((5, 5),), ["10:00-12:00"])]
    two = [period(d, "09:00", "12:00") for d in (0, 1)]
    assert groups(two) == [(((0, 0), (1, 1)), ["09:00-12:00"])]


def test_several_periods_a_day_stay_together() -> None:
    hours = [period(1, "13:00", "17:00"), period(1, "09:00", "12:00")]
    assert groups(hours) == [(((1, 1),), ["09:00-12:00", "13:00-17:00"])]


def test_the_week_shows_the_season_in_force() -> None:
    summer = [period(0, "13:00", "15:00", valid_from="2026-07-01", valid_to="2026-08-31")]
    regular = [period(d, "09:00", "17:00") for d in range(5)]
    in_july = compact(week([*regular, *summer], date(2026, 7, 6)))
    assert [(g.runs, g.periods[0].opens) for g in in_july] == [(((0, 0),), "13:00")]
    assert compact(week([*regular, *summer], date(2026, 12, 1)))[0].runs == ((0, 4),)


def test_upcoming_lists_special_days_and_holidays_on_open_days_only() -> None:
    weekdays = [period(d, "09:00", "17:00") for d in range(5)]
    eve = period(3, "09:00", "13:00", valid_from="2026-12-24", valid_to="2026-12-24")
    days = upcoming([*weekdays, eve], date(2026, 12, 20))
    assert [(d.day, d.holiday, d.is_open) for d in days] == [
        (date(2026, 12, 24), False, True),
        (date(2026, 12, 25), True, False),
        (date(2027, 1, 1), True, False),
    ], "Boxing day is a Saturday, when the place is closed anyway"
