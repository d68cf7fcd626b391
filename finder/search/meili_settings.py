"""Meilisearch index settings, documents and queries, as plain data.

Kept free of I/O so tests can check them without a Meilisearch server. Meilisearch searches
the same analysed terms as the embedded engine (finder/search/analysis.py), so both match the
same words; the displayed fields are stored but not searched.
"""

from __future__ import annotations

from typing import Any

from finder.query import load_lexicon, load_vocabulary
from finder.query.terms import TermGroup
from finder.search.analysis import analyse
from finder.search.documents import SearchDocument
from finder.search.prepare import searchable_fields, tagged
from finder.search.protocol import SearchRequest

ALL_MUNICIPALITY = "*"
CANDIDATES = 50
# In order of importance, like the embedded engine's field weights. The attribute ranking rule
# tells which one matched best; LEVELS maps that to the shared relevance level.
SEARCHABLE = ["s_title", "s_keywords", "needs", "s_summary", "s_organization", "s_description"]
LEVELS = {
    "s_title": 3,
    "s_keywords": 3,
    "needs": 3,
    "s_summary": 2,
    "s_organization": 2,
    "s_description": 1,
}
# Hits carry the document as shown; the analysed copies stay in Meilisearch.
RETRIEVE = list(SearchDocument.model_fields)


def index_settings() -> dict[str, Any]:
    vocabulary = load_vocabulary()
    return {
        "searchableAttributes": SEARCHABLE,
        "filterableAttributes": [
            "categories",
            "audience",
            "kinds",
            "languages",
            "served",
            "offer_id",
            "_geo",
        ],
        "sortableAttributes": ["_geo"],
        # "sort" comes after the relevance rules: distance only orders equally relevant hits.
        "rankingRules": ["words", "typo", "attribute", "exactness", "proximity", "sort"],
        # A need id stands for the catalogue's own words for that need.
        "synonyms": {
            need.id: [" ".join(analyse(word)) for word in need.catalogue if analyse(word)]
            for need in vocabulary.needs.values()
        },
        "stopWords": sorted(load_lexicon().index_stopwords),
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
            # A need id is a tag, never a misspelling of a word.
            "disableOnWords": sorted(vocabulary.needs),
        },
        "localizedAttributes": [{"attributePatterns": ["*"], "locales": ["nld"]}],
        "distinctAttribute": "offer_id",
    }


def to_meili_document(doc: SearchDocument, generation: str = "") -> dict[str, Any]:
    doc = tagged(doc)
    body = doc.model_dump(mode="json")
    body.update({f"s_{name}": text for name, text in searchable_fields(doc).items()})
    body["served"] = doc.postcodes_served or [ALL_MUNICIPALITY]
    body["generation"] = generation
    if doc.latitude is not None and doc.longitude is not None:
        body["_geo"] = {"lat": doc.latitude, "lng": doc.longitude}
    return body


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_filters(request: SearchRequest) -> list[str]:
    filters = []
    if request.categories:
        filters.append(f"categories IN [{', '.join(_quote(c) for c in request.categories)}]")
    if request.audience:
        filters.append(f"audience = {_quote(request.audience)}")
    for name, values in (("kinds", request.kinds), ("languages", request.languages)):
        if values:
            filters.append(f"{name} IN [{', '.join(_quote(v) for v in values)}]")
    if request.serves_postcode:
        filters.append(
            f"served IN [{_quote(request.serves_postcode[:4])}, {_quote(ALL_MUNICIPALITY)}]"
        )
    return filters


def group_queries(group: TermGroup) -> list[str]:
    """The query texts that together find what one word group matches.

    The typed word as analysed (quoted, so exact, when the vocabulary knows it as typed), each
    need id it points at (its synonyms are the need's catalogue words), and the compound's parts.
    """
    texts = []
    typed = " ".join(analyse(group.word))
    if typed:
        texts.append(f'"{typed}"' if group.typos == 0 else typed)
    texts += list(group.needs)
    parts = " ".join(t for part in group.parts for t in analyse(part))
    if parts and parts != typed:
        texts.append(parts)
    return texts


def search_params(request: SearchRequest, text: str) -> dict[str, Any]:
    params: dict[str, Any] = {
        "q": text,
        "limit": min(request.limit, CANDIDATES),
        "filter": build_filters(request),
        "matchingStrategy": "all",
        "showRankingScore": True,
        "showRankingScoreDetails": True,
        "attributesToRetrieve": RETRIEVE,
    }
    if request.point is not None:
        lat, lon = request.point
        params["sort"] = [f"_geoPoint({lat:.6f}, {lon:.6f}):asc"]
    return params
