"""What one search tells about residents' needs, and nothing about the resident.

A fact holds the needs asked for, the wijk (never a postcode), whether nothing was found, and
for an unanswered question its words: folded, without digits (house numbers, postcodes, phone
numbers), sorted and de-duplicated, so no question can be read back in the order it was typed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from finder.query import Understood, load_lexicon, load_vocabulary
from finder.query.normalise import fold

MAX_WORDS = 5
MAX_WORD = 30
# A search asked again from a results page within this many minutes refines the earlier one.
REFINE_MINUTES = 5
HEADER = "x-finder-insight"


@dataclass(frozen=True)
class SearchFact:
    needs: tuple[str, ...]
    wijk: str
    empty: bool
    words: str

    def encode(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @staticmethod
    def decode(raw: str) -> SearchFact | None:
        try:
            data = json.loads(raw)
            return SearchFact(
                needs=tuple(str(n) for n in data["needs"]),
                wijk=str(data["wijk"]),
                empty=bool(data["empty"]),
                words=str(data["words"]),
            )
        except (ValueError, KeyError, TypeError):
            return None


def wijk_of(understood: Understood) -> str:
    if understood.wijk:
        return understood.wijk
    if understood.postcode:
        return load_lexicon().wijk_for_postcode(understood.postcode[:4]) or ""
    return ""


def word_group(understood: Understood) -> str:
    words = {
        folded
        for g in understood.groups
        if (folded := fold(g.word))
        and len(folded) > 1
        and len(folded) <= MAX_WORD
        and not any(ch.isdigit() for ch in folded)
    }
    return " ".join(sorted(words)[:MAX_WORDS])


def fact_of(understood: Understood, found: int) -> SearchFact:
    empty = found == 0
    return SearchFact(
        needs=understood.needs,
        wijk=wijk_of(understood),
        empty=empty,
        words=word_group(understood) if empty else "",
    )


def marker(needs: tuple[str, ...], minute: int) -> str:
    """The hidden form value that lets the next search say which one it refines."""
    return f"{minute}:{','.join(needs)}"


def refined_needs(raw: str, minute_now: int) -> tuple[str, ...] | None:
    """The earlier search's needs when this search refines it straight away, else None."""
    stamp, _, needs = raw.partition(":")
    if not stamp.isdigit() or not 0 <= minute_now - int(stamp) <= REFINE_MINUTES:
        return None
    known = load_vocabulary().needs
    return tuple(n for n in needs.split(",")[:10] if n in known)
