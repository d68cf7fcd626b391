"""Stop words, location phrases and wijken, as query understanding and the index use them."""

from __future__ import annotations

from finder.query import load_lexicon


def test_question_words_of_every_language_are_stop_words() -> None:
    stopwords = load_lexicon().stopwords
    assert {"waar", "where", "أين", "nerede", "gdzie", "де"} <= stopwords
    assert {"مساعدة", "yardım", "pomoc", "допомога"} <= load_lexicon().weak_words


def test_only_the_catalogue_languages_stop_words_leave_the_index() -> None:
    lexicon = load_lexicon()
    assert {"de", "het", "the"} <= lexicon.index_stopwords
    assert "gdzie" not in lexicon.index_stopwords
    assert lexicon.index_stopwords < lexicon.stopwords


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
