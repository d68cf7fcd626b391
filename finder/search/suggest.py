"""What to offer when nothing was found: the spelling we think was meant, and broader terms."""

from __future__ import annotations

import difflib
from functools import lru_cache

from finder.query import load_lexicon
from finder.query.terms import TermGroup

BROADER_TERMS = ("hulp bij geld", "digitale hulp", "wijkteam", "formulieren", "Nederlands leren")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    words = {member for group in load_lexicon().synonym_groups for member in group}
    return tuple(sorted(words))


def spelling(groups: tuple[TermGroup, ...]) -> str | None:
    """The query with each unknown word replaced by the closest known word, if any changed."""
    vocabulary = _vocabulary()
    changed = False
    words = []
    for group in groups:
        if group.word in vocabulary:
            words.append(group.word)
            continue
        close = difflib.get_close_matches(group.word, vocabulary, n=1, cutoff=0.75)
        words.append(close[0] if close else group.word)
        changed = changed or bool(close)
    return " ".join(words) if changed else None


def broader(groups: tuple[TermGroup, ...]) -> list[str]:
    typed = {g.word for g in groups}
    return [term for term in BROADER_TERMS if term not in typed]
