"""What to offer when nothing was found: the spelling we think was meant, and broader needs."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from finder.query import load_vocabulary
from finder.query.terms import TermGroup

# How alike (0-100) a known word must be to be offered as what was meant.
MIN_SIMILARITY = 75


def spelling(groups: tuple[TermGroup, ...]) -> str | None:
    """The query with each unknown word replaced by the closest known Dutch word, if any changed."""
    vocabulary = load_vocabulary().dutch_words
    changed = False
    words = []
    for group in groups:
        if group.needs or group.word in vocabulary:
            words.append(group.word)
            continue
        close = process.extractOne(
            group.word, vocabulary, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY
        )
        words.append(close[0] if close else group.word)
        changed = changed or bool(close)
    return " ".join(words) if changed else None


def broader(groups: tuple[TermGroup, ...]) -> list[str]:
    """The home page's needs, by their Dutch label, except those already asked about."""
    asked = {need for group in groups for need in group.needs}
    return [need.label["nl"] for need in load_vocabulary().tiles if need.id not in asked][:6]
