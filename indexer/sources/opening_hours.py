"""Every opening-hours form we meet, normalised to ScheduleRecords (weekday 0 is Monday).

schema.org: OpeningHoursSpecification with dayOfWeek as "Monday" or a schema.org URL, single
or a list; "09:00" or "09:00:00"; validFrom/validThrough special days; and openingHours
strings like "Mo-Fr 09:00-17:00". HSDS: WEEKLY/MONTHLY schedules with byday.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Any

from indexer.records import ScheduleRecord

DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAY_CODES = ["mo", "tu", "we", "th", "fr", "sa", "su"]
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?")
_HOURS_PART = re.compile(
    r"([A-Za-z,\s-]*?)\s*(\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}|off|closed)?$", re.I
)
MAX_SPECIAL_DAYS = 31


def parse_time(value: Any) -> time | None:
    match = _SPAN.match(str(value or "").strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour == 24 and minute == 0:
        return time(23, 59)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def weekday_of(value: Any) -> int | None:
    name = str(value or "").strip().rstrip("/").rsplit("/", 1)[-1].lower()
    if name in DAY_NAMES:
        return DAY_NAMES.index(name)
    if name[:2] in DAY_CODES and len(name) in (2, 3):
        return DAY_CODES.index(name[:2])
    return None


def from_specifications(specs: Any) -> list[ScheduleRecord]:
    """schema.org OpeningHoursSpecification, one object or a list."""
    rows: list[ScheduleRecord] = []
    for spec in _as_list(specs):
        if isinstance(spec, dict):
            rows.extend(_from_specification(spec))
    return rows


def from_strings(values: Any) -> list[ScheduleRecord]:
    """openingHours strings: "Mo-Fr 09:00-17:00", "Mo,We 09:00-12:00 13:00-17:00", "Sa off"."""
    rows: list[ScheduleRecord] = []
    for value in _as_list(values):
        for part in re.split(r"[;\n]", str(value)):
            rows.extend(_from_string(part.strip()))
    return rows


def _from_specification(spec: dict[str, Any]) -> list[ScheduleRecord]:
    opens, closes = parse_time(spec.get("opens")), parse_time(spec.get("closes"))
    closed = opens is None or closes is None or opens == closes
    valid_from = parse_date(spec.get("validFrom"))
    valid_to = parse_date(spec.get("validThrough")) or valid_from
    days = [d for d in (weekday_of(v) for v in _as_list(spec.get("dayOfWeek"))) if d is not None]
    if valid_from and valid_to and not days:
        return [
            ScheduleRecord(
                day.weekday(),
                None if closed else opens,
                None if closed else closes,
                closed,
                valid_from=day,
                valid_to=day,
            )
            for day in _dates(valid_from, valid_to)
        ]
    return [
        ScheduleRecord(
            day,
            None if closed else opens,
            None if closed else closes,
            closed,
            valid_from=valid_from,
            valid_to=valid_to if valid_from else None,
        )
        for day in days
    ]


def _from_string(part: str) -> list[ScheduleRecord]:
    if not part:
        return []
    tokens = part.split()
    day_tokens = [
        t for t in tokens if not re.match(r"^\d", t) and t.lower() not in {"off", "closed"}
    ]
    span_tokens = [t for t in tokens if re.match(r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$", t)]
    days = _expand_days(",".join(day_tokens)) if day_tokens else list(range(7))
    if not days:
        return []
    if not span_tokens:
        return [ScheduleRecord(d, closed=True) for d in days] if "off" in part.lower() else []
    rows = []
    for span in span_tokens:
        opens, closes = (parse_time(t) for t in span.split("-"))
        rows += [ScheduleRecord(d, opens, closes) for d in days if opens and closes]
    return rows


def _expand_days(text: str) -> list[int]:
    days: list[int] = []
    for piece in text.replace(" ", "").split(","):
        if "-" in piece:
            first, last = (weekday_of(p) for p in piece.split("-", 1))
            if first is None or last is None:
                continue
            days += [(first + i) % 7 for i in range((last - first) % 7 + 1)]
        elif (day := weekday_of(piece)) is not None:
            days.append(day)
    return list(dict.fromkeys(days))


def _dates(first: date, last: date) -> list[date]:
    count = min((last - first).days + 1, MAX_SPECIAL_DAYS)
    return [first + timedelta(days=i) for i in range(max(count, 1))]


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
