"""Dutch text analysis shared by the embedded index, its queries and the highlighter."""

from __future__ import annotations

from functools import lru_cache

import tantivy

from finder.query import load_lexicon

ANALYZER = "nl"
MAX_TOKEN_CHARS = 40


@lru_cache(maxsize=1)
def dutch_analyzer() -> tantivy.TextAnalyzer:
    stopwords = sorted(load_lexicon().stopwords)
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.custom_stopword(stopwords))
        .filter(tantivy.Filter.stemmer("dutch"))
        .build()
    )


def analyse(text: str) -> list[str]:
    return list(dutch_analyzer().analyze(text))


def allowed_typos(word: str) -> int:
    """Meilisearch's defaults: one typo from 5 letters, two from 9."""
    length = len(word)
    if length >= 9:
        return 2
    if length >= 5:
        return 1
    return 0
