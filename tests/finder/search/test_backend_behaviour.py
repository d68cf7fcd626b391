"""One behaviour suite for every search backend.

It always runs on the embedded backend. It also runs on Meilisearch when FINDER_MEILI_URL
points at a live server (no Meilisearch can be installed on the CI machines).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from finder.search.indexing import reindex
from finder.search.meili import MeiliBackend
from finder.search.service import run_search
from finder.settings import Settings
from tests.finder.search.catalogue import build_city

BACKENDS = ["embedded"] + (["meilisearch"] if os.environ.get("FINDER_MEILI_URL") else [])


@pytest.fixture(params=BACKENDS)
def city(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Settings, dict[str, str]]]:
    extra: dict[str, str] = {}
    if request.param == "meilisearch":
        extra = {
            "search_backend": "meilisearch",
            "meili_url": os.environ["FINDER_MEILI_URL"],
            "meili_key": os.environ.get("FINDER_MEILI_KEY", ""),
            "meili_index": f"test_{uuid.uuid4().hex[:8]}",
        }
    settings = Settings(data_dir=tmp_path / "var", environment="test", **extra)  # type: ignore[arg-type]
    ids = build_city(settings)
    reindex(settings)
    yield settings, ids
    if request.param == "meilisearch":
        backend = MeiliBackend(settings.meili_url, settings.meili_key, settings.meili_index)
        backend.client.delete_index(settings.meili_index)


def titles(settings: Settings, q: str, postcode: str | None = None, **kw: object) -> list[str]:
    return [h.doc.title for h in run_search(settings, q, postcode, **kw).hits]  # type: ignore[arg-type]


def test_plain_word_finds_offer(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert titles(settings, "voedselbank")[0] == "Voedselbank Zwolle"


def test_one_typo_in_a_long_word_is_forgiven(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert titles(settings, "paspoord aanvragen")[0] == "Paspoort aanvragen"


def test_two_typos_need_nine_letters(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert "Voedselbank Zwolle" in titles(settings, "voetselbenk")
    assert titles(settings, "pespoord") == []


def test_the_typed_word_beats_its_synonyms(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    result = titles(settings, "paspoort")
    assert result[0] == "Paspoort aanvragen"
    assert "Identiteitskaart aanvragen" in result  # a synonym still finds it


def test_words_in_neighbouring_html_elements_stay_apart(
    city: tuple[Settings, dict[str, str]],
) -> None:
    settings, _ = city
    assert titles(settings, "uitnodigingsbrieven") == ["Cursus Digisterker"]


def test_last_word_matches_as_prefix(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert titles(settings, "voedsel")[0] == "Voedselbank Zwolle"


def test_synonyms_from_the_data_files(
    city: tuple[Settings, dict[str, str]], request: pytest.FixtureRequest
) -> None:
    settings, _ = city
    if settings.search_backend == "meilisearch":
        # Known since issue #10 was filed; answer parity is in progress (remove this with it).
        request.applymarker(
            pytest.mark.xfail(reason="#10 answer parity: Meilisearch finds nothing", strict=False)
        )
    assert titles(settings, "ik heb honger eten")[0] == "Voedselbank Zwolle"
    assert titles(settings, "food bank")[0] == "Voedselbank Zwolle"


def test_defunct_offers_never_appear(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert "Oude dienst die niet meer bestaat" not in titles(settings, "voedselbank vroeger")


def test_nearest_branch_of_the_best_offer_comes_first(
    city: tuple[Settings, dict[str, str]],
) -> None:
    settings, _ = city
    outcome = run_search(settings, "wie kan mij helpen met DigiD bij mij in de buurt", "8043")
    top = outcome.hits[0]
    assert top.doc.title == "Informatiepunt Digitale Overheid"
    assert top.doc.location_name == "Stadkamer Stadshagen"
    assert top.distance_km is not None and top.distance_km < 1.0
    assert all(h.distance_km is not None for h in outcome.hits if h.doc.latitude is not None)


def test_relevance_beats_distance(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    # Digisterker mentions DigiD only in its description; the Informatiepunt has it as a keyword.
    result = titles(settings, "digid", "8011")
    assert result.index("Informatiepunt Digitale Overheid") < result.index("Cursus Digisterker")


def test_own_wijkteam_ranks_first(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    outcome = run_search(settings, "welk wijkteam hoort bij mij", "8043")
    assert outcome.hits[0].doc.title == "Sociaal Wijkteam West"
    assert outcome.hits[0].serves_postcode is True
    others = [h for h in outcome.hits if h.doc.is_wijkteam][1:]
    assert others and all(h.serves_postcode is False for h in others)


def test_wijkteam_for_another_postcode(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert titles(settings, "wijkteam", "8016")[0] == "Sociaal Wijkteam Zuid"


def test_no_location_means_no_distance(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    outcome = run_search(settings, "digid")
    assert outcome.hits and all(h.distance_km is None for h in outcome.hits)
    assert all(h.serves_postcode is None for h in outcome.hits)


def test_filter_by_category(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert titles(settings, "digid", categories=("Digitale hulp",))
    assert titles(settings, "voedselbank", categories=("Digitale hulp",)) == []


def test_filter_by_audience(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    assert titles(settings, "parkeerabonnement", audience="ondernemer") == [
        "Parkeerabonnement woon-werkverkeer"
    ]
    assert titles(settings, "parkeerabonnement", audience="particulier") == []


def test_filter_by_postcode_served(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    served = titles(settings, "wijkteam", "8043", only_serving=True)
    assert served == ["Sociaal Wijkteam West"]


def test_one_hit_per_offer(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    result = titles(settings, "digid", "8017")
    assert result.count("Informatiepunt Digitale Overheid") == 1


def test_nothing_found_suggests_spelling(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    outcome = run_search(settings, "voedselbnkkk")
    assert outcome.hits == []
    assert outcome.spelling == "voedselbank"
    assert outcome.broader
