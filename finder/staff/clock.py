"""Times as staff read them: in Zwolle's time zone, written by Babel in the page's language.

The database keeps UTC (SQLite hands it back without a zone); nothing is shown in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_datetime

from finder.hours import TIMEZONE
from finder.ui.i18n import current_locale


def local(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(TIMEZONE)


@lru_cache(maxsize=32)
def _patterns(locale: str) -> tuple[Locale, str, str, str]:
    """The language's long date, short time and both joined as one CLDR pattern.

    Parsed once per language: a list of 500 referrals formats 500 times, and building the
    pattern each time (as babel.dates.format_date does) cost ten times as much.
    """
    language = Locale.parse(locale)
    date = language.date_formats["long"].pattern
    time = language.time_formats["short"].pattern
    joined = str(language.datetime_formats["medium"]).replace("{1}", date).replace("{0}", time)
    return language, date, time, joined


def day(moment: datetime, locale: str | None = None) -> str:
    """The local date in words, e.g. "3 december 2026"."""
    language, date, _, _ = _patterns(locale or current_locale.get())
    return format_datetime(local(moment), date, locale=language)


def time_of_day(moment: datetime, locale: str | None = None) -> str:
    language, _, time, _ = _patterns(locale or current_locale.get())
    return format_datetime(local(moment), time, locale=language)


def when(moment: datetime, locale: str | None = None) -> str:
    """Local date and time joined the way the language joins them, e.g. "3 december 2026, 11:12"."""
    language, _, _, joined = _patterns(locale or current_locale.get())
    return format_datetime(local(moment), joined, locale=language)


def iso(moment: datetime) -> str:
    """For exports: local time with its offset, e.g. 2026-12-03T11:12:00+01:00."""
    return local(moment).isoformat(timespec="seconds")
