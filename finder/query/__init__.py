"""Query understanding: from a typed question to search words, synonyms and a place."""

from __future__ import annotations

from finder.query.lexicon import Lexicon, load_lexicon
from finder.query.understanding import Understood, understand

__all__ = ["Lexicon", "Understood", "load_lexicon", "meili_synonyms", "understand"]


def meili_synonyms() -> dict[str, list[str]]:
    """The synonyms setting for Meilisearch, derived from finder/data/synonyms.toml."""
    return load_lexicon().meili_synonyms()
