"""The Meilisearch backend's settings, documents and queries, as plain data (no server)."""

from __future__ import annotations

from typing import Any

from finder.query import understand
from finder.query.terms import TermGroup
from finder.search.analysis import analyse
from finder.search.documents import SearchDocument
from finder.search.meili import level_of, merge
from finder.search.meili_settings import (
    SEARCHABLE,
    build_filters,
    group_queries,
    index_settings,
    search_params,
    to_meili_document,
)
from finder.search.protocol import SearchRequest


def request(**kw: object) -> SearchRequest:
    return SearchRequest(groups=(TermGroup("digid", prefix=True),), **kw)  # type: ignore[arg-type]


def test_searchable_attributes_are_the_analysed_fields_title_first() -> None:
    settings = index_settings()
    assert settings["searchableAttributes"][:3] == ["s_title", "s_keywords", "needs"]
    assert settings["searchableAttributes"][-1] == "s_description"


def test_filterable_sortable_and_distinct() -> None:
    settings = index_settings()
    assert {"categories", "audience", "served", "_geo"} <= set(settings["filterableAttributes"])
    assert settings["sortableAttributes"] == ["_geo"]
    assert settings["distinctAttribute"] == "offer_id"


def test_distance_sorts_only_after_relevance() -> None:
    rules = index_settings()["rankingRules"]
    assert rules.index("words") < rules.index("attribute") < rules.index("sort")


def test_synonyms_come_from_the_needs_vocabulary() -> None:
    settings = index_settings()
    # A need id stands for the catalogue's own (analysed) words, and nothing else.
    assert " ".join(analyse("mijnoverheid")) in settings["synonyms"]["digid"]
    assert " ".join(analyse("voedselbank")) in settings["synonyms"]["eten"]
    assert not any("belast" in word for word in settings["synonyms"]["geboorte"])
    assert "de" in settings["stopWords"] and "the" in settings["stopWords"]
    assert "gdzie" not in settings["stopWords"]


def test_typo_tolerance_matches_the_embedded_engine_and_spares_need_ids() -> None:
    typo = index_settings()["typoTolerance"]
    assert typo["minWordSizeForTypos"] == {"oneTypo": 5, "twoTypos": 9}
    assert "geldzorgen" in typo["disableOnWords"]


def test_geo_sort_string() -> None:
    params = search_params(request(point=(52.4975, 6.0934)), "digid")
    assert params["sort"] == ["_geoPoint(52.497500, 6.093400):asc"]
    assert "sort" not in search_params(request(), "digid")


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


def test_queries_are_built_from_the_understood_question() -> None:
    (debts,) = understand("у мене борги").groups
    assert group_queries(debts) == ['"борги"', "geldzorgen"]
    (compound,) = understand("rijbewijskeuring").groups
    assert group_queries(compound)[-1] == "rijbewijs keuring"
    (plain,) = understand("tuinhek").groups
    assert group_queries(plain)[0] == "tuinhek"  # an unknown word may have typos


def test_documents_carry_analysed_text_tags_geo_and_served() -> None:
    doc = SearchDocument(
        id="a__b", offer_id="a", title="Voedselbank Zwolle", latitude=52.5, longitude=6.1
    )
    body = to_meili_document(doc, "gen-1")
    assert body["_geo"] == {"lat": 52.5, "lng": 6.1}
    assert body["served"] == ["*"]
    assert body["needs"] == ["eten"]
    assert set(body["s_title"].split()) >= {"voedselbank", "voedsel", "bank"}
    assert body["generation"] == "gen-1"
    assert "_geo" not in to_meili_document(SearchDocument(id="c", offer_id="c", title="T"))


def _hit(doc_id: str, attribute: int, typos: int = 0, score: float = 0.9) -> dict[str, Any]:
    order = 1 - attribute / len(SEARCHABLE)
    return {
        "id": doc_id,
        "offer_id": doc_id,
        "title": doc_id,
        "_rankingScore": score,
        "_rankingScoreDetails": {
            "typo": {"typoCount": typos},
            "attribute": {"attributeRankingOrderScore": order},
        },
    }


def test_the_best_attribute_gives_the_shared_level() -> None:
    assert [level_of(_hit("x", n)["_rankingScoreDetails"]) for n in range(6)] == [3, 3, 3, 2, 2, 1]


def test_hits_of_all_queries_fold_into_one_entry_per_document() -> None:
    # Group 0 has two queries (its word and its need), group 1 one.
    merged = merge([[_hit("a", 5)], [_hit("a", 2), _hit("b", 3)], [_hit("a", 0)]], [0, 0, 1])
    assert merged["a"].levels == {0: 3, 1: 3}
    assert merged["b"].levels == {0: 2}


def test_a_typo_match_does_not_count_when_the_word_exists_as_typed() -> None:
    merged = merge([[_hit("lezen", 0), _hit("lenen", 0, typos=1)]], [0])
    assert set(merged) == {"lezen"}
    merged = merge([[_hit("paspoort", 0, typos=1)]], [0])
    assert set(merged) == {"paspoort"}
