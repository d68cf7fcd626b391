"""Opening hours: periods, what applies on a date, open now and next, the week at a glance."""

from finder.hours.calendar import Day, day_hours, holiday_name
from finder.hours.periods import TIMEZONE, OpeningPeriod, now, opening_period
from finder.hours.status import Status, next_opening, status
from finder.hours.week import DayGroup, WeekDay, compact, upcoming, week

__all__ = [
    "TIMEZONE",
    "Day",
    "DayGroup",
    "OpeningPeriod",
    "Status",
    "WeekDay",
    "compact",
    "day_hours",
    "holiday_name",
    "next_opening",
    "now",
    "opening_period",
    "status",
    "upcoming",
    "week",
]
