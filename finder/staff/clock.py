"""Times as staff read them: in Zwolle's time zone, written by Babel in the page's language.

The database keeps UTC (SQLite hands it back without a zone); nothing is shown in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from babel.dates import format_date, format_time, get_datetime_format

from finder.hours import TIMEZONE
from finder.ui.i18n import current_locale


def local(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(TIMEZONE)


def day(moment: datetime, locale: str | None = None) -> str:
    """The local date in words, e.g. "3 december 2026"."""
    return format_date(local(moment), format="long", locale=locale or current_locale.get())


def time_of_day(moment: datetime, locale: str | None = None) -> str:
    return format_time(local(moment), format="short", locale=locale or current_locale.get())


def when(moment: datetime, locale: str | None = None) -> str:
    """Local date and time joined the way the language joins them, e.g. "3 december 2026, 11:12"."""
    locale = locale or current_locale.get()
    pattern = str(get_datetime_format("medium", locale=locale))
    return pattern.replace("{1}", day(moment, locale)).replace("{0}", time_of_day(moment, locale))


def iso(moment: datetime) -> str:
    """For exports: local time with its offset, e.g. 2026-12-03T11:12:00+01:00."""
    return local(moment).isoformat(timespec="seconds")
