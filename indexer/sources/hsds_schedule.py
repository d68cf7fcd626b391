"""HSDS 3.0 schedules (iCal RRULE style) as ScheduleRecords."""

from __future__ import annotations

import re
from typing import Any

from indexer.records import ScheduleRecord
from indexer.sources.opening_hours import DAY_CODES, parse_date, parse_time

_BYDAY = re.compile(r"^([+-]?\d)?([A-Z]{2})$")
_ORDINALS = {"1": "1e", "2": "2e", "3": "3e", "4": "4e", "5": "5e", "-1": "laatste"}


def from_hsds(schedules: Any) -> list[ScheduleRecord]:
    rows: list[ScheduleRecord] = []
    for schedule in schedules if isinstance(schedules, list) else []:
        if isinstance(schedule, dict):
            rows.extend(_one(schedule))
    return rows


def _one(schedule: dict[str, Any]) -> list[ScheduleRecord]:
    freq = str(schedule.get("freq") or "WEEKLY").upper()
    if freq not in {"WEEKLY", "MONTHLY"}:
        return []
    opens, closes = parse_time(schedule.get("opens_at")), parse_time(schedule.get("closes_at"))
    notes = " ".join(
        str(schedule.get(key) or "").strip() for key in ("description", "notes")
    ).strip()
    rows = []
    for code in str(schedule.get("byday") or "").upper().replace(" ", "").split(","):
        match = _BYDAY.match(code)
        if not match or match.group(2).lower() not in DAY_CODES:
            continue
        ordinal = match.group(1)
        note = notes
        if freq == "MONTHLY" and ordinal:
            # Dutch, because it is shown next to the hours on the offer page.
            note = f"{_ORDINALS.get(ordinal.lstrip('+'), ordinal)} van de maand. {notes}".strip()
        rows.append(
            ScheduleRecord(
                weekday=DAY_CODES.index(match.group(2).lower()),
                opens=opens,
                closes=closes,
                closed=opens is None and closes is None,
                notes=note[:500],
                valid_from=parse_date(schedule.get("valid_from")),
                valid_to=parse_date(schedule.get("valid_to")),
            )
        )
    return rows
