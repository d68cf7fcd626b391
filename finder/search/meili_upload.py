"""Upload documents into a staging index, setting aside the ones Meilisearch refuses.

Meilisearch adds a batch all or nothing, so one bad document (a bad id or `_geo`, a malformed
or too large payload) would cost the whole batch: a refused batch is halved until the refused
documents are alone, and the rest goes in. A few batches stay in flight, because Meilisearch
indexes several queued batches together much faster than one at a time; each is kept until its
outcome is known, so it can still be halved.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchApiError
from meilisearch.index import Index

from finder.search.builds import IndexBuildFailed, Rejected
from finder.search.documents import SearchDocument
from finder.search.meili_settings import to_meili_document
from finder.search.meili_tasks import FAILURES, api_reason, failed, finished, task_reason

log = logging.getLogger(__name__)
GENERATION_FIELD = "generation"
PRIMARY_KEY = "id"
BATCH = 2000
IN_FLIGHT = 4
# Past this many refused documents the cause is systematic, not one bad record: stop.
MAX_REJECTED = 100
# Errors Meilisearch blames on the documents sent, as opposed to keys, indexes, disk or the
# server (a missing index is an invalid request too, but no document's fault).
DOCUMENT_ERRORS = frozenset(
    {
        "missing_document_id",
        "malformed_payload",
        "payload_too_large",
        "document_fields_limit_reached",
    }
)


def is_document_error(code: object) -> bool:
    return isinstance(code, str) and (
        code.startswith("invalid_document_") or code in DOCUMENT_ERRORS
    )


Batch = list[dict[str, Any]]


def batches(items: Iterable[SearchDocument], generation: str) -> Iterator[Batch]:
    """Meilisearch documents, each naming the generation (staging index) it was built in."""
    iterator = iter(items)
    while chunk := list(islice(iterator, BATCH)):
        yield [{**to_meili_document(d), GENERATION_FIELD: generation} for d in chunk]


class Uploader:
    def __init__(self, client: meilisearch.Client, index: Index) -> None:
        self.client = client
        self.index = index
        self.rejected: list[Rejected] = []

    def upload(self, documents: Iterable[SearchDocument], generation: str) -> int:
        """Adds every document it can; returns how many went in (see `rejected` for the rest)."""
        count = 0
        in_flight: deque[tuple[Any, Batch]] = deque()
        for batch in batches(documents, generation):
            in_flight.append((self._send(batch), batch))
            if len(in_flight) >= IN_FLIGHT:
                count += self._settle(*in_flight.popleft())
        while in_flight:
            count += self._settle(*in_flight.popleft())
        return count

    def _send(self, batch: Batch) -> Any:
        """The task adding this batch, or Meilisearch's reason when it refused it at once."""
        try:
            return self.index.add_documents(batch, primary_key=PRIMARY_KEY)
        except MeilisearchApiError as exc:
            if is_document_error(exc.code):
                return api_reason(exc)
            raise IndexBuildFailed(f"could not add documents: {api_reason(exc)}") from exc
        except FAILURES as exc:
            raise IndexBuildFailed(f"could not add documents: {api_reason(exc)}") from exc

    def _settle(self, sent: Any, batch: Batch) -> int:
        """Wait for a sent batch; split it when Meilisearch refused documents in it."""
        reason = sent if isinstance(sent, str) else self._refusal(sent)
        if reason is None:
            return len(batch)
        if len(batch) == 1:
            self._reject(batch[0], reason)
            return 0
        half = len(batch) // 2
        return sum(self._settle(self._send(part), part) for part in (batch[:half], batch[half:]))

    def _refusal(self, task: Any) -> str | None:
        done = finished(self.client, "add documents", task)
        if done.status == "succeeded":
            return None
        if is_document_error((done.error or {}).get("code")):
            return task_reason(done.error)
        raise failed("add documents", task, done)

    def _reject(self, document: dict[str, Any], reason: str) -> None:
        doc_id, title = str(document.get("id", "")), str(document.get("title", ""))
        self.rejected.append(Rejected(doc_id, reason, title))
        log.warning("Meilisearch refused document %s: %s", doc_id, reason)
        if len(self.rejected) > MAX_REJECTED:
            raise IndexBuildFailed(
                f"Meilisearch refused more than {MAX_REJECTED} documents", self.rejected
            )
