"""Language-aware matching keys for words in the six interface languages.

Residents type with or without diacritics, in inflected forms, with Arabic letter variants and
Turkish dotted and dotless i. A word gets two keys per language: its folded form (lower case,
no diacritics) and the folded form of its stem or lemma. Two words match when a key is shared.

- Dutch, English, Turkish, Polish and Arabic stems come from the Snowball stemmers in PyStemmer
  (for Dutch the Porter variant, which the search index uses too: finder/search/analysis.py).
- Ukrainian lemmas come from pymorphy3 with its Ukrainian dictionary.
- Arabic is folded with pyarabic: diacritics and tatweel removed, alef and hamza forms unified,
  taa marbuta and alef maqsura written as haa and yaa.
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
    """The languages whose vocabulary a word in this script may belong to."""
    kind = script(word)
    if kind == "arabic":
        return ("ar",)
    if kind == "cyrillic":
        return ("uk",)
    return LATIN


def fold(word: str) -> str:
    """Lower case without diacritics, hyphens or apostrophes: "Zasiłek" → "zasilek"."""
    lowered = word.lower().translate(_LATIN_BASE).translate(_JOINERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_SNOWBALL[lang])


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _turkish_lower(word: str) -> str:
    # Turkish pairs I with dotless ı and İ with i; str.lower() would give i and i + dot.
    return word.replace("I", "ı").replace("İ", "i").lower()


def _arabic_fold(word: str) -> str:
    return str(arabic.normalize_searchtext(word))


@lru_cache(maxsize=65_536)
def keys(word: str, lang: Lang) -> tuple[str, ...]:
    """The matching keys of one word in one language: folded form first, then stem or lemma."""
    found: tuple[str, ...]
    if lang == "ar":
        found = (_arabic_fold(word), _arabic_fold(_stemmer("ar").stemWord(word)))
    elif lang == "uk":
        plain = word.lower().translate(_JOINERS)
        lemma = _morph().parse(plain)[0].normal_form  # type: ignore[attr-defined]
        found = (plain, str(lemma).translate(_JOINERS))
    else:
        lowered = (_turkish_lower(word) if lang == "tr" else word.lower()).translate(_JOINERS)
        stemmer = _stemmer(lang)
        found = (
            fold(lowered),
            fold(stemmer.stemWord(lowered)),
            stemmer.stemWord(fold(lowered)),
        )
    return tuple(dict.fromkeys(key for key in found if key))


def stem_key(word: str, lang: Lang) -> str:
    """The one key that phrases are matched on: the folded stem or lemma."""
    found = keys(word, lang)
    return found[1] if len(found) > 1 else found[0] if found else ""
