"""The demo questions and the awkward inputs, through understand()."""

from __future__ import annotations

import tomllib

from finder.query import Understood, load_lexicon, load_vocabulary, understand
from finder.query.lexicon import DATA_DIR
from finder.query.normalise import fold, script
from finder.query.vocabulary import NeedMatch


def words(understood: Understood) -> list[str]:
    return [group.word for group in understood.groups]


def alternatives(understood: Understood, word: str) -> set[str]:
    return next(set(g.alternatives) for g in understood.groups if g.word == word)


def test_digid_near_me_with_postcode_field() -> None:
    u = understand("wie kan mij helpen met DigiD bij mij in de buurt", "8017")
    assert words(u) == ["digid"]
    assert {"inloggen overheid", "mijnoverheid"} <= alternatives(u, "digid")
    assert u.near is True
    assert u.postcode == "8017"
    assert u.postcode_error is False
    assert u.display_words == ("DigiD",)
    assert u.summary() == "DigiD · in de buurt van 8017"
    assert u.location_label == "8017"


def test_filler_phrase_is_removed_and_synonyms_added() -> None:
    u = understand("ik heb geldzorgen")
    assert words(u) == ["geldzorgen"]
    assert {"schulden", "schuldhulp"} <= alternatives(u, "geldzorgen")


def test_spelling_is_left_to_the_search_engine() -> None:
    # "aanvragen" is a vague word now (in half the municipal titles): it is dropped.
    assert words(understand("paspoord aanvragen")) == ["paspoord"]
    assert words(understand("paspoord huren")) == ["paspoord", "huren"]


def test_weak_help_word_is_dropped_when_something_specific_remains() -> None:
    assert words(understand("hulp bij belastingaangifte")) == ["belastingaangifte"]
    assert words(understand("help with DigiD")) == ["digid"]


def test_weak_word_alone_is_kept() -> None:
    assert words(understand("hulp")) == ["hulp"]


def test_synonym_phrase_becomes_one_group() -> None:
    u = understand("waar kan ik Nederlands leren")
    assert words(u) == ["nederlands leren"]
    assert {"taalpunt", "taal"} <= alternatives(u, "nederlands leren")
    assert u.display_words == ("Nederlands leren",)


def test_food_words_are_each_others_synonyms() -> None:
    assert "eten" in alternatives(understand("voedselbank"), "voedselbank")
    assert "voedselbank" in alternatives(understand("eten"), "eten")


def test_wijkteam_question_keeps_the_postcode_field() -> None:
    u = understand("welk wijkteam hoort bij mij", "8043")
    assert words(u) == ["wijkteam"]
    assert u.postcode == "8043"


def test_english_location_phrase_and_phrase_synonym() -> None:
    u = understand("near me food bank")
    assert u.near is True
    assert words(u) == ["food bank"]
    assert "voedselbank" in alternatives(u, "food bank")


def test_only_the_last_group_is_a_prefix() -> None:
    u = understand("paspoort verlengen")
    assert [g.prefix for g in u.groups] == [False, True]


def test_question_marks_and_commas_are_ignored() -> None:
    u = understand("Wie kan mij helpen met DigiD?, paspoort!")
    assert words(u) == ["digid", "paspoort"]


def test_empty_and_blank_queries() -> None:
    for query in ("", "   "):
        u = understand(query)
        assert u.text == ""
        assert u.groups == ()
        assert u.summary() == ""


def test_long_query_is_truncated() -> None:
    u = understand("schulden " * 250)
    assert u.truncated is True
    assert len(u.original) <= 200
    assert words(u) == ["schulden"]


def test_control_and_direction_characters_are_stripped() -> None:
    u = understand("\x00\x07DigiD\u202e")
    assert words(u) == ["digid"]
    assert u.original == "DigiD"


def test_emoji_and_arabic_do_not_break_anything() -> None:
    assert understand("😀😀").groups == ()
    u = understand("مساعدة في DigiD")
    assert "digid" in words(u)
    assert u.groups[-1].prefix is True


def test_malformed_postcode_field_is_reported_and_text_postcode_still_used() -> None:
    assert understand("digid", "80171").postcode is None
    assert understand("digid", "80171").postcode_error is True
    u = understand("digid 8017 ab", "abcd")
    assert u.postcode == "8017AB"
    assert u.postcode_error is True


def test_postcode_field_wins_over_text() -> None:
    u = understand("schulden in de buurt van 8011", "8017 AB")
    assert u.postcode == "8017AB"
    assert u.near is True
    assert words(u) == ["schulden"]


