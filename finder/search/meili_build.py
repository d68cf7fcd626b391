"""Build a new Meilisearch generation in a staging index, then swap it in.

The live index keeps its name (FINDER_MEILI_INDEX) for good, so a search key restricted to it
keeps working. Each generation is built in `<live>__gen_<time>_<random>`, swapped with the live
index by `swap_indexes` (atomic), and the old content, now under the staging name, is dropped.
A crawl that dies halfway leaves its staging index behind; the next build removes it first.
Every document carries the name of the staging index it was built in, so the web app can read
from a search answer which generation is live: a search-only key can read nothing else.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import islice
from typing import Any, TypeVar

import meilisearch
from meilisearch.errors import MeilisearchApiError, MeilisearchError
from meilisearch.index import Index

from finder.search.builds import IndexBuild, IndexBuildFailed, Rejected
from finder.search.documents import SearchDocument
from finder.search.meili_settings import index_settings, to_meili_document

log = logging.getLogger(__name__)
STAGING = "__gen_"
GENERATION_FIELD = "generation"
BATCH = 5000
# Past this many refused documents the cause is systematic, not one bad record: stop.
MAX_REJECTED = 100
TASK_TIMEOUT_MS = 600_000
# Errors Meilisearch blames on the documents sent (a bad id, a bad _geo, a malformed or too
# large payload), as opposed to keys, disk or the server itself.
DOCUMENT_ERROR_TYPE = "invalid_request"
FAILURES = (MeilisearchError, OSError)
KEY = {"primaryKey": "id"}
T = TypeVar("T")


def staging_prefix(live: str) -> str:
    return f"{live}{STAGING}"


def _reason(error: dict[str, Any] | None) -> str:
    error = error or {}
    return f"{error.get('code', 'unknown')}: {error.get('message', 'no reason given')}"


def _api_reason(exc: Exception) -> str:
    code, message = getattr(exc, "code", None), getattr(exc, "message", str(exc))
    return f"{code}: {message}" if code else str(message)


class GenerationBuilder:
    def __init__(self, client: meilisearch.Client, live: str, settings: dict[str, Any]) -> None:
        self.client = client
        self.live = live
        self.settings = settings

    def _call(self, what: str, action: Callable[[], T]) -> T:
        try:
            return action()
        except FAILURES as exc:
            raise IndexBuildFailed(f"could not {what}: {_api_reason(exc)}") from exc

    def _finished(self, what: str, task: Any) -> Any:
        return self._call(
            what, lambda: self.client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        )

    def _task(self, what: str, start: Callable[[], Any]) -> None:
        """Start a Meilisearch task and wait for it; any failure says what could not be done."""
        task = self._call(what, start)
        done = self._finished(what, task)
        if done.status != "succeeded":
            raise IndexBuildFailed(
                f"could not {what}: Meilisearch task {task.task_uid} {done.status}, "
                f"{_reason(done.error)}"
            )

    def _indexes(self) -> set[str]:
        found: set[str] = set()
        offset, page_size = 0, 100
        while True:
            query = {"limit": page_size, "offset": offset}
            page = self._call("list the indexes", partial(self.client.get_indexes, query))
            found |= {index.uid for index in page["results"]}
            offset += page_size
            if len(page["results"]) < page_size:
                return found

    def _drop(self, name: str) -> None:
        self._task(f"drop index {name}", partial(self.client.delete_index, name))

    def build(self, documents: Iterable[SearchDocument]) -> IndexBuild:
        existing = self._indexes()
        for leftover in sorted(n for n in existing if n.startswith(staging_prefix(self.live))):
            log.info("dropping staging index %s left by an interrupted build", leftover)
            self._drop(leftover)
        staging = (
            f"{staging_prefix(self.live)}{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
        )
        try:
            self._task("create the staging index", partial(self.client.create_index, staging, KEY))
            index = self.client.index(staging)
            self._task("apply the index settings", partial(index.update_settings, self.settings))
            count, rejected = self._upload(index, documents, staging)
            if rejected and not count:
                raise IndexBuildFailed("Meilisearch refused every document", rejected)
            if self.live not in existing:
                self._task(
                    "create the live index", partial(self.client.create_index, self.live, KEY)
                )
            created = self._call(
                "read the staging index", partial(self.client.get_raw_index, staging)
            )
            swap: list[Mapping[str, list[str] | bool]] = [{"indexes": [self.live, staging]}]
            task = self._call("swap in the new generation", partial(self.client.swap_indexes, swap))
        except BaseException:
            # The live index was never touched: drop the half-built one and keep serving.
            try:
                self._drop(staging)
            except IndexBuildFailed:
                log.warning("could not drop staging index %s; the next build will", staging)
            raise
        # Swapped, the staging index holds the old generation; not swapped, an unused new one.
        # Either way it goes, and Meilisearch runs the swap before this drop.
        try:
            self._drop(staging)
        except IndexBuildFailed as exc:
            log.warning("%s; the next build will", exc)
        self._confirm_swap(created["createdAt"], task)
        return IndexBuild(count, rejected)

    def _confirm_swap(self, created: str, task: Any) -> None:
        """Read the swap's outcome from the live index, which now bears the staging index's birth.

        A key limited to these indexes may not read swap tasks: they belong to no single index.
        """
        live = self._call("read the live index", partial(self.client.get_raw_index, self.live))
        if live.get("createdAt") == created:
            return
        try:
            reason = _reason(self.client.get_task(task.task_uid).error)
        except FAILURES:
            reason = "the swap task is not visible to this key"
        raise IndexBuildFailed(f"could not swap in the new generation: {reason}")

    def _upload(
        self, index: Index, documents: Iterable[SearchDocument], generation: str
    ) -> tuple[int, list[Rejected]]:
        rejected: list[Rejected] = []
        count = 0
        for batch in _batches(documents, generation):
            count += self._add_or_split(index, batch, rejected)
        return count, rejected

    def _add_or_split(
        self, index: Index, batch: list[dict[str, Any]], rejected: list[Rejected]
    ) -> int:
        """Add a batch; when Meilisearch refuses it, halve it until the refused documents are alone.

        Meilisearch adds a batch all or nothing, so one bad document would otherwise cost all.
        """
        reason = self._add(index, batch)
        if reason is None:
            return len(batch)
        if len(batch) == 1:
            doc = batch[0]
            rejected.append(Rejected(str(doc.get("id", "")), reason, str(doc.get("title", ""))))
            log.warning("Meilisearch refused document %s: %s", batch[0].get("id"), reason)
            if len(rejected) > MAX_REJECTED:
                raise IndexBuildFailed(
                    f"Meilisearch refused more than {MAX_REJECTED} documents", rejected
                )
            return 0
        half = len(batch) // 2
        return self._add_or_split(index, batch[:half], rejected) + self._add_or_split(
            index, batch[half:], rejected
        )

    def _add(self, index: Index, batch: list[dict[str, Any]]) -> str | None:
        """None when Meilisearch took the batch, or its reason when it refused documents in it."""
        try:
            task = index.add_documents(batch)
        except MeilisearchApiError as exc:
            if exc.type == DOCUMENT_ERROR_TYPE:
                return _api_reason(exc)
            raise IndexBuildFailed(f"could not add documents: {_api_reason(exc)}") from exc
        except FAILURES as exc:
            raise IndexBuildFailed(f"could not add documents: {_api_reason(exc)}") from exc
        done = self._finished("add documents", task)
        if done.status == "succeeded":
            return None
        if (done.error or {}).get("type") == DOCUMENT_ERROR_TYPE:
            return _reason(done.error)
        raise IndexBuildFailed(
            f"could not add documents: Meilisearch task {task.task_uid} {done.status}, "
            f"{_reason(done.error)}"
        )


def _batches(items: Iterable[SearchDocument], generation: str) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, BATCH)):
        yield [{**to_meili_document(d), GENERATION_FIELD: generation} for d in chunk]


def build_generation(
    client: meilisearch.Client, live: str, documents: Iterable[SearchDocument]
) -> IndexBuild:
    return GenerationBuilder(client, live, index_settings()).build(documents)
