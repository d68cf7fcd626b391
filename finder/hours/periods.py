"""One opening period as the catalogue, the index and the pages see it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Row

from finder.models import Schedule

TIMEZONE = ZoneInfo("Europe/Amsterdam")
# A dated period covering more days than this is a season's schedule (summer hours, or hours
# valid from a date onwards), not a special day; the indexer expands special days the same way.
MAX_SPECIAL_DAYS = 31


class OpeningPeriod(BaseModel):
    model_config = ConfigDict(frozen=True)

    weekday: int = Field(ge=0, le=6, description="0 is Monday")
    opens: str | None = Field(None, description="HH:MM")
    closes: str | None = Field(
        None, description="HH:MM; earlier than opens when the period runs past midnight"
    )
    closed: bool = False
    notes: str = ""
    valid_from: str | None = Field(None, description="ISO date of a special day or period")
    valid_to: str | None = Field(None, description="ISO date; empty with valid_from: no end")

    @property
    def is_open(self) -> bool:
        return not self.closed and bool(self.opens) and bool(self.closes)

    @property
    def overnight(self) -> bool:
        return self.is_open and (self.closes or "") <= (self.opens or "")

    def covers(self, day: date) -> bool:
        """Whether a dated period applies on `day` (undated periods apply every week)."""
        if not self.valid_from:
            return True
        end = date.fromisoformat(self.valid_to) if self.valid_to else date.max
        return date.fromisoformat(self.valid_from) <= day <= end

    @property
    def is_special(self) -> bool:
        """A special day or a few days (Christmas hours), as opposed to a season's schedule."""
        if not self.valid_from or not self.valid_to:
            return False
        start, end = date.fromisoformat(self.valid_from), date.fromisoformat(self.valid_to)
        return (end - start).days < MAX_SPECIAL_DAYS


def opening_period(s: Schedule | Row[Any]) -> OpeningPeriod:
    """From a schedule entity, or a plain row of its table (the index build reads those)."""
    return OpeningPeriod(
        weekday=s.weekday,
        opens=s.opens.strftime("%H:%M") if s.opens else None,
        closes=s.closes.strftime("%H:%M") if s.closes else None,
        closed=s.closed,
        notes=s.notes,
        valid_from=s.valid_from.isoformat() if s.valid_from else None,
        valid_to=s.valid_to.isoformat() if s.valid_to else None,
    )


def now() -> datetime:
    return datetime.now(TIMEZONE)
