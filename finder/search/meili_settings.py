"""Meilisearch index settings and search parameters, as plain data.

Kept free of I/O so tests can check them without a Meilisearch server.
"""

from __future__ import annotations

from typing import Any

from finder.query import load_lexicon
from finder.search.documents import SearchDocument
from finder.search.protocol import SearchRequest

ALL_MUNICIPALITY = "*"
PRIMARY_ATTRIBUTES = ("title", "keywords")
SEARCHABLE = ["title", "keywords", "categories", "upl", "summary", "organization", "description"]
# The attribute rule scores the first searchable attribute 1.0 and falls off linearly;
# a score at or above this means the match is in the title or keywords.
PRIMARY_ATTRIBUTE_SCORE = 1 - 1 / (len(SEARCHABLE) - 1) - 1e-6


def index_settings() -> dict[str, Any]:
    lexicon = load_lexicon()
    return {
        "searchableAttributes": SEARCHABLE,
        "filterableAttributes": ["categories", "audience", "served", "offer_id", "_geo"],
        "sortableAttributes": ["_geo"],
        # "sort" comes after the relevance rules: distance only orders equally relevant hits.
        "rankingRules": ["words", "typo", "attribute", "sort", "proximity", "exactness"],
        "synonyms": lexicon.meili_synonyms(),
        "stopWords": sorted(lexicon.stopwords),
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
        },
        "localizedAttributes": [{"attributePatterns": ["*"], "locales": ["nld"]}],
    }


def to_meili_document(doc: SearchDocument) -> dict[str, Any]:
    body = doc.model_dump(mode="json")
    body["served"] = doc.postcodes_served or [ALL_MUNICIPALITY]
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
    if request.serves_postcode:
        filters.append(
            f"served IN [{_quote(request.serves_postcode[:4])}, {_quote(ALL_MUNICIPALITY)}]"
        )
    return filters


def search_params(request: SearchRequest) -> dict[str, Any]:
    params: dict[str, Any] = {
        "limit": request.limit,
        "filter": build_filters(request),
        "matchingStrategy": "last",
        "showRankingScore": True,
        "showRankingScoreDetails": True,
        "attributesToRetrieve": ["*"],
    }
    if request.point is not None:
        lat, lon = request.point
        params["sort"] = [f"_geoPoint({lat:.6f}, {lon:.6f}):asc"]
    return params


def query_text(request: SearchRequest) -> str:
    return " ".join(g.word for g in request.groups)
