"""The needs vocabulary: its data, any-language matching and the tags it gives offers."""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from pathlib import Path

import pytest
import wordfreq

from finder.query import load_vocabulary, understand
from finder.query.compounds import parts, split
from finder.query.lexicon import load_lexicon
from finder.query.normalise import keys, languages_for, stem_key
from finder.query.tagging import tag_needs

LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk")
ROOT = Path(__file__).resolve().parents[3]
UPL = ROOT / "indexer" / "data" / "UPL-actueel.csv"
NEEDS = ROOT / "finder" / "data" / "needs.toml"
ICONS = ROOT / "templates" / "components" / "need-icon.html"
SCRIPTS = {"ar": "ARABIC", "uk": "CYRILLIC"}


def needs(question: str) -> set[str]:
    return set(understand(question).needs)


def resident_words() -> list[tuple[str, str, str]]:
    """(need, language, word) for every word residents use, as needs.toml lists them."""
    with NEEDS.open("rb") as handle:
        data = tomllib.load(handle)
    return [
        (need["id"], lang, word)
        for need in data["need"]
        for lang, words in need.get("words", {}).items()
        for word in words
    ]


def test_forty_to_sixty_five_needs_each_in_six_languages() -> None:
    # Enough to cover what residents ask a municipality, few enough for each to stay specific.
    vocabulary = load_vocabulary()
    assert 40 <= len(vocabulary.needs) <= 65
    for need in vocabulary.needs.values():
        assert set(need.label) == set(LANGUAGES) and all(need.label.values())
        assert set(need.description) == set(LANGUAGES) and all(need.description.values())
        assert need.catalogue and need.icon
    assert 8 <= len(vocabulary.tiles) <= 12


def test_every_municipal_product_for_residents_belongs_to_a_need() -> None:
    with UPL.open(encoding="utf-8") as handle:
        products = {
            row["UniformeProductnaam"]
            for row in csv.DictReader(handle)
            if row["Gemeente"] == "X" and row["Burger"] == "X"
        }
    untagged = sorted(p for p in products if not tag_needs(p, keywords=[p]))
    assert untagged == []


def test_every_need_has_an_icon_the_pages_can_draw() -> None:
    drawn = set(re.findall(r'"([a-z]+)":', ICONS.read_text(encoding="utf-8")))
    missing = {n.id: n.icon for n in load_vocabulary().needs.values() if n.icon not in drawn}
    assert missing == {}


def test_every_word_typed_alone_is_understood_as_its_need() -> None:
    # A word swallowed by filler, a stop word or a longer phrase of another need never counts.
    vocabulary = load_vocabulary()
    entries = [(n.id, "catalogue", w) for n in vocabulary.needs.values() for w in n.catalogue]
    lost = [e for e in resident_words() + entries if e[0] not in understand(e[2]).needs]
    assert lost == []


def test_words_are_written_in_their_languages_script() -> None:
    # An Arabic word in the Polish list would never be looked up in Polish, and the reverse.
    def scripts(word: str) -> set[str]:
        return {unicodedata.name(ch).split()[0] for ch in word if ch.isalpha()}

    wrong = [
        (need, lang, word)
        for need, lang, word in resident_words()
        if (SCRIPTS[lang] not in scripts(word) if lang in SCRIPTS else scripts(word) - {"LATIN"})
    ]
    assert wrong == []


# Common words that do point at a need through another language's word, and may: the same word
# with the same meaning (English words in Dutch text, "park", "gas", "status"), or a false friend
# too rare in a question to give up the word it collides with: Polish "dom" is a house, Dutch
# "dom" stupid; Turkish "kat" is a floor, Dutch "kat" a cat; English "art" meets Dutch "arts"
# (doctor), "stage" an internship, "ban" a job ("baan"), "vet" Dutch fat.
SHARED = {
    "nl": {"park", "baby", "bus", "mail", "home", "house", "bill", "business", "apart", "aparte"}
    | {"dom", "vet"},
    "en": {"game", "post", "posts", "baby", "gas", "status", "app", "digital", "mental", "firm"}
    | {"mail", "conflict", "crisis", "blow", "pc", "brief"}
    | {"art", "arts", "stage", "ban", "aside"},
    "pl": {"post", "art", "park", "status"},
    "tr": {"park", "dans", "gaz", "gazi", "kat"},
}


