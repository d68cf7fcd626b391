"""The production backend: Meilisearch through its official client."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import meilisearch
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchTimeoutError,
)

from finder.search.documents import SearchDocument
from finder.search.facets import Facets, facets_of
from finder.search.meili_settings import (
    LEVELS,
    SEARCHABLE,
    group_queries,
    index_settings,
    search_params,
    to_meili_document,
)
from finder.search.protocol import Candidate, Found, Relevance, SearchRequest, SearchUnavailable
from finder.search.ranking import coverage_of

log = logging.getLogger(__name__)
FAILURES = (MeilisearchApiError, MeilisearchCommunicationError, MeilisearchTimeoutError, OSError)
BATCH = 5000
TASK_TIMEOUT_MS = 600_000
MAX_GROUPS = 12
DOCUMENT_FIELDS = frozenset(SearchDocument.model_fields)


def _batches(
    items: Iterable[SearchDocument], size: int, generation: str
) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while batch := [to_meili_document(d, generation) for d in islice(iterator, size)]:
        yield batch


def level_of(details: dict[str, Any]) -> int:
    """The shared relevance level of the best attribute a hit matched (see LEVELS)."""
    score = float(details.get("attribute", {}).get("attributeRankingOrderScore", 0.0))
    position = min(len(SEARCHABLE) - 1, max(0, round((1 - score) * len(SEARCHABLE))))
    return LEVELS[SEARCHABLE[position]]


@dataclass
class _Merged:
    """One document's matches over the queries of every word group."""

    doc: SearchDocument
    levels: dict[int, int] = field(default_factory=dict)  # group → best level
    scores: dict[int, float] = field(default_factory=dict)  # group → best ranking score


def merge(results: list[list[dict[str, Any]]], owners: list[int]) -> dict[str, _Merged]:
    """Fold the hit lists of all queries (query n belongs to word group owners[n]) into one
    entry per document, as the shared ranking needs them.

    Where Meilisearch cannot express the shared ranking, this does: a group counts only its
    exact matches when it has any (typo tolerance never turns a word that exists into another),
    and a word's level is the best over all its queries.
    """
    exact_groups = {
        owners[n] for n, hits in enumerate(results) if any(_typos(hit) == 0 for hit in hits)
    }
    merged: dict[str, _Merged] = {}
    for n, hits in enumerate(results):
        group = owners[n]
        for hit in hits:
            if group in exact_groups and _typos(hit) > 0:
                continue
            entry = merged.get(hit["id"])
            if entry is None:
                body = {k: v for k, v in hit.items() if k in DOCUMENT_FIELDS}
                entry = merged[hit["id"]] = _Merged(SearchDocument.model_validate(body))
            level = level_of(hit.get("_rankingScoreDetails") or {})
            entry.levels[group] = max(entry.levels.get(group, 0), level)
            score = float(hit.get("_rankingScore", 0.0))
            entry.scores[group] = max(entry.scores.get(group, 0.0), score)
    return merged


def _typos(hit: dict[str, Any]) -> int:
    return int((hit.get("_rankingScoreDetails") or {}).get("typo", {}).get("typoCount", 0))


def candidate_from(entry: _Merged, postcode: str | None) -> Candidate:
    doc = entry.doc
    point = (
        (doc.latitude, doc.longitude)
        if doc.latitude is not None and doc.longitude is not None
        else None
    )
    return Candidate(
        doc_id=doc.id,
        offer_key=doc.offer_id,
        point=point,
        is_wijkteam=doc.is_wijkteam,
        relevance=Relevance(
            sum(entry.levels.values()), len(entry.levels), sum(entry.scores.values())
        ),
        coverage=coverage_of(doc.postcodes_served, postcode),  # type: ignore[arg-type]
        handle=doc.id,
    )


class MeiliBackend:
    name = "meilisearch"

    def __init__(self, url: str, key: str, index: str) -> None:
        self.client = meilisearch.Client(url, key or None, timeout=5)
        self.index_name = index

    def search(self, request: SearchRequest) -> Found:
        """One multi-search: a generation probe, then the queries of every word group."""
        owners: list[int] = []
        queries: list[dict[str, Any]] = [
            {
                "indexUid": self.index_name,
                "q": "",
                "limit": 1,
                "attributesToRetrieve": ["generation"],
            }
        ]
        for number, group in enumerate(request.groups[:MAX_GROUPS]):
            for text in group_queries(group):
                owners.append(number)
                queries.append({"indexUid": self.index_name, **search_params(request, text)})
        try:
            results = self.client.multi_search(queries)["results"]
        except FAILURES as exc:
            log.error("meilisearch search failed: %s", exc)
            raise SearchUnavailable(str(exc)) from exc
        probe = results[0].get("hits") or [{}]
        generation = str(probe[0].get("generation") or self.index_name)
        merged = merge([r.get("hits", []) for r in results[1:]], owners)
        documents = {doc_id: entry.doc for doc_id, entry in merged.items()}

        def load(chosen: Sequence[Candidate]) -> list[SearchDocument]:
            # Meilisearch returned whole documents with the hits: nothing to fetch again.
            return [documents[candidate.doc_id] for candidate in chosen]

        def facets(chosen: Sequence[Candidate]) -> list[Facets]:
            return [facets_of(documents[candidate.doc_id]) for candidate in chosen]

        candidates = [candidate_from(entry, request.postcode) for entry in merged.values()]
        return Found(generation, candidates, load, facets)

    def drop(self) -> None:
        """Remove the live index (tests and scripts/eval clean up with this)."""
        try:
            self._wait(self.client.delete_index(self.index_name))
        except FAILURES as exc:
            log.warning("could not drop index %s: %s", self.index_name, exc)

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
        staging = f"{self.index_name}_{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
        try:
            self._wait(self.client.create_index(staging, {"primaryKey": "id"}))
            index = self.client.index(staging)
            self._wait(index.update_settings(index_settings()))
            count = 0
            for batch in _batches(documents, BATCH, staging):
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
