"""Which hours apply on a given date: special days, Dutch public holidays, seasons, the week.

In order of precedence:
1. special days (a dated period of less than MAX_SPECIAL_DAYS days, e.g. schema.org
   validFrom/validThrough for Christmas) replace everything else on the days they cover;
2. Dutch public holidays, from the `holidays` library, are closed days;
3. a season's schedule (a longer or open-ended dated period, e.g. HSDS valid_from/valid_to)
   replaces the regular week while it lasts: days it does not list are closed;
4. otherwise the regular week (periods without dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from finder.hours.periods import OpeningPeriod

# Languages the holidays library names Dutch holidays in; other pages say "public holiday".
HOLIDAY_LANGUAGES = {"nl": "nl", "en": "en_US", "uk": "uk"}


@dataclass(frozen=True)
class Day:
    day: date
    periods: tuple[OpeningPeriod, ...]  # the open periods, sorted by opening time
    special: bool = False  # special hours or a public holiday instead of the usual ones
    holiday: bool = False

    @property
    def is_open(self) -> bool:
        return bool(self.periods)


@lru_cache(maxsize=64)
def _holidays(year: int, language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year, language=language)


def holiday_name(day: date, locale: str = "nl") -> str | None:
    """The Dutch public holiday on `day`, named in `locale` when the library knows it."""
    language = HOLIDAY_LANGUAGES.get(locale, "nl")
    name = _holidays(day.year, language).get(day)
    return str(name) if name else None


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year, "nl")


def _open(periods: Sequence[OpeningPeriod]) -> tuple[OpeningPeriod, ...]:
    return tuple(sorted((p for p in periods if p.is_open), key=lambda p: p.opens or ""))


def regular_week(hours: Sequence[OpeningPeriod], day: date) -> list[OpeningPeriod]:
    """The weekly pattern in force on `day`: a season's schedule covering it, else the undated."""
    season = [p for p in hours if p.valid_from and not p.is_special and p.covers(day)]
    return season or [p for p in hours if not p.valid_from]


def day_hours(hours: Sequence[OpeningPeriod], day: date) -> Day:
    weekday = day.weekday()
    special = [p for p in hours if p.is_special and p.covers(day) and p.weekday == weekday]
    if special:
        return Day(day, _open(special), special=True)
    if is_holiday(day):
        return Day(day, (), special=True, holiday=True)
    week = regular_week(hours, day)
    return Day(day, _open([p for p in week if p.weekday == weekday]))
