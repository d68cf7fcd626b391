"""The production backend: Meilisearch through its official client."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

import meilisearch
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchTimeoutError,
)

from finder.search.documents import SearchDocument
from finder.search.meili_settings import (
    PRIMARY_ATTRIBUTE_SCORE,
    index_settings,
    query_text,
    search_params,
    to_meili_document,
)
from finder.search.protocol import Candidate, Found, Relevance, SearchRequest, SearchUnavailable
from finder.search.ranking import coverage_of

log = logging.getLogger(__name__)
FAILURES = (MeilisearchApiError, MeilisearchCommunicationError, MeilisearchTimeoutError, OSError)
BATCH = 5000
TASK_TIMEOUT_MS = 600_000


def _batches(items: Iterable[SearchDocument], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while batch := [to_meili_document(d) for d in islice(iterator, size)]:
        yield batch


def candidate_from_hit(
    hit: dict[str, Any], postcode: str | None = None
) -> tuple[Candidate, SearchDocument]:
    details = hit.get("_rankingScoreDetails") or {}
    words = int(details.get("words", {}).get("matchingWords", 0))
    attribute = details.get("attribute", {}).get("attributeRankingOrderScore", 0.0)
    body = {k: v for k, v in hit.items() if not k.startswith("_") and k != "served"}
    doc = SearchDocument.model_validate(body)
    level = 3 if attribute >= PRIMARY_ATTRIBUTE_SCORE else 1
    point = (
        (doc.latitude, doc.longitude)
        if doc.latitude is not None and doc.longitude is not None
        else None
    )
    candidate = Candidate(
        doc_id=doc.id,
        offer_key=doc.offer_id,
        point=point,
        is_wijkteam=doc.is_wijkteam,
        relevance=Relevance(level * words, words, float(hit.get("_rankingScore", 0.0))),
        coverage=coverage_of(doc.postcodes_served, postcode),  # type: ignore[arg-type]
        handle=doc.id,
    )
    return candidate, doc


class MeiliBackend:
    name = "meilisearch"

    def __init__(self, url: str, key: str, index: str) -> None:
        self.client = meilisearch.Client(url, key or None, timeout=5)
        self.index_name = index

    def search(self, request: SearchRequest) -> Found:
        try:
            result = self.client.index(self.index_name).search(
                query_text(request), search_params(request)
            )
        except FAILURES as exc:
            log.error("meilisearch search failed: %s", exc)
            raise SearchUnavailable(str(exc)) from exc
        pairs = [candidate_from_hit(hit, request.postcode) for hit in result.get("hits", [])]
        documents = {candidate.doc_id: doc for candidate, doc in pairs}

        def load(chosen: Sequence[Candidate]) -> list[SearchDocument]:
            # Meilisearch returned whole documents with the hits: nothing to fetch again.
            return [documents[candidate.doc_id] for candidate in chosen]

        return Found(self.index_name, [candidate for candidate, _ in pairs], load)

    def count(self) -> int:
        try:
            return int(self.client.index(self.index_name).get_stats().number_of_documents)
        except FAILURES as exc:
            raise SearchUnavailable(str(exc)) from exc

    def healthy(self) -> bool:
        try:
            return bool(self.client.is_healthy())
        except FAILURES:
            return False

    def _wait(self, task: Any) -> None:
        done = self.client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if done.status != "succeeded":
            raise SearchUnavailable(f"meilisearch task {task.task_uid} {done.status}: {done.error}")

    def replace_all(self, documents: Iterable[SearchDocument]) -> int:
        staging = f"{self.index_name}_{time.strftime('%Y%m%d%H%M%S')}"
        try:
            self._wait(self.client.create_index(staging, {"primaryKey": "id"}))
            index = self.client.index(staging)
            self._wait(index.update_settings(index_settings()))
            count = 0
            for batch in _batches(documents, BATCH):
                self._wait(index.add_documents(batch))
                count += len(batch)
            if self.index_name not in {
                i.uid for i in self.client.get_indexes({"limit": 1000})["results"]
            }:
                self._wait(self.client.create_index(self.index_name, {"primaryKey": "id"}))
            self._wait(self.client.swap_indexes([{"indexes": [self.index_name, staging]}]))
        except BaseException:
            # The live index was never touched: drop the half-built one and keep serving.
            try:
                self.client.delete_index(staging)
            except FAILURES:
                log.warning("could not drop staging index %s", staging)
            raise
        self._wait(self.client.delete_index(staging))
        return count
