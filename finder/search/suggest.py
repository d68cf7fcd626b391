"""What to offer when nothing was found: the spelling we think was meant, and broader needs."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from finder.query import load_vocabulary
from finder.query.terms import TermGroup

# How alike (0-100) a known word must be to be offered as what was meant.
MIN_SIMILARITY = 75


def spelling(groups: tuple[TermGroup, ...]) -> str | None:
    """The question as we think it was meant: each unknown word replaced by the closest known
    Dutch word, and unknown words without one left out ("pizza" is nobody's typo)."""
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
        if close:
            words.append(close[0])
        changed = True
    return " ".join(words) if changed and words else None


def broader(groups: tuple[TermGroup, ...]) -> list[str]:
    """The ids of the home page's needs, except those already asked about; pages name them in
    the reader's language."""
    asked = {need for group in groups for need in group.needs}
    return [need.id for need in load_vocabulary().tiles if need.id not in asked][:6]
