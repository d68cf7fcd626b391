"""The contract every search backend keeps, so both behave the same."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from finder.query.terms import TermGroup
from finder.search.builds import IndexBuild
from finder.search.documents import SearchDocument

Coverage = Literal["area", "everywhere", "elsewhere"]


class SearchUnavailable(RuntimeError):
    """The search engine could not answer. Pages show a friendly 503 with general contacts."""


@dataclass(frozen=True)
class SearchRequest:
    groups: tuple[TermGroup, ...]
    categories: tuple[str, ...] = ()
    audience: str | None = None
    # A filter: only offers whose service area holds this postcode (or covers the whole city).
    serves_postcode: str | None = None
    # A ranking signal: the resident's postcode, for "serves your area" and "your wijkteam".
    postcode: str | None = None
    point: tuple[float, float] | None = None
    limit: int = 100


@dataclass
class Candidate:
    """A matching document with what the shared ranking needs to order it.

    A backend may hand over a partial `doc` (only the fields ranking reads) and fill in the
    rest in `complete`, for the few candidates that are shown. `coverage` is then precomputed
    for the request's postcode: "area" (its service area holds the postcode), "everywhere"
    (no area: the whole municipality) or "elsewhere"; when it is None, ranking works it out
    from the document.
    """

    doc: SearchDocument
    score: float
    words_matched: int
    primary_matched: int
    coverage: Coverage | None = None
    handle: object = field(default=None, repr=False)


class SearchBackend(Protocol):
    name: str

    def search(self, request: SearchRequest) -> list[Candidate]: ...

    def complete(self, candidates: list[Candidate]) -> None:
        """Make sure these candidates carry their full documents."""
        ...

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