@pytest.mark.parametrize("lang", ["nl", "en", "pl", "tr"])
def test_common_words_do_not_point_at_a_need_through_another_language(lang: str) -> None:
    # Turkish "para" (money) is Polish for a couple, English "bin" is Turkish for a thousand:
    # every Latin-script question is read in all four Latin languages, so a resident word of one
    # must not be an everyday word of another with a different meaning.
    vocabulary, stopwords = load_vocabulary(), load_lexicon().stopwords
    others = [other for other in ("nl", "en", "pl", "tr") if other != lang]
    collisions = {}
    for word in wordfreq.top_n_list(lang, 3000):
        if not word.isalpha() or word in stopwords or word in SHARED[lang]:
            continue
        own = set(vocabulary.needs_of(word, [lang]))
        foreign = set(vocabulary.needs_of(word, others)) - own
        if foreign:
            collisions[word] = sorted(foreign)
    assert collisions == {}


def test_words_point_at_needs_not_at_each_other() -> None:
    # "aangifte" belongs to births, deaths and taxes alike, so it points at no need.
    assert needs("aangifte") == set()
    assert "geboorte" not in needs("belasting")
    assert "belastingaangifte" not in needs("geboorteaangifte")
    assert needs("geboorteaangifte") == {"geboorte"}


@pytest.mark.parametrize(
    ("question", "need"),
    [
        ("ik heb schulden", "geldzorgen"),
        ("at least my debts", "geldzorgen"),
        ("عندي ديون", "geldzorgen"),
        ("borçlarım var", "geldzorgen"),
        ("mam długi", "geldzorgen"),
        ("mam dlugi", "geldzorgen"),
        ("у мене борги", "geldzorgen"),
        ("боргів", "geldzorgen"),
        ("بنك الطعام", "eten"),
        ("gıda bankası", "eten"),
        ("GIDA BANKASI", "eten"),
        ("bank żywności", "eten"),
        ("продовольчий банк", "eten"),
        ("nauka języka niderlandzkiego", "taal"),
        ("تعلم اللغة الهولندية", "taal"),
        ("вивчити нідерландську мову", "taal"),
        ("جواز السفر", "paspoort"),
        ("pasaportumu", "paspoort"),
        ("paszportu", "paspoort"),
        ("dowodu osobistego", "identiteitskaart"),
        ("إعانة الإيجار", "toeslagen"),
        ("kira yardımı", "toeslagen"),
        ("dodatek mieszkaniowy", "toeslagen"),
        ("виселення з квартири", "wonen"),
    ],
)
def test_a_question_in_any_language_finds_its_need(question: str, need: str) -> None:
    assert need in needs(question)


def test_the_interface_language_does_not_matter() -> None:
    # A Polish word on the Dutch page, or a Dutch word on the Arabic page: the same need.
    assert needs("paszport") == needs("paspoort") == {"paspoort"}


def test_arabic_letter_forms_and_marks_are_folded() -> None:
    plain = keys("مساعدة", "ar")
    assert keys("مُسَاعَدَة", "ar") == plain  # diacritics
    assert keys("مـسـاعـدة", "ar") == plain  # tatweel
    assert keys("أين", "ar")[0] == keys("اين", "ar")[0] == keys("إين", "ar")[0]  # alef forms
    assert keys("مساعدة", "ar")[0] == keys("مساعده", "ar")[0]  # taa marbuta


