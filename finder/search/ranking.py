"""The one ranking both backends share.

Relevance decides first (how many of the resident's words match, then whether they match the
title or keywords). Among equally relevant offers, those that serve the resident's postcode
come first, the resident's own wijkteam before other wijkteams, then the nearest place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from finder.geo import Point, haversine_km
from finder.search.documents import SearchDocument
from finder.search.protocol import Candidate, Coverage


@dataclass(frozen=True)
class RankedHit:
    candidate: Candidate
    distance_km: float | None
    serves_postcode: bool | None
    own_wijkteam: bool

    @property
    def doc(self) -> SearchDocument:
        return self.candidate.doc

    @property
    def score(self) -> float:
        return self.candidate.score


def coverage(doc: SearchDocument, postcode: str) -> Coverage:
    if not doc.postcodes_served:
        return "everywhere"
    return "area" if postcode[:4] in doc.postcodes_served else "elsewhere"


def _distance(doc: SearchDocument, point: Point | None) -> float | None:
    if point is None or doc.latitude is None or doc.longitude is None:
        return None
    return haversine_km(point, Point(doc.latitude, doc.longitude))


def rank(
    candidates: Iterable[Candidate], point: Point | None, postcode: str | None
) -> list[RankedHit]:
    keyed = []
    for c in candidates:
        covered = (c.coverage or coverage(c.doc, postcode)) if postcode else None
        served = None if covered is None else covered != "elsewhere"
        own_team = covered == "area" and c.doc.is_wijkteam
        distance = _distance(c.doc, point)
        hit = RankedHit(c, distance, served, own_team)
        key = (
            -c.words_matched,
            -c.primary_matched,
            served is False,
            not own_team,
            math.inf if distance is None else distance,
            -c.score,
            c.doc.id,
        )
        keyed.append((key, hit))
    keyed.sort(key=lambda pair: pair[0])
    seen: set[str] = set()
    ranked = []
    # One hit per offer: its best place, which after sorting is the first one seen.
    for _, hit in keyed:
        if hit.doc.offer_id not in seen:
            seen.add(hit.doc.offer_id)
            ranked.append(hit)
    return ranked
