"""ETag / Last-Modified validators and bodies of earlier responses, kept in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from finder.models import HttpCacheEntry


@dataclass(frozen=True)
class CachedResponse:
    etag: str
    last_modified: str
    content_type: str
    body: bytes

    def validators(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class HttpCache:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, url: str) -> CachedResponse | None:
        with Session(self.engine) as session:
            entry = session.get(HttpCacheEntry, url)
            if entry is None:
                return None
            return CachedResponse(entry.etag, entry.last_modified, entry.content_type, entry.body)

    def put(self, url: str, headers: httpx.Headers, body: bytes) -> None:
        etag = headers.get("etag", "")
        last_modified = headers.get("last-modified", "")
        if not etag and not last_modified:
            return
        entry = HttpCacheEntry(
            url=url,
            etag=etag,
            last_modified=last_modified,
            content_type=headers.get("content-type", ""),
            body=body,
            fetched_at=datetime.now(UTC),
        )
        with Session(self.engine) as session:
            session.merge(entry)
            session.commit()