def test_postcode_in_text() -> None:
    u = understand("DigiD in de buurt van 8017")
    assert (u.near, u.postcode, words(u)) == (True, "8017", ["digid"])
    assert understand("taalpunt 8017AB").postcode == "8017AB"
    # A short stop word after four digits is not the letter part of a PC6.
    assert understand("digid 8017 in de buurt").postcode == "8017"


def test_half_a_pc6_in_text_is_an_error() -> None:
    u = understand("digid 8017 A")
    assert u.postcode is None
    assert u.postcode_error is True
    assert words(u) == ["digid"]


def test_wijk_gives_location_and_postcode() -> None:
    u = understand("wijkteam in Stadshagen")
    assert words(u) == ["wijkteam"]
    assert u.wijk == "Stadshagen"
    assert u.near is True
    assert u.postcode == "8043"
    assert u.location_label == "Stadshagen"
    assert u.summary() == "wijkteam · in Stadshagen"


def test_wijk_spellings() -> None:
    assert understand("taal aalanden").wijk == "Aa-landen"
    assert understand("taal Aa-landen").wijk == "Aa-landen"
    assert understand("schulden zwolle zuid").wijk == "Zwolle-Zuid"


def test_wijk_does_not_override_postcode_field() -> None:
    u = understand("taal in Stadshagen", "8017")
    assert u.postcode == "8017"
    assert u.location_label == "8017"


def test_city_name_narrows_nothing() -> None:
    assert words(understand("voedselbank Zwolle")) == ["voedselbank"]


def _typed_without_diacritics(text: str) -> str:
    return fold(text)


def test_stop_words_and_filler_typed_without_diacritics_are_still_stop_words() -> None:
    stop = tomllib.loads((DATA_DIR / "stopwords.toml").read_text(encoding="utf-8"))
    languages = [entry for entry in stop.values() if isinstance(entry, dict)]
    accented_words = [
        w for lang in languages for w in lang["stopwords"] if fold(w) != w.lower() and " " not in w
    ]
    accented_phrases = [p for lang in languages for p in lang["filler_phrases"] if fold(p) != p]
    assert accented_words and accented_phrases  # the check below must check something
    for text in [*accented_words, *accented_phrases]:
        plain = _typed_without_diacritics(text)
        assert words(understand(f"{plain} DigiD")) == ["digid"], plain


NO_PHRASE = NeedMatch(length=0, needs=())


def test_two_stop_words_are_never_glued_into_a_word() -> None:
    lexicon = load_lexicon()
    vocabulary = load_vocabulary()
    # Only words of one script can be glued into a word of the vocabulary.
    by_script: dict[str, list[str]] = {}
    for word in sorted(w for w in lexicon.stopwords if w.isalpha()):
        by_script.setdefault(script(word), []).append(word)
    glued = [
        (a, b)
        for words in by_script.values()
        for a in words
        for b in words
        if vocabulary.needs_of(a + b)
        # A phrase of the vocabulary ("mijn overheid", stemmed) is read as one on purpose.
        and (vocabulary.match([a, b], 0) or NO_PHRASE).length < 2
    ]
    assert glued  # "in de" would be "inde": the check below must check something
    for a, b in glued:
        assert understand(f"{a} {b} voedselbank").needs == ("eten",), (a, b)


def test_a_weak_word_alone_points_at_no_need_however_it_is_reached() -> None:
    for weak in sorted(load_lexicon().weak_words):
        assert understand(weak).needs == (), weak


def test_a_hyphenated_word_unknown_as_a_whole_is_about_what_its_pieces_are_about() -> None:
    vocabulary = load_vocabulary()
    assert not vocabulary.needs_of("voedselbankdinsdag")
    assert understand("voedselbank-dinsdag").needs == vocabulary.needs_of("voedselbank")


def test_vowel_marks_and_stretching_do_not_break_words_apart() -> None:
    # Arabic written with its optional vowel marks (harakat, shadda) or stretched with tatweel is
    # the same question as without; a decomposed Latin accent still belongs to its letter.
    marked = understand("لَمّ الشَّمْل")
    assert marked.original == "لم الشمل"
    assert [g.word for g in marked.groups] == [g.word for g in understand("لم الشمل").groups]
    assert understand("اَلدُّيُونْ").groups == understand("الديون").groups
    assert understand("ديـــون").groups == understand("ديون").groups
    assert [g.word for g in understand("Zasiłek cafe\u0301").groups] == ["zasiłek", "café"]
