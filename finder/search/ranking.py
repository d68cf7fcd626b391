"""The one ranking both backends share.

Relevance decides first: how well the resident's words match (in the title, keywords or need
tags, in the summary, or only in the description), then how many of them match. Among equally
relevant offers, those that serve the resident's postcode come first, the resident's own
wijkteam before other wijkteams. Then offers of comparable term specificity (within a factor
BAND of the best of their tier) are ordered by distance, and the rest by specificity.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from finder.geo import Point, haversine_km
from finder.search.protocol import Candidate

BAND = 2.0


@dataclass(frozen=True)
class RankedHit:
    candidate: Candidate
    distance_km: float | None
    serves_postcode: bool | None
    own_wijkteam: bool


def _distance(candidate: Candidate, point: Point | None) -> float | None:
    if point is None or candidate.point is None:
        return None
    return haversine_km(point, Point(*candidate.point))


def _band(score: float, best: float) -> int:
    """0 for a score within a factor BAND of the best of its tier, 1 within BAND squared, …"""
    if best <= 0 or score >= best:
        return 0
    if score <= 0:
        return 64
    return min(64, int(math.log(best / score, BAND)))


def rank(candidates: Iterable[Candidate], point: Point | None) -> list[RankedHit]:
    pool = list(candidates)
    best: dict[tuple[int, int], float] = {}
    for c in pool:
        tier = (c.relevance.levels, c.relevance.matched)
        best[tier] = max(best.get(tier, 0.0), c.relevance.score)
    keyed = []
    for c in pool:
        served = None if c.coverage is None else c.coverage != "elsewhere"
        own_team = c.coverage == "area" and c.is_wijkteam
        distance = _distance(c, point)
        relevance = c.relevance
        key = (
            -relevance.levels,
            -relevance.matched,
            served is False,
            not own_team,
            _band(relevance.score, best[(relevance.levels, relevance.matched)]),
            math.inf if distance is None else distance,
            -relevance.score,
            c.doc_id,
        )
        keyed.append((key, RankedHit(c, distance, served, own_team)))
    keyed.sort(key=lambda pair: pair[0])
    seen: set[str] = set()
    ranked = []
    # One hit per offer: its best place, which after sorting is the first one seen.
    for _, hit in keyed:
        if hit.candidate.offer_key not in seen:
            seen.add(hit.candidate.offer_key)
            ranked.append(hit)
    return ranked


def coverage_of(served: list[str], postcode: str | None) -> str | None:
    """Whether a document with this service area serves `postcode` (see Candidate.coverage)."""
    if not postcode:
        return None
    if not served:
        return "everywhere"
    return "area" if postcode[:4] in served else "elsewhere"
