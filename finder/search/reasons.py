"""Why a hit was shown: the needs it is about and the resident's words it holds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from finder.query.terms import TermGroup
from finder.search.analysis import analyse
from finder.search.documents import SearchDocument
from finder.search.prepare import searchable_terms


@dataclass(frozen=True)
class Why:
    needs: tuple[str, ...]  # need ids the question asked for and the offer is about
    # For words whose need the offer is not about: the word as typed, or else the catalogue
    # word or compound it was found by.
    words: tuple[str, ...]


def why(doc: SearchDocument, groups: tuple[TermGroup, ...], display: tuple[str, ...]) -> Why:
    # Only words whose need the offer is not about are looked up in its text.
    terms: frozenset[str] | None = None
    needs: list[str] = []
    words: list[str] = []
    for group, typed in zip(groups, display, strict=True):
        shared = [n for n in group.needs if n in doc.needs]
        if shared:
            needs.extend(n for n in shared if n not in needs)
            continue
        if terms is None:
            terms = searchable_terms(doc)
        if _holds(terms, group.word, group.prefix):
            words.append(typed)
            continue
        variants = [*group.alternatives, " ".join(group.parts)]
        found = next((v for v in variants if v and _holds(terms, v, False)), None)
        if found is not None:
            words.append(found)
    return Why(tuple(needs), tuple(words))


@lru_cache(maxsize=4096)
def _analysed(text: str) -> tuple[str, ...]:
    return tuple(analyse(text))


def _holds(terms: frozenset[str], text: str, prefix: bool) -> bool:
    wanted = _analysed(text)
    if not wanted:
        return False
    if len(wanted) == 1 and prefix:
        return any(term.startswith(wanted[0]) for term in terms)
    return all(term in terms for term in wanted)
