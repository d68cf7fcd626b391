"""Dutch text analysis shared by both engines, their queries and the highlighter.

Analysis runs in Python, so the embedded index, Meilisearch and the query agree term for term:
words are folded (lower case, no diacritics), stop words dropped, and stemmed with Snowball's
Dutch Porter stemmer (PyStemmer). tantivy's own Dutch stemmer was not used: it maps "schulden"
and "schuld" to different stems and "gezin" to "zin". Indexed text also carries the joined
form of hyphenated words ("Digi-D" → digid) and the parts of compounds ("voedselbank" →
voedsel, bank), so questions and catalogue meet however either writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
import tantivy

from finder.query import load_lexicon
from finder.query.compounds import parts
from finder.query.normalise import WORD_CACHE_SIZE, fold

ANALYZER = "nl"
MAX_TOKEN_CHARS = 40
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_PIECE = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    # No cache of its own: `stem` caches the result.
    return Stemmer.Stemmer("dutch_porter", 0)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in load_lexicon().index_stopwords)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def stem(word: str) -> str:
    """The index term of one word; "" for a stop word or an overlong token."""
    folded = fold(word)
    if not folded or folded in _stopwords() or len(folded) > MAX_TOKEN_CHARS:
        return ""
    return str(_stemmer().stemWord(folded))


def analyse(text: str) -> list[str]:
    """The terms of a question's words, as the index holds them (no compound parts)."""
    return [term for piece in _PIECE.findall(text) if (term := stem(piece))]


def _word_terms(word: str) -> list[str]:
    pieces = _PIECE.findall(word)
    terms = [stem(piece) for piece in pieces]
    if len(pieces) > 1:
        terms.append(stem("".join(pieces)))
    else:
        terms.extend(stem(part) for part in parts(word))
    return [t for t in terms if t]


# Every offer's text passes here at index time: a plain dict is the cheapest cache.
_TERMS: dict[str, list[str]] = {}
_TERMS_LIMIT = 500_000


def _terms_of(word: str) -> list[str]:
    terms = _TERMS.get(word)
    if terms is None:
        if len(_TERMS) >= _TERMS_LIMIT:
            _TERMS.clear()
        terms = _TERMS[word] = _word_terms(word)
    return terms


def index_terms(text: str) -> str:
    """Indexed form of a text: its terms plus joined forms and compound parts, space-separated."""
    out: list[str] = []
    for word in _WORD.findall(text):
        out.extend(_terms_of(word))
    return " ".join(out)


def term_set(texts: Iterable[str]) -> frozenset[str]:
    """Every term `index_terms` gives these texts, as a set."""
    found: set[str] = set()
    for text in texts:
        for word in set(_WORD.findall(text)):
            found.update(_terms_of(word))
    return frozenset(found)


@lru_cache(maxsize=1)
def tantivy_analyzer() -> tantivy.TextAnalyzer:
    """Text reaches tantivy already analysed: it only splits on spaces."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .build()
    )


def allowed_typos(word: str) -> int:
    """Meilisearch's defaults: one typo from 5 letters, two from 9."""
    length = len(word)
    if length >= 9:
        return 2
    if length >= 5:
        return 1
    return 0
