"""Dutch compounds split into their parts, so "kinderopvangtoeslag" meets "toeslag voor de
kinderopvang" and "rijbewijskeuring" meets "keuring voor mijn rijbewijs".

A dictionary-based splitter (after Koehn and Knight, 2003): a word splits into two known words,
with an optional linking -s-, -e- or -en- between them, when the parts are together more
common than the whole word. Word frequencies come from wordfreq's Dutch list, completed with
the catalogue words of the needs vocabulary; parts are at least four letters, so "paspoort"
never becomes "pas" + "poort".
"""

from __future__ import annotations

import math
from functools import lru_cache

from finder.query.normalise import WORD_CACHE_SIZE, fold

MIN_WORD = 7
MIN_PART = 4
# Words rarer than this (Zipf scale: 3 is once per million words) are not trusted as parts.
MIN_PART_ZIPF = 3.0
# A part from the needs vocabulary counts as this common, even when wordfreq has it rarer.
VOCABULARY_ZIPF = 4.0
LINKS = ("", "s", "e", "en")
# The parts must be clearly more common than the whole word (in Zipf), or it stays one word.
MARGIN = 0.5
MIN_FREQUENCY = 10 ** (MIN_PART_ZIPF - 9)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    # Zipf is log10 of the frequency per billion words.
    zipf = {
        word: math.log10(freq) + 9
        for word, freq in wordfreq.get_frequency_dict("nl", wordlist="large").items()
        if freq >= MIN_FREQUENCY and word.isalpha()
    }
    return zipf


@lru_cache(maxsize=1)
def _vocabulary_words() -> frozenset[str]:
    from finder.query.vocabulary import load_vocabulary

    needs = load_vocabulary().needs.values()
    return frozenset(fold(w) for need in needs for w in need.catalogue if w.isalpha())


def _part(word: str, zipf: dict[str, float]) -> float:
    """How common `word` is as a part; 0 when it cannot be one."""
    if len(word) < MIN_PART:
        return 0.0
    freq = zipf.get(word, 0.0)
    if word in _vocabulary_words():
        freq = max(freq, VOCABULARY_ZIPF)
    return freq if freq >= MIN_PART_ZIPF else 0.0


@lru_cache(maxsize=WORD_CACHE_SIZE)
def split(word: str) -> tuple[str, ...]:
    """The two parts of a compound, or () for a word that is not one."""
    word = fold(word)
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    zipf = _frequencies()
    best: tuple[str, ...] = ()
    best_score = zipf.get(word, 0.0) + MARGIN
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        tail_score = _part(tail, zipf)
        if not tail_score:
            continue
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)]
            head_score = _part(stem, zipf)
            score = (head_score + tail_score) / 2
            if head_score and score > best_score:
                best, best_score = (stem, tail), score
    return best


def parts(word: str) -> tuple[str, ...]:
    """The parts, and the parts of the first part: "kinderopvangtoeslag" → kinderopvang,
    toeslag, kinder, opvang. The last part names what the compound is, so it stays whole."""
    found = split(word)
    if not found:
        return ()
    return tuple(dict.fromkeys((*found, *parts(found[0]))))
