"""The Meilisearch backend's settings and queries, checked as plain data (no server needed)."""

from __future__ import annotations

from finder.search.documents import SearchDocument
from finder.search.meili import candidate_from_hit
from finder.search.meili_settings import (
    build_filters,
    index_settings,
    query_text,
    search_params,
    to_meili_document,
)
from finder.search.protocol import SearchRequest, TermGroup


def request(**kw: object) -> SearchRequest:
    return SearchRequest(groups=(TermGroup("digid", prefix=True),), **kw)  # type: ignore[arg-type]


def test_searchable_attributes_are_ranked_title_first() -> None:
    settings = index_settings()
    assert settings["searchableAttributes"][:2] == ["title", "keywords"]
    assert settings["searchableAttributes"][-1] == "description"


def test_filterable_and_sortable_include_geo() -> None:
    settings = index_settings()
    assert {"categories", "audience", "served", "_geo"} <= set(settings["filterableAttributes"])
    assert settings["sortableAttributes"] == ["_geo"]


def test_distance_sorts_only_after_relevance() -> None:
    rules = index_settings()["rankingRules"]
    assert rules.index("words") < rules.index("attribute") < rules.index("sort")


def test_synonyms_and_stop_words_come_from_the_data_files() -> None:
    settings = index_settings()
    assert "mijnoverheid" in settings["synonyms"]["digid"]
    assert "voedselbank" in settings["synonyms"]["eten"]
    assert "digid" in settings["synonyms"]["mijnoverheid"]
    assert "de" in settings["stopWords"] and "the" in settings["stopWords"]


def test_typo_tolerance_matches_the_embedded_engine() -> None:
    typo = index_settings()["typoTolerance"]
    assert typo["minWordSizeForTypos"] == {"oneTypo": 5, "twoTypos": 9}


def test_geo_sort_string() -> None:
    params = search_params(request(point=(52.4975, 6.0934)))
    assert params["sort"] == ["_geoPoint(52.497500, 6.093400):asc"]
    assert "sort" not in search_params(request())


def test_filters_are_quoted() -> None:
    filters = build_filters(
        request(
            categories=('Geld "en" schulden', "Taal"),
            audience="particulier",
            serves_postcode="8043AB",
        )
    )
    assert filters == [
        'categories IN ["Geld \\"en\\" schulden", "Taal"]',
        'audience = "particulier"',
        'served IN ["8043", "*"]',
    ]


def test_query_text_uses_the_understood_words() -> None:
    req = SearchRequest(groups=(TermGroup("nederlands leren"), TermGroup("stadshagen")))
    assert query_text(req) == "nederlands leren stadshagen"


def test_documents_carry_geo_and_served() -> None:
    doc = SearchDocument(id="a__b", offer_id="a", title="T", latitude=52.5, longitude=6.1)
    body = to_meili_document(doc)
    assert body["_geo"] == {"lat": 52.5, "lng": 6.1}
    assert body["served"] == ["*"]
    assert "_geo" not in to_meili_document(SearchDocument(id="c", offer_id="c", title="T"))


def test_hits_are_read_back_with_their_ranking_details() -> None:
    hit = {
        "id": "a__b",
        "offer_id": "a",
        "title": "Informatiepunt",
        "served": ["*"],
        "_geo": {"lat": 1, "lng": 2},
        "_rankingScore": 0.87,
        "_rankingScoreDetails": {
            "words": {"matchingWords": 2, "maxMatchingWords": 2},
            "attribute": {"attributeRankingOrderScore": 1.0},
        },
    }
    candidate, doc = candidate_from_hit(hit)
    assert doc.title == "Informatiepunt"
    assert (candidate.relevance.matched, candidate.relevance.levels) == (2, 6)
    assert candidate.relevance.score == 0.87
    hit["_rankingScoreDetails"]["attribute"]["attributeRankingOrderScore"] = 0.2  # type: ignore[index]
    assert candidate_from_hit(hit)[0].relevance.levels == 2
