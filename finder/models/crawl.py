"""What the indexer remembers between runs: runs, changes, source records, HTTP validators."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary
from sqlmodel import Field, SQLModel


class CrawlRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime
    finished_at: datetime | None = Field(default=None)
    sources_file: str = ""
    status: str = Field(default="running", description="running, completed or failed")
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class CrawlChange(SQLModel, table=True):
    """One added, changed or removed record of one source in one run (feeds a review queue)."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="crawlrun.id", index=True)
    source_name: str = Field(index=True)
    change: str = Field(description="added, changed or removed")
    source_ref: str
    offer_id: str = ""
    title: str = ""
    snapshot: dict[str, Any] | None = Field(
        default=None,
        sa_column=Column(JSON),
        description="For a removal: the offer as it was, so an editor can put it on hold",
    )


class SourceRecord(SQLModel, table=True):
    """A record a source listed, the offer it became, and a hash to see whether it changed."""

    source_name: str = Field(primary_key=True)
    source_ref: str = Field(primary_key=True)
    offer_id: str = Field(index=True)
    content_hash: str
    first_seen: datetime
    last_seen: datetime
    last_run_id: int = Field(index=True)


class DedupKey(SQLModel, table=True):
    """Keys that make two sources' records one offer: UPL + organisation, or name + address."""

    key: str = Field(primary_key=True)
    offer_id: str = Field(index=True)


class HttpCacheEntry(SQLModel, table=True):
    """Validators and body of the last good response, for conditional GET on re-crawls."""

    url: str = Field(primary_key=True)
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""
    body: bytes = Field(b"", sa_column=Column(LargeBinary, nullable=False))
    fetched_at: datetime
