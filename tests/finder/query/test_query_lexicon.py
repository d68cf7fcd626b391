"""The lexicon as Meilisearch and the web app use it."""

from __future__ import annotations

from finder.query import load_lexicon, meili_synonyms


def test_at_least_25_synonym_groups_in_lowercase() -> None:
    groups = load_lexicon().synonym_groups
    assert len(groups) >= 25
    assert all(member == member.lower() for group in groups for member in group)


def test_meili_synonyms_are_symmetric_and_exclude_the_word_itself() -> None:
    synonyms = meili_synonyms()
    assert "voedselbank" in synonyms["food bank"]
    assert "food bank" in synonyms["voedselbank"]
    assert all(word not in others for word, others in synonyms.items())
    for word, others in synonyms.items():
        assert all(word in synonyms[other] for other in others)


def test_stopwords_are_single_words() -> None:
    stopwords = load_lexicon().stopwords
    assert {"de", "het", "the", "with"} <= stopwords
    assert all(" " not in word for word in stopwords)
    assert "digid" not in stopwords


def test_wijk_for_postcode() -> None:
    lexicon = load_lexicon()
    assert lexicon.wijk_for_postcode("8043") == "Stadshagen"
    assert lexicon.wijk_for_postcode("8042AB") == "Westenholte"
    assert lexicon.wijk_for_postcode("9999") is None
    assert lexicon.wijken["Stadshagen"][0] == "8043"


def test_every_demo_wijkteam_postcode_has_one_team() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.wijkteams) == 5
    assert lexicon.wijkteam_for_postcode("8017") == "Sociaal Wijkteam Centrum"
    assert lexicon.wijkteam_for_postcode("8043") == "Sociaal Wijkteam West"
    codes = [pc4 for codes in lexicon.wijkteams.values() for pc4 in codes]
    assert len(codes) == len(set(codes))
    # Each wijk lies inside a single team area, so "your wijkteam" is unambiguous.
    for pc4s in lexicon.wijken.values():
        assert len({lexicon.wijkteam_for_postcode(pc4) for pc4 in pc4s}) == 1
