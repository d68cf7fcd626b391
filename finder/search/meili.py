"""The production backend: Meilisearch through its official client."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import meilisearch

from finder.search.builds import IndexBuild
from finder.search.documents import SearchDocument
from finder.search.generation_watch import GenerationWatch
from finder.search.meili_build import build_generation
from finder.search.meili_settings import PRIMARY_ATTRIBUTE_SCORE, query_text, search_params
from finder.search.meili_tasks import FAILURES
from finder.search.meili_upload import GENERATION_FIELD
from finder.search.protocol import Candidate, SearchRequest, SearchUnavailable

log = logging.getLogger(__name__)


def candidate_from_hit(hit: dict[str, Any]) -> Candidate:
    details = hit.get("_rankingScoreDetails") or {}
    words = details.get("words", {}).get("matchingWords", 0)
    attribute = details.get("attribute", {}).get("attributeRankingOrderScore", 0.0)
    body = {k: v for k, v in hit.items() if not k.startswith("_") and k != "served"}
    return Candidate(
        doc=SearchDocument.model_validate(body),
        score=float(hit.get("_rankingScore", 0.0)),
        words_matched=int(words),
        primary_matched=int(words) if attribute >= PRIMARY_ATTRIBUTE_SCORE else 0,
    )


class MeiliBackend:
    """Searches with whatever key it is given; the web app gives it a search-only key.

    `timeout` bounds every request: the web app keeps it short, so a slow Meilisearch turns
    into the "search is unavailable" page instead of a resident waiting.
    """

    name = "meilisearch"

    def __init__(self, url: str, key: str, index: str, timeout: float = 2.0) -> None:
        # The client passes its timeout straight to requests, which takes fractions of seconds.
        self.client = meilisearch.Client(url, key or None, timeout=timeout)  # type: ignore[arg-type]
        self.index_name = index
        self._generation = GenerationWatch(self._read_generation)

    def _search(self, query: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return dict(self.client.index(self.index_name).search(query, params))
        except FAILURES as exc:
            log.error("meilisearch search failed: %s", exc)
            raise SearchUnavailable(str(exc)) from exc

    def search(self, request: SearchRequest) -> list[Candidate]:
        result = self._search(query_text(request), search_params(request))
        return [candidate_from_hit(hit) for hit in result.get("hits", [])]

    def complete(self, candidates: list[Candidate]) -> None:
        """Meilisearch already returned whole documents."""

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