def test_arabic_words_with_and_without_the_article_share_a_key() -> None:
    for with_article, without in [("الجيران", "جيران"), ("للأطفال", "أطفال"), ("والديون", "ديون")]:
        assert set(keys(with_article, "ar")) & set(keys(without, "ar")), with_article
    assert stem_key("الديون", "ar") == stem_key("ديون", "ar")
    # Phrases too: "بنك طعام" is "بنك الطعام".
    assert needs("بنك طعام") == needs("بنك الطعام") == {"eten"}
    # Two letters must remain: "ألم" (pain) is no article and "م".
    assert keys("ألم", "ar") == ("الم",)


def test_a_word_mixing_scripts_is_looked_up_in_both() -> None:
    assert languages_for("ID-картка") == ("nl", "en", "tr", "pl", "uk")
    assert needs("ID-картку") == {"identiteitskaart"}


def test_turkish_dotted_and_dotless_i() -> None:
    assert keys("IŞIK", "tr")[0] == keys("ışık", "tr")[0] == "isik"
    assert needs("İŞSİZ") == needs("işsiz")


def test_stems_too_short_to_mean_anything_are_no_keys() -> None:
    # Snowball's Turkish stemmer cuts "aşı" (vaccine) to "as" and "uyum" (integration) to "u".
    assert all(len(key) >= 3 for key in keys("aşı", "tr")[1:] + keys("uyum", "tr")[1:])
    vocabulary = load_vocabulary()
    assert vocabulary.needs_of("as") == vocabulary.needs_of("u") == ()


def test_ukrainian_and_polish_inflections_share_a_lemma_or_stem() -> None:
    assert keys("боргів", "uk")[1] == keys("борги", "uk")[1] == "борг"
    assert keys("długów", "pl")[1] == keys("długi", "pl")[1]


def test_ukrainian_words_with_an_apostrophe_get_their_lemma() -> None:
    # "сім'ї" (of the family) is "сім'я", however the apostrophe is typed.
    for typed in ("сім'ї", "сім’ї", "сімʼї"):
        assert keys(typed, "uk") == ("сімї", "сімя"), typed
    assert keys("б'є", "uk")[1] == "бити"


def test_digid_however_it_is_typed() -> None:
    for typed in ("digid", "DigiD", "Digi-D", "digi-d", "digi d", "DIGI D"):
        groups = understand(f"hulp met {typed}").groups
        assert [g.word for g in groups] == ["digid"], typed
        assert groups[0].needs == ("digid",)


def test_two_typed_pieces_are_joined_only_into_a_known_word() -> None:
    assert [g.word for g in understand("wijk team").groups] == ["wijkteam"]
    assert [g.word for g in understand("geen geld").groups] == ["geen geld"]
    assert [g.word for g in understand("tuin hek").groups] == ["tuin", "hek"]


def test_dutch_compounds_split_into_known_words() -> None:
    assert split("kinderopvangtoeslag") == ("kinderopvang", "toeslag")
    assert split("rijbewijskeuring") == ("rijbewijs", "keuring")
    assert split("belastingaangifte") == ("belasting", "aangifte")
    assert split("paspoort") == ()  # "pas" + "poort" are too short and too common
    assert split("bijstand") == ()
    assert parts("belastingaangifteformulier") == (
        "belastingaangifte",
        "formulier",
        "belasting",
        "aangifte",
    )


def test_offers_are_tagged_by_what_they_are_about() -> None:
    assert tag_needs("Voedselbank: gratis voedselpakket") == ["eten"]
    assert tag_needs(
        "Paspoort aanvragen", upl=["http://standaarden.overheid.nl/owms/terms/paspoort"]
    ) == ["paspoort"]
    # A summary that mentions DigiD once is not about DigiD; one about debts twice over is.
    assert tag_needs("Verhuizing doorgeven", "Dat kan online met DigiD.") == ["verhuizing"]
    assert "geldzorgen" in tag_needs("Geldloket", "Heeft u schulden? Wij bieden schuldhulp.")
    assert tag_needs("Cursus", "Nog geen DigiD?") == []
