"""Open now, until when, and when a place opens next, in Zwolle's time (Europe/Amsterdam)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from finder.hours.calendar import Day, day_hours
from finder.hours.periods import TIMEZONE, OpeningPeriod, now

# How far ahead "opens next" looks; a place closed for longer says only that it is closed.
HORIZON_DAYS = 62


@dataclass(frozen=True)
class Status:
    known: bool  # the place has opening hours at all
    open_now: bool
    today: Day
    closes_at: str | None = None  # HH:MM, when open now
    next_open: datetime | None = None  # local time, when closed now

    @property
    def open_today(self) -> bool:
        return self.open_now or self.today.is_open


def _at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=TIMEZONE)


def _closing(periods: Sequence[OpeningPeriod], closes: str) -> str:
    """The closing time, carried over periods that follow on without a break."""
    for p in periods:
        if p.opens == closes and not p.overnight and p.closes:
            closes = p.closes
    return closes


def status(hours: Sequence[OpeningPeriod], moment: datetime | None = None) -> Status:
    moment = (moment or now()).astimezone(TIMEZONE)
    day, clock = moment.date(), moment.strftime("%H:%M")
    today = day_hours(hours, day)
    if not any(p.is_open for p in hours):
        return Status(known=False, open_now=False, today=today)
    for p in day_hours(hours, day - timedelta(days=1)).periods:
        if p.overnight and clock < (p.closes or ""):
            return Status(True, True, today, closes_at=_closing(today.periods, p.closes or ""))
    for p in today.periods:
        if p.overnight and clock >= (p.opens or ""):
            return Status(True, True, today, closes_at=p.closes)
        if (p.opens or "") <= clock < (p.closes or ""):
            return Status(True, True, today, closes_at=_closing(today.periods, p.closes or ""))
    return Status(True, False, today, next_open=next_opening(hours, moment))


def next_opening(hours: Sequence[OpeningPeriod], moment: datetime) -> datetime | None:
    """The first opening after `moment`, within HORIZON_DAYS."""
    moment = moment.astimezone(TIMEZONE)
    clock = moment.strftime("%H:%M")
    for offset in range(HORIZON_DAYS + 1):
        day = day_hours(hours, moment.date() + timedelta(days=offset))
        for p in day.periods:
            if offset or (p.opens or "") > clock:
                return _at(day.day, p.opens or "")
    return None
