"""What result pages show per hit, built from search documents without extra queries."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from finder.hours import Today, today
from finder.query.terms import TermGroup
from finder.search.highlight import highlight
from finder.search.ranking import RankedHit
from finder.ui.urls import route_url


@dataclass(frozen=True)
class HitView:
    hit: RankedHit
    summary: Markup
    today: Today
    route_url: str


def hit_views(hits: list[RankedHit], groups: tuple[TermGroup, ...]) -> list[HitView]:
    return [
        HitView(
            hit=h,
            summary=highlight(h.doc.summary, groups),
            today=today(h.doc.hours),
            route_url=route_url(h.doc.address, h.doc.postcode, h.doc.city),
        )
        for h in hits
    ]
