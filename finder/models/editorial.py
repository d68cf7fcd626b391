"""What editors keep apart from crawled data: suggestions, corrections, confirmations, holds.

Crawls rewrite the catalogue tables; nothing here is touched by the indexer, so an editor's
work survives every re-crawl and is applied on top of the crawled values when pages and search
documents are built (finder/editorial/overlay.py).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Problem(StrEnum):
    """What a resident says is wrong with an offer."""

    phone = "phone"
    address = "address"
    hours = "hours"
    gone = "gone"
    other = "other"


class SuggestionState(StrEnum):
    open = "open"
    accepted = "accepted"
    rejected = "rejected"


class CorrectedField(StrEnum):
    phone = "phone"
    email = "email"
    url = "url"
    address = "address"
    hours = "hours"
    # The offer no longer exists: hidden from residents and left out of the index.
    gone = "gone"


class Suggestion(SQLModel, table=True):
    """A resident's report. The e-mail address is encrypted and wiped once it is handled."""

    id: int | None = Field(default=None, primary_key=True)
    offer_id: str = Field(index=True)
    offer_title: str = ""
    problem: str = Field(default=Problem.other.value, description="A Problem value")
    note: str = ""
    email_enc: str = ""
    created_at: datetime = Field(index=True)
    state: str = Field(default=SuggestionState.open.value, index=True)
    handled_at: datetime | None = None
    handled_by: int | None = None


class Correction(SQLModel, table=True):
    """An editor's value for one field of one offer (and place), applied over the crawled one.

    `source_value` is what the source said when the editor decided; when the crawled value
    later differs from it (and from the correction), the source changed: a conflict.
    """

    id: int | None = Field(default=None, primary_key=True)
    offer_id: str = Field(index=True)
    field: str = Field(description="A CorrectedField value")
    location_id: str = Field(default="", description="For address: the place corrected")
    value: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    source_value: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    active: bool = Field(default=True, index=True)
    suggestion_id: int | None = None
    created_at: datetime
    updated_at: datetime
    actor_id: int | None = None


class Confirmation(SQLModel, table=True):
    """An editor checked an offer: by a correction, a confirmed change, a hold or a call."""

    id: int | None = Field(default=None, primary_key=True)
    offer_id: str = Field(index=True)
    at: datetime = Field(index=True)
    actor_id: int | None = None
    reason: str = Field(default="checked", description="checked, correction, change or hold")


class ChangeReview(SQLModel, table=True):
    """An editor's decision on one crawl change: confirmed, or (for a removal) held."""

    change_id: int = Field(primary_key=True, description="CrawlChange.id")
    decision: str = Field(description="confirmed or held")
    at: datetime
    actor_id: int | None = None


class OfferHold(SQLModel, table=True):
    """A removed offer an editor keeps showing until its source lists it again or is confirmed."""

    offer_id: str = Field(primary_key=True)
    change_id: int | None = None
    held_at: datetime
    actor_id: int | None = None


class ReindexRequest(SQLModel, table=True):
    """One row: editors asked for a new index generation; a background task builds it."""

    id: int = Field(default=1, primary_key=True)
    requested_at: datetime
    started_at: datetime | None = None
