"""The production backend: Meilisearch through its official client."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchTimeoutError

from finder.search.builds import IndexBuild, IndexBuildFailed
from finder.search.documents import SearchDocument
from finder.search.facets import Facets
from finder.search.generation_watch import GenerationWatch
from finder.search.meili_build import build_generation
from finder.search.meili_settings import LEVELS, SEARCHABLE, group_queries, search_params
from finder.search.meili_tasks import FAILURES, run_task
from finder.search.meili_upload import GENERATION_FIELD
from finder.search.protocol import (
    LEVEL_WEIGHTS,
    MAX_GROUPS,
    Candidate,
    Found,
    Relevance,
    SearchRequest,
    SearchUnavailable,
)
from finder.search.ranking import coverage_of

log = logging.getLogger(__name__)
DOCUMENT_FIELDS = frozenset(SearchDocument.model_fields)
FACET_FIELDS = ("kinds", "audience", "languages", "hours")


def level_of(details: dict[str, Any]) -> int:
    """The shared relevance level of the best attribute a hit matched (see LEVELS)."""
    score = float(details.get("attribute", {}).get("attributeRankingOrderScore", 0.0))
    position = min(len(SEARCHABLE) - 1, max(0, round((1 - score) * len(SEARCHABLE))))
    return LEVELS[SEARCHABLE[position]]


@dataclass
class _Merged:
    """One document's matches over the queries of every word group.

    `body` is the document as Meilisearch returned it: ranking and filters read a few of its
    fields, and only the hits shown are validated into a SearchDocument.
    """

    body: dict[str, Any]
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
                entry = merged[hit["id"]] = _Merged(body)
            level = level_of(hit.get("_rankingScoreDetails") or {})
            entry.levels[group] = max(entry.levels.get(group, 0), level)
            score = float(hit.get("_rankingScore", 0.0))
            entry.scores[group] = max(entry.scores.get(group, 0.0), score)
    return merged


def facets_from(body: dict[str, Any]) -> Facets:
    """What filters read of a returned document, without validating the whole document."""
    return Facets.model_validate({name: body.get(name) or () for name in FACET_FIELDS})


def _typos(hit: dict[str, Any]) -> int:
    return int((hit.get("_rankingScoreDetails") or {}).get("typo", {}).get("typoCount", 0))


def candidate_from(entry: _Merged, postcode: str | None) -> Candidate:
    body = entry.body
    lat, lon = body.get("latitude"), body.get("longitude")
    return Candidate(
        doc_id=str(body["id"]),
        offer_key=str(body["offer_id"]),
        point=(float(lat), float(lon)) if lat is not None and lon is not None else None,
        is_wijkteam=bool(body.get("is_wijkteam", False)),
        relevance=Relevance(
            sum(LEVEL_WEIGHTS[level] for level in entry.levels.values()),
            len(entry.levels),
            sum(entry.scores.values()),
        ),
        coverage=coverage_of(body.get("postcodes_served") or [], postcode),  # type: ignore[arg-type]
        handle=body["id"],
    )


class MeiliBackend:
    """Searches with whatever key it is given; the web app gives it a search-only key.

    `timeout` bounds every request: the web app keeps it short, so a slow Meilisearch turns
    into the "search is unavailable" page instead of a resident waiting. After a search timed
    out, searches fail at once for as long again: a stalled server would otherwise keep every
    question of every resident waiting the full timeout, and hold up the requests behind them.
    A server that refuses connections fails fast anyway, so only timeouts count.
    """

    name = "meilisearch"

    def __init__(self, url: str, key: str, index: str, timeout: float = 2.0) -> None:
        # The client passes its timeout straight to requests, which takes fractions of seconds.
        self.client = meilisearch.Client(url, key or None, timeout=timeout)  # type: ignore[arg-type]
        self.index_name = index
        self._generation = GenerationWatch(self._read_generation)
        self._timeout = timeout
        self._quiet_until = 0.0

    def _search(self, query: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return dict(self.client.index(self.index_name).search(query, params))
        except FAILURES as exc:
            log.error("meilisearch search failed: %s", exc)
            raise SearchUnavailable(str(exc)) from exc

    def search(self, request: SearchRequest) -> Found:
        """One multi-search: a generation probe, then the queries of every word group."""
        owners: list[int] = []
        queries: list[dict[str, Any]] = [
            {
                "indexUid": self.index_name,
                "q": "",
                "limit": 1,
                "attributesToRetrieve": [GENERATION_FIELD],
            }
        ]
        for number, group in enumerate(request.groups[:MAX_GROUPS]):
            for text in group_queries(group):
                owners.append(number)
                queries.append({"indexUid": self.index_name, **search_params(request, text)})
        if time.monotonic() < self._quiet_until:
            raise SearchUnavailable("meilisearch timed out a moment ago; not asked again yet")
        try:
            results = self.client.multi_search(queries)["results"]
        except MeilisearchTimeoutError as exc:
            self._quiet_until = time.monotonic() + self._timeout
            log.error(
                "meilisearch search timed out; searches fail at once for %.1f s", self._timeout
            )
            raise SearchUnavailable(str(exc)) from exc
        except FAILURES as exc:
            log.error("meilisearch search failed: %s", exc)
            raise SearchUnavailable(str(exc)) from exc
        probe = results[0].get("hits") or [{}]
        generation = str(probe[0].get(GENERATION_FIELD) or self.index_name)
        merged = merge([r.get("hits", []) for r in results[1:]], owners)

        def load(chosen: Sequence[Candidate]) -> list[SearchDocument]:
            # Meilisearch returned whole documents with the hits: nothing to fetch again.
            return [SearchDocument.model_validate(merged[c.doc_id].body) for c in chosen]

        def facets(chosen: Sequence[Candidate]) -> list[Facets]:
            return [facets_from(merged[c.doc_id].body) for c in chosen]

        candidates = [candidate_from(entry, request.postcode) for entry in merged.values()]
        return Found(generation, candidates, load, facets)

    def drop(self) -> None:
        """Remove the live index (tests and scripts/eval clean up with this)."""
        try:
            run_task(
                self.client, "drop the index", lambda: self.client.delete_index(self.index_name)
            )
        except IndexBuildFailed as exc:
            log.warning("could not drop index %s: %s", self.index_name, exc)

    def count(self) -> int:
        # A search, not the stats route: a search-only key may not read stats.
        return int(self._search("", {"hitsPerPage": 0, "page": 1}).get("totalHits", 0))

    def healthy(self) -> bool:
        try:
            self.count()
        except SearchUnavailable:
            return False
        return True

    def generation(self) -> str:
        return self._generation.current()

    def _read_generation(self) -> str:
        hits = self._search("", {"limit": 1, "attributesToRetrieve": [GENERATION_FIELD]})["hits"]
        return str(hits[0].get(GENERATION_FIELD, "")) if hits else ""

    def replace_all(self, documents: Iterable[SearchDocument]) -> IndexBuild:
        return build_generation(self.client, self.index_name, documents)
