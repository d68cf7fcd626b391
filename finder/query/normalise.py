"""Language-aware matching keys for words in the six interface languages.

Residents type with or without diacritics, in inflected forms, with Arabic letter variants and
Turkish dotted and dotless i. A word gets two keys per language: its folded form (lower case,
no diacritics) and the folded form of its stem or lemma. Two words match when a key is shared.

- Dutch, English, Turkish, Polish and Arabic stems come from the Snowball stemmers in PyStemmer
  (for Dutch the Porter variant, which the search index uses too: finder/search/analysis.py).
- Ukrainian lemmas come from pymorphy3 with its Ukrainian dictionary.
- Arabic is folded with pyarabic: diacritics and tatweel removed, alef and hamza forms unified,
  taa marbuta and alef maqsura written as haa and yaa. The definite article is taken off before
  stemming (see _ARABIC_ARTICLES), so "الجيران" and "جيران" share their keys.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

import Stemmer
from pyarabic import normalize as arabic

Lang = Literal["nl", "en", "tr", "pl", "ar", "uk"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en", "tr", "pl", "ar", "uk")
LATIN: tuple[Lang, ...] = ("nl", "en", "tr", "pl")
_SNOWBALL = {"nl": "dutch_porter", "en": "english", "tr": "turkish", "pl": "polish", "ar": "arabic"}
# Letters without a Unicode decomposition that residents type without their mark.
_LATIN_BASE = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"})
_JOINERS = str.maketrans("", "", "-'’ʼ`")
# Ukrainian writes an apostrophe inside words ("сім'я", "комп'ютер"); the dictionary knows them
# only with the plain one, so every apostrophe is made plain before the lemma is looked up.
_APOSTROPHES = str.maketrans("’ʼ`", "'''")
# The definite article, alone or after a one-letter conjunction or preposition ("والديون",
# "للأطفال"). Snowball's Arabic stemmer strips it only now and then ("الديون" becomes "الد",
# "ديون" stays whole), so words are stemmed without it, as Arabic light stemmers do (Larkey,
# Ballesteros and Connell's light10). It must leave at least two letters: "ألم" stays whole.
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SCRIPT_LANGUAGES: dict[str, tuple[Lang, ...]] = {"arabic": ("ar",), "cyrillic": ("uk",)}
# A stem or lemma shorter than this says too little to match on: Snowball's Turkish stemmer
# cuts "uyum" (integration) to "u" and "aşı" (vaccine) to "as", which English "as" would meet.
MIN_STEM_KEY = 3

# Words remembered per cache and process. Residents use a few thousand words; a question with
# a word nobody used before adds one, so the bound is also how far such questions can grow a
# worker's memory (a few MB per cache), reached within minutes under load and then flat.
WORD_CACHE_SIZE = 16_384


def script(word: str) -> Literal["latin", "arabic", "cyrillic", "other"]:
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                return "latin"
            if name.startswith("ARABIC"):
                return "arabic"
            if name.startswith("CYRILLIC"):
                return "cyrillic"
            return "other"
    return "latin"


def languages_for(word: str) -> tuple[Lang, ...]:
    """The languages whose vocabulary a word in its scripts may belong to.

    A word may mix scripts, as "ID-картка" does: it may then belong to either.
    """
    kinds = dict.fromkeys(script(ch) for ch in word if ch.isalpha()) or {"latin": None}
    found = (lang for kind in kinds for lang in _SCRIPT_LANGUAGES.get(kind, LATIN))
    return tuple(dict.fromkeys(found))


def fold(word: str) -> str:
    """Lower case without diacritics, hyphens or apostrophes: "Zasiłek" → "zasilek"."""
    lowered = word.lower().translate(_LATIN_BASE).translate(_JOINERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    # No cache of its own (PyStemmer keeps 10,000 words by default): `keys` caches the result.
    return Stemmer.Stemmer(_SNOWBALL[lang], 0)


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _turkish_lower(word: str) -> str:
    # Turkish pairs I with dotless ı and İ with i; str.lower() would give i and i + dot.
    return word.replace("I", "ı").replace("İ", "i").lower()


def _arabic_fold(word: str) -> str:
    return str(arabic.normalize_searchtext(word))


def _arabic_bare(folded: str) -> str:
    for article in _ARABIC_ARTICLES:
        if folded.startswith(article) and len(folded) - len(article) >= 2:
            return folded[len(article) :]
    return folded


@lru_cache(maxsize=WORD_CACHE_SIZE)
def keys(word: str, lang: Lang) -> tuple[str, ...]:
    """The matching keys of one word in one language: folded form first, then stem or lemma."""
    found: tuple[str, ...]
    if lang == "ar":
        folded = _arabic_fold(word)
        bare = _arabic_bare(folded)
        found = (folded, _arabic_fold(_stemmer("ar").stemWord(bare)), bare)
    elif lang == "uk":
        lowered = word.lower().translate(_APOSTROPHES)
        lemma = _morph().parse(lowered)[0].normal_form  # type: ignore[attr-defined]
        found = (lowered.translate(_JOINERS), str(lemma).translate(_JOINERS))
    else:
        lowered = (_turkish_lower(word) if lang == "tr" else word.lower()).translate(_JOINERS)
        stemmer = _stemmer(lang)
        found = (
            fold(lowered),
            fold(stemmer.stemWord(lowered)),
            stemmer.stemWord(fold(lowered)),
        )
    derived = (key for key in found[1:] if len(key) >= MIN_STEM_KEY)
    return tuple(dict.fromkeys(key for key in (found[0], *derived) if key))


def stem_key(word: str, lang: Lang) -> str:
    """The one key that phrases are matched on: the folded stem or lemma."""
    found = keys(word, lang)
    return found[1] if len(found) > 1 else found[0] if found else ""
