"""Query understanding: from a typed question to search words, needs and a place."""

from __future__ import annotations

from finder.query.lexicon import Lexicon, load_lexicon
from finder.query.understanding import Understood, understand
from finder.query.vocabulary import Need, Vocabulary, load_vocabulary

__all__ = [
    "Lexicon",
    "Need",
    "Understood",
    "Vocabulary",
    "load_lexicon",
    "load_vocabulary",
    "understand",
]
