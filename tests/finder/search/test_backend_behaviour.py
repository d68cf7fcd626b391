"""One behaviour suite for every search backend.

It always runs on the embedded backend, and on Meilisearch when a server is available:
FINDER_MEILI_URL, or the binary named by FINDER_TEST_MEILI_BIN (started once for the session).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from finder.search.filtering import Filters
from finder.search.indexing import reindex
from finder.search.meili import MeiliBackend
from finder.search.service import run_search
from finder.settings import Settings
from tests import factories as f
from tests.finder.search.catalogue import build_city
from tests.meili import BACKENDS, on_meilisearch


@pytest.fixture(params=BACKENDS)
def city(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Settings, dict[str, str]]]:
    settings = Settings(data_dir=tmp_path / "var", environment="test")
    if request.param == "meilisearch":
        settings = on_meilisearch(settings, request.getfixturevalue("meili_server"))
    ids = build_city(settings)
    reindex(settings)
    yield settings, ids
    if request.param == "meilisearch":
        MeiliBackend(settings.meili_url, settings.meili_key, settings.meili_index).drop()


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


def test_synonyms_from_the_data_files(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
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


def test_a_description_mention_never_outranks_an_offer_about_the_need(
    city: tuple[Settings, dict[str, str]],
) -> None:
    settings, _ = city
    # "Koken voor de buurt" is next door and mentions debts once; the debt service is far away.
    result = titles(settings, "ik heb schulden", "8011")
    assert result.index("Schuldhulpverlening") < result.index("Koken voor de buurt")


def test_a_typo_never_turns_a_word_that_exists_into_another(
    city: tuple[Settings, dict[str, str]],
) -> None:
    settings, _ = city
    result = titles(settings, "ik kan niet goed lezen", "8011")
    assert result[0] == "Taalhuis: beter leren lezen"
    assert "Scootmobiel lenen" not in result


@pytest.mark.parametrize("typed", ["digid", "DigiD", "Digi-D", "digi d", "DIGI-D"])
def test_digid_however_it_is_typed(city: tuple[Settings, dict[str, str]], typed: str) -> None:
    settings, _ = city
    assert titles(settings, f"hulp bij {typed}")[0] == "Informatiepunt Digitale Overheid"


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("kinderopvangtoeslag", "Toeslag voor de kinderopvang"),
        ("keuring voor mijn rijbewijs", "Rijbewijskeuring"),
        ("keuring rijbewijs", "Rijbewijskeuring"),
    ],
)
def test_dutch_compounds_meet_their_parts(
    city: tuple[Settings, dict[str, str]], question: str, title: str
) -> None:
    settings, _ = city
    assert titles(settings, question)[0] == title


@pytest.mark.parametrize("question", ["у мене борги", "عندي ديون", "borçlarım var", "mam długi"])
def test_questions_in_other_languages_reach_the_dutch_offer(
    city: tuple[Settings, dict[str, str]], question: str
) -> None:
    settings, _ = city
    assert titles(settings, question)[0] == "Schuldhulpverlening"


def test_filters_on_kind_language_and_audience(city: tuple[Settings, dict[str, str]]) -> None:
    settings, _ = city
    digital = "digid cursus paspoort wijkteam"
    everything = set(titles(settings, digital))
    assert {"Informatiepunt Digitale Overheid", "Paspoort aanvragen"} <= everything
    municipal = titles(settings, digital, filters=Filters(kind="gemeente"))
    assert "Paspoort aanvragen" in municipal and "Informatiepunt Digitale Overheid" not in municipal
    assert titles(settings, digital, filters=Filters(kind="plek")) == [
        "Informatiepunt Digitale Overheid"
    ]
    assert titles(settings, digital, filters=Filters(language="ar")) == [
        "Informatiepunt Digitale Overheid"
    ]
    teams = titles(settings, "wijkteam", filters=Filters(kind="wijkteam"))
    assert len(teams) == 3
    assert titles(settings, "wijkteam", "8043", filters=Filters(kind="wijkteam")) == [
        "Sociaal Wijkteam West"
    ]
    assert titles(settings, "parkeren", filters=Filters(audience="particulier")) == []


def test_filter_counts_are_per_offer_on_both_backends(
    city: tuple[Settings, dict[str, str]],
) -> None:
    settings, _ = city
    outcome = run_search(settings, "digid", with_counts=True, filters=Filters(kind="gemeente"))
    assert outcome.counts is not None
    kinds = {o.value: (o.count, o.selected) for o in outcome.counts.kind}
    # The Informatiepunt has three places but counts once.
    assert kinds["plek"] == (1, False) and kinds["organisatie"][0] >= 1
    assert outcome.counts.language == (), "no municipal offer names its languages"
    everything = run_search(settings, "digid", with_counts=True).counts
    assert everything is not None
    assert {o.value: o.count for o in everything.language} == {"ar": 1, "nl": 1}


@pytest.fixture(params=BACKENDS)
def summer(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A food bank, and a summer camp whose summary mentions food and weeks."""
    settings = Settings(data_dir=tmp_path / "var", environment="test")
    if request.param == "meilisearch":
        settings = on_meilisearch(settings, request.getfixturevalue("meili_server"))
    with f.catalogue_session(settings) as db:
        f.offer(db, "Voedselbank Zwolle", f.organization(db, "Voedselbank"))
        f.offer(
            db,
            "Zomerkamp voor kinderen",
            f.organization(db, "Speeltuinvereniging"),
            summary="Eten, drinken en spelletjes, drie weken lang in de zomer.",
        )
        db.commit()
    reindex(settings)
    yield settings
    if request.param == "meilisearch":
        MeiliBackend(settings.meili_url, settings.meili_key, settings.meili_index).drop()


def test_one_word_it_is_about_beats_several_it_mentions(summer: Settings) -> None:
    # "eten" points at the food need the food bank is about; the camp's summary mentions both
    # "eten" and "weken", which must not add up to more than being about the need.
    assert titles(summer, "eten voor een paar weken")[0] == "Voedselbank Zwolle"
