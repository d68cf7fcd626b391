"""Open now, until when, and the next opening: across midnight, the week end and holidays."""

from __future__ import annotations

from datetime import datetime

from finder.hours import TIMEZONE, OpeningPeriod, status


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TIMEZONE)


def period(weekday: int, opens: str, closes: str, **extra: str) -> OpeningPeriod:
    return OpeningPeriod(weekday=weekday, opens=opens, closes=closes, **extra)


# Tuesday and Thursday 10:00-12:00, Thursday evening too. 2026-12-01 is a Tuesday.
SPREEKUUR = [period(1, "10:00", "12:00"), period(3, "10:00", "12:00"), period(3, "18:30", "20:30")]


def test_open_now_inside_a_period_and_closed_outside() -> None:
    inside = status(SPREEKUUR, at("2026-12-01T11:00"))
    assert inside.open_now and inside.closes_at == "12:00"
    assert not status(SPREEKUUR, at("2026-12-01T09:59")).open_now
    assert not status(SPREEKUUR, at("2026-12-01T12:00")).open_now, "closing time is closed"
    assert status(SPREEKUUR, at("2026-12-01T10:00")).open_now, "opening time is open"


def test_next_opening_later_today_tomorrow_and_after_the_week_end() -> None:
    assert status(SPREEKUUR, at("2026-12-01T08:00")).next_open == at("2026-12-01T10:00")
    assert status(SPREEKUUR, at("2026-12-03T13:00")).next_open == at("2026-12-03T18:30")
    # Friday evening: nothing until Tuesday, across the week end.
    assert status(SPREEKUUR, at("2026-12-04T19:00")).next_open == at("2026-12-08T10:00")
    # Sunday 23:30 in the last week of the year: the week after.
    assert status(SPREEKUUR, at("2026-12-06T23:30")).next_open == at("2026-12-08T10:00")


def test_a_period_past_midnight_is_open_after_midnight() -> None:
    night = [period(4, "22:00", "02:00")]  # Friday night into Saturday
    assert status(night, at("2026-12-04T23:00")).open_now
    after = status(night, at("2026-12-05T01:30"))
    assert after.open_now and after.closes_at == "02:00"
    assert not status(night, at("2026-12-05T02:30")).open_now
    assert status(night, at("2026-12-05T02:30")).next_open == at("2026-12-11T22:00")


def test_time_zone_is_zwolle_time() -> None:
    from datetime import UTC

    # 09:30 UTC on a winter Tuesday is 10:30 in Zwolle.
    moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert status(SPREEKUUR, moment).open_now


def test_adjoining_periods_close_at_the_end_of_the_last() -> None:
    split = [period(1, "09:00", "12:00"), period(1, "12:00", "17:00")]
    assert status(split, at("2026-12-01T10:00")).closes_at == "17:00"


def test_no_hours_is_unknown_not_closed() -> None:
    unknown = status([], at("2026-12-01T11:00"))
    assert not unknown.known and not unknown.open_now and unknown.next_open is None


def test_closed_special_day_and_the_next_opening_after_it() -> None:
    closed = OpeningPeriod(weekday=1, closed=True, valid_from="2026-12-01", valid_to="2026-12-01")
    hours = [*SPREEKUUR, closed]
    tuesday = status(hours, at("2026-12-01T11:00"))
    assert not tuesday.open_now and tuesday.today.special
    assert tuesday.next_open == at("2026-12-03T10:00")


def test_special_hours_replace_the_usual_ones() -> None:
    late = period(1, "14:00", "16:00", valid_from="2026-12-01", valid_to="2026-12-01")
    hours = [*SPREEKUUR, late]
    assert not status(hours, at("2026-12-01T11:00")).open_now
    assert status(hours, at("2026-12-01T15:00")).open_now
    assert status(hours, at("2026-12-08T11:00")).open_now, "only on that date"


def test_public_holidays_are_closed_and_special_days_can_open_them() -> None:
    weekdays = [period(d, "09:00", "17:00") for d in range(5)]
    christmas = status(weekdays, at("2026-12-25T10:00"))  # a Friday
    assert not christmas.open_now and christmas.today.holiday
    # Boxing day is a Saturday; the next opening is Monday 28 December.
    assert christmas.next_open == at("2026-12-28T09:00")
    kings_day = status(weekdays, at("2026-04-27T10:00"))
    assert not kings_day.open_now and kings_day.today.holiday
    opened = period(4, "10:00", "13:00", valid_from="2026-12-25", valid_to="2026-12-25")
    assert status([*weekdays, opened], at("2026-12-25T11:00")).open_now


def test_a_season_replaces_the_week_and_open_ended_dates_have_no_end() -> None:
    winter = [period(0, "10:00", "12:00", valid_from="2026-11-01")]  # HSDS: valid_to empty
    assert status(winter, at("2027-03-01T11:00")).open_now, "no end date means it goes on"
    assert not status(winter, at("2026-10-26T11:00")).open_now, "not before it starts"
    summer = period(0, "13:00", "15:00", valid_from="2026-07-01", valid_to="2026-08-31")
    regular = [period(d, "09:00", "17:00") for d in range(5)]
    july_monday, july_tuesday = at("2026-07-06T10:00"), at("2026-07-07T10:00")
    assert not status([*regular, summer], july_monday).open_now
    assert status([*regular, summer], july_monday.replace(hour=14)).open_now
    assert not status([*regular, summer], july_tuesday).open_now, (
        "the summer week lists Monday only"
    )
