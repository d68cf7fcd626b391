"""Opening hours: one period as pages and the index see it, what applies on a given day, and
whether a place is open today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from finder.models import Schedule

TIMEZONE = ZoneInfo("Europe/Amsterdam")


class OpeningPeriod(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 is Monday")
    opens: str | None = Field(None, description="HH:MM")
    closes: str | None = Field(None, description="HH:MM")
    closed: bool = False
    notes: str = ""
    valid_from: str | None = Field(None, description="ISO date of a special day or period")
    valid_to: str | None = None


def opening_period(s: Schedule) -> OpeningPeriod:
    return OpeningPeriod(
        weekday=s.weekday,
        opens=s.opens.strftime("%H:%M") if s.opens else None,
        closes=s.closes.strftime("%H:%M") if s.closes else None,
        closed=s.closed,
        notes=s.notes,
        valid_from=s.valid_from.isoformat() if s.valid_from else None,
        valid_to=s.valid_to.isoformat() if s.valid_to else None,
    )


@dataclass(frozen=True)
class Today:
    periods: tuple[OpeningPeriod, ...]
    open_today: bool
    open_now: bool
    special: bool


def now() -> datetime:
    return datetime.now(TIMEZONE)


def periods_on(hours: Sequence[OpeningPeriod], day: date) -> tuple[list[OpeningPeriod], bool]:
    """Special days (valid_from/valid_to) replace the weekly hours on the days they cover."""
    special = [
        p
        for p in hours
        if p.valid_from
        and date.fromisoformat(p.valid_from)
        <= day
        <= date.fromisoformat(p.valid_to or p.valid_from)
        and p.weekday == day.weekday()
    ]
    if special:
        return special, True
    weekly = [p for p in hours if not p.valid_from and p.weekday == day.weekday()]
    return weekly, False


def today(hours: Sequence[OpeningPeriod], moment: datetime | None = None) -> Today:
    moment = moment or now()
    periods, special = periods_on(hours, moment.date())
    open_periods = [p for p in periods if not p.closed and p.opens and p.closes]
    clock = moment.strftime("%H:%M")
    open_now = any(p.opens <= clock < p.closes for p in open_periods if p.opens and p.closes)
    return Today(tuple(open_periods), bool(open_periods), open_now, special)


def weekly(hours: Sequence[OpeningPeriod]) -> list[tuple[int, list[OpeningPeriod]]]:
    """The regular week, Monday first, days without hours included as empty."""
    days: list[tuple[int, list[OpeningPeriod]]] = [(d, []) for d in range(7)]
    for p in hours:
        if not p.valid_from and not p.closed and p.opens and p.closes:
            days[p.weekday][1].append(p)
    for _, periods in days:
        periods.sort(key=lambda p: p.opens or "")
    return days


def special_days(hours: Sequence[OpeningPeriod]) -> list[OpeningPeriod]:
    return sorted((p for p in hours if p.valid_from), key=lambda p: p.valid_from or "")
