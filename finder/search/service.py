"""One search, from the resident's words to ranked, loaded hits."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from finder.geo import Point, get_geocoder
from finder.query import Understood, understand
from finder.search import suggest
from finder.search.backends import get_backend
from finder.search.documents import SearchDocument
from finder.search.protocol import SearchRequest
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


def run_search(
    settings: Settings,
    query: str,
    postcode: str | None = None,
    *,
    limit: int = 10,
    categories: tuple[str, ...] = (),
    audience: str | None = None,
    only_serving: bool = False,
) -> SearchOutcome:
    understood = understand(query, postcode)
    point, location_unknown = locate(settings, understood)
    outcome = SearchOutcome(
        understood=understood,
        hits=[],
        total=0,
        point=point,
        location_unknown=location_unknown,
    )
    if understood.groups:
        request = SearchRequest(
            groups=understood.groups,
            categories=categories,
            audience=audience,
            serves_postcode=understood.postcode if only_serving else None,
            postcode=understood.postcode,
            point=(point.lat, point.lon) if point else None,
        )
        found = get_backend(settings).search(request)
        ranked = rank(found.candidates, point)
        shown = ranked[: max(1, min(limit, MAX_LIMIT))]
        outcome.hits = _shown(shown, found.load([r.candidate for r in shown]), understood)
        outcome.total = len(ranked)
        outcome.generation = found.generation
        if not ranked:
            outcome.spelling = suggest.spelling(understood.groups)
            outcome.broader = suggest.broader(understood.groups)
    return outcome
