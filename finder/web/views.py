"""What result pages show per hit, built from search documents without extra queries."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote_plus

from markupsafe import Markup

from finder.hours import Today, today
from finder.query.terms import TermGroup
from finder.search.highlight import highlight
from finder.search.service import Hit


@dataclass(frozen=True)
class HitView:
    hit: Hit
    summary: Markup
    today: Today
    route_url: str


def route_url(address: str, postcode: str, city: str) -> str:
    """A plain link the resident's own map app can open; the page itself loads nothing from it."""
    destination = ", ".join(part for part in (address, postcode, city) if part)
    return (
        f"https://www.openstreetmap.org/search?query={quote_plus(destination)}"
        if destination
        else ""
    )


def hit_views(hits: list[Hit], groups: tuple[TermGroup, ...]) -> list[HitView]:
    return [
        HitView(
            hit=h,
            summary=highlight(h.doc.summary, groups),
            today=today(h.doc.hours),
            route_url=route_url(h.doc.address, h.doc.postcode, h.doc.city),
        )
        for h in hits
    ]
