"""What residents miss, counted without watching them (finder/insights).

No row holds a question, an address, a postcode or anything about one visitor: only counts per
day, need and wijk, and the words of unanswered questions that at least k people used in one
week. Words below k wait at most until the end of their day (`UnansweredToday`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel


class SearchCount(SQLModel, table=True):
    """Searches of one day for one need in one wijk ("" = none recognised, "*" = all)."""

    day: date = Field(primary_key=True)
    need: str = Field(primary_key=True)
    wijk: str = Field(primary_key=True)
    searches: int = 0
    empty: int = Field(default=0, description="Searches that found nothing")
    refined: int = Field(default=0, description="Searches asked again straight away")


class UnansweredToday(SQLModel, table=True):
    """Today's unanswered word groups still below k; deleted at the end of the day."""

    day: date = Field(primary_key=True)
    words: str = Field(primary_key=True)
    count: int = 0


class UnansweredWeek(SQLModel, table=True):
    """How often each unanswered word group came this week, under a keyed hash.

    The key is random per week and deleted with the week's rows, so a word group that never
    reached k cannot be recovered by hashing guesses.
    """

    week: str = Field(primary_key=True, description="ISO week, e.g. 2026-W48")
    digest: str = Field(primary_key=True)
    count: int = 0


class WeekKey(SQLModel, table=True):
    week: str = Field(primary_key=True)
    key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class UnansweredWords(SQLModel, table=True):
    """Word groups of unanswered questions that at least k searches used in one week."""

    week: str = Field(primary_key=True)
    words: str = Field(primary_key=True)
    count: int = 0
