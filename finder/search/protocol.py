"""The contract every search backend keeps, so both behave the same."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from finder.query.terms import TermGroup
from finder.search.builds import IndexBuild
from finder.search.documents import SearchDocument
from finder.search.facets import Facets

__all__ = [
    "Candidate",
    "Coverage",
    "Facets",
    "Found",
    "Relevance",
    "SearchBackend",
    "SearchRequest",
    "SearchUnavailable",
]

Coverage = Literal["area", "everywhere", "elsewhere"]


class SearchUnavailable(RuntimeError):
    """The search engine could not answer. Pages show a friendly 503 with general contacts."""


@dataclass(frozen=True)
class SearchRequest:
    groups: tuple[TermGroup, ...]
    categories: tuple[str, ...] = ()
    audience: str | None = None
    # Filters on the kind of help and the languages spoken at the place (any of them).
    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    # A filter: only offers whose service area holds this postcode (or covers the whole city).
    serves_postcode: str | None = None
    # A ranking signal: the resident's postcode, for "serves your area" and "your wijkteam".
    postcode: str | None = None
    point: tuple[float, float] | None = None
    limit: int = 100


# At most this many of the resident's words are searched (a question is rarely longer).
MAX_GROUPS = 8
# One word matched at level 3 outweighs every other word matched at a lower level; a summary
# match counts three description matches.
LEVEL_WEIGHTS = {3: MAX_GROUPS * 3 + 1, 2: 3, 1: 1}


@dataclass(frozen=True, order=True)
class Relevance:
    """How well a document answers the question, in the tiers both backends compute.

    `levels` weighs, over the resident's words, how each word matched: level 3 in the title,
    keywords or need tags ("about this"), level 2 in the summary or organisation, level 1 only in
    the description ("mentions this"). The weights (LEVEL_WEIGHTS) make one word the offer is
    about outrank any number of words it only mentions. `matched` counts the words that matched at all. `score` is
    the engine's own term specificity (BM25 for tantivy, the ranking score for Meilisearch),
    only comparable within one search.
    """

    levels: int
    matched: int
    score: float


@dataclass(frozen=True)
class Candidate:
    """A matching document as ranking sees it: the few facts ranking reads, not yet the
    document itself. `coverage` is set when the request has a postcode: "area" (its service
    area holds the postcode), "everywhere" (no area: the whole municipality) or "elsewhere"."""

    doc_id: str
    offer_key: str
    point: tuple[float, float] | None
    is_wijkteam: bool
    relevance: Relevance
    coverage: Coverage | None = None
    handle: object = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Found:
    """The candidates of one search and the way to load their documents, both from the one
    index generation that answered, so a swap in between can never mix them up."""

    generation: str
    candidates: list[Candidate]
    load: Callable[[Sequence[Candidate]], list[SearchDocument]] = field(repr=False)
    # What filters and their counts read of each candidate, lighter than whole documents.
    facets: Callable[[Sequence[Candidate]], list[Facets]] = field(repr=False)


class SearchBackend(Protocol):
    name: str

    def search(self, request: SearchRequest) -> Found: ...

    def replace_all(self, documents: Iterable[SearchDocument]) -> IndexBuild:
        """Build a complete new generation, then swap it in atomically.

        Raises IndexBuildFailed, with the engine's reason, when nothing was swapped in.
        """
        ...

    def count(self) -> int: ...

    def healthy(self) -> bool: ...

    def generation(self) -> str:
        """Names the live generation; changes when a new one is swapped in.

        Called for every cacheable request on the event loop, so it never waits for I/O.
        """
        ...
