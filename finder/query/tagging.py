"""Which needs an offer is about, from its own texts. A pure function, so the index and the
offer page tag the same way.

The title, the keywords (which hold the UPL names of municipal products and HSDS taxonomy
terms) and the UPL URIs say what an offer is about: one catalogue word of a need there is
enough. A summary mentions more than the offer is about ("aanvragen met DigiD"), so it tags a
need only when it holds two different catalogue words of that need. The description and broad
categories ("Geld en schulden") never tag: an offer that mentions debts once is not about debts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from finder.query.sanitise import WORD_PATTERN
from finder.query.vocabulary import load_vocabulary

SUMMARY_WORDS = 2
_TOKEN = re.compile(WORD_PATTERN)


@lru_cache(maxsize=4096)
def _tags(title: str, summary: str, keywords: tuple[str, ...], upl: tuple[str, ...]) -> list[str]:
    vocabulary = load_vocabulary()
    found: set[str] = set()
    for text in (title, *keywords):
        found |= set(vocabulary.catalogue_needs(_words(text)))
    for need, words in vocabulary.catalogue_needs(_words(summary)).items():
        if len(words) >= SUMMARY_WORDS:
            found.add(need)
    for product in upl:
        found |= vocabulary.upl_needs(product)
    return [need for need in vocabulary.needs if need in found]


def tag_needs(
    title: str, summary: str = "", keywords: Iterable[str] = (), upl: Iterable[str] = ()
) -> list[str]:
    """Ids of the needs this offer is about, in the order of the vocabulary."""
    # An offer given at several places is tagged once, not once per place.
    return list(_tags(title, summary, tuple(keywords), tuple(upl)))


def _words(text: str) -> list[str]:
    """The words of a text, hyphenated ones also in their pieces ("ioaw-uitkering")."""
    found: list[str] = []
    for word in _TOKEN.findall(text.lower()):
        found.append(word)
        if "-" in word:
            found.extend(piece for piece in word.split("-") if piece)
    return found
