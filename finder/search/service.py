"""One search, from the resident's words to ranked, loaded hits."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime

from finder.geo import Point, get_geocoder
from finder.hours import now
from finder.query import Understood, understand
from finder.search import filtering, suggest
from finder.search.backends import get_backend
from finder.search.documents import SearchDocument
from finder.search.filtering import Counts, Filters
from finder.search.protocol import Found, SearchBackend, SearchRequest
from finder.search.ranking import RankedHit, rank
from finder.search.reasons import Why, why
from finder.settings import Settings

log = logging.getLogger(__name__)
MAX_LIMIT = 50


@dataclass(frozen=True)
class Hit:
    """A shown result: its document, where it is, and how it relates to the resident's area."""

    doc: SearchDocument
    distance_km: float | None
    serves_postcode: bool | None
    own_wijkteam: bool
    why: Why


@dataclass
class SearchOutcome:
    understood: Understood
    hits: list[Hit]
    total: int
    point: Point | None
    generation: str | None = None
    location_unknown: bool = False
    spelling: str | None = None
    broader: list[str] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    counts: Counts | None = None

    @property
    def location_known(self) -> bool:
        return self.point is not None


def locate(settings: Settings, understood: Understood) -> tuple[Point | None, bool]:
    """Where the resident is, and whether a postcode was given that we could not place."""
    if not understood.postcode:
        return None, False
    point = get_geocoder(settings).locate(understood.postcode)
    if point is None:
        log.info("postcode could not be placed")
    return point, point is None


def _shown(
    ranked: list[RankedHit], documents: list[SearchDocument], understood: Understood
) -> list[Hit]:
    return [
        Hit(
            doc,
            r.distance_km,
            r.serves_postcode,
            r.own_wijkteam,
            why(doc, understood.groups, understood.display_words),
        )
        for r, doc in zip(ranked, documents, strict=True)
    ]


def _finds_something(backend: SearchBackend, question: str | None) -> str | None:
    """Only offer a spelling that would find help itself."""
    if not question:
        return None
    groups = understand(question).groups
    return question if groups and backend.search(SearchRequest(groups=groups)).candidates else None


def _pool(backend: SearchBackend, request: SearchRequest, found: Found) -> Found:
    """The question's candidates without the filters: what filter counts are counted over."""
    unfiltered = replace(request, audience=None, kinds=(), languages=(), serves_postcode=None)
    return found if unfiltered == request else backend.search(unfiltered)


def run_search(
    settings: Settings,
    query: str,
    postcode: str | None = None,
    *,
    limit: int = 10,
    categories: tuple[str, ...] = (),
    audience: str | None = None,
    only_serving: bool = False,
    filters: Filters | None = None,
    with_counts: bool = False,
    moment: datetime | None = None,
) -> SearchOutcome:
    """`filters` are the residents' filters (kind, audience, language, open now or today);
    `with_counts` also counts, per filter option, the offers it would leave."""
    understood = understand(query, postcode)
    point, location_unknown = locate(settings, understood)
    filters = filters or Filters()
    moment = moment or now()
    outcome = SearchOutcome(
        understood=understood,
        hits=[],
        total=0,
        point=point,
        location_unknown=location_unknown,
        filters=filters,
    )
    if understood.groups:
        team_only = filters.kind == filtering.WIJKTEAM and understood.postcode is not None
        request = SearchRequest(
            groups=understood.groups,
            categories=categories,
            audience=filters.audience or audience,
            kinds=(filters.kind,) if filters.kind else (),
            languages=(filters.language,) if filters.language else (),
            serves_postcode=understood.postcode if only_serving or team_only else None,
            postcode=understood.postcode,
            point=(point.lat, point.lon) if point else None,
        )
        backend = get_backend(settings)
        found = backend.search(request)
        candidates = filtering.keep(
            found.candidates, found.facets, filters, moment, understood.postcode
        )
        ranked = rank(candidates, point)
        shown = ranked[: max(1, min(limit, MAX_LIMIT))]
        outcome.hits = _shown(shown, found.load([r.candidate for r in shown]), understood)
        outcome.total = len(ranked)
        outcome.generation = found.generation
        if with_counts:
            pool = _pool(backend, request, found)
            outcome.counts = filtering.count(
                pool.candidates, pool.facets, filters, moment, understood.postcode
            )
        if not ranked and not filters.active:
            outcome.spelling = _finds_something(backend, suggest.spelling(understood.groups))
            outcome.broader = suggest.broader(understood.groups)
    return outcome
