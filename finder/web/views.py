"""What result pages show per hit, built from search documents without extra queries."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from finder.hours import Today, today
from finder.query import load_vocabulary
from finder.query.terms import TermGroup
from finder.search.highlight import highlight
from finder.search.service import Hit
from finder.ui.urls import route_url

EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "data" / "examples.toml"


@dataclass(frozen=True)
class HitView:
    hit: Hit
    summary: Markup
    today: Today
    route_url: str
    about: tuple[str, ...]  # labels of the needs it is about, in the interface language


@dataclass(frozen=True)
class Tile:
    """A home-page link to the results for one need, labelled in the interface language."""

    need: str
    icon: str
    label: str
    query: str


def need_labels(needs: tuple[str, ...] | list[str], locale: str) -> tuple[str, ...]:
    vocabulary = load_vocabulary()
    return tuple(vocabulary.needs[n].label_in(locale) for n in needs if n in vocabulary.needs)


@lru_cache(maxsize=1)
def _examples() -> dict[str, dict[str, list[str]]]:
    with EXAMPLES_FILE.open("rb") as handle:
        return tomllib.load(handle)


def examples(locale: str, kind: str = "home") -> list[str]:
    """Example questions in the interface language (finder/data/examples.toml)."""
    found = _examples()
    return list((found.get(locale) or found["nl"])[kind])


def tiles(locale: str) -> list[Tile]:
    # The label is also the question: every label is in the vocabulary, in every language.
    return [
        Tile(need.id, need.icon, need.label_in(locale), need.label_in(locale))
        for need in load_vocabulary().tiles
    ]


def hit_views(hits: list[Hit], groups: tuple[TermGroup, ...], locale: str) -> list[HitView]:
    return [
        HitView(
            hit=h,
            summary=highlight(h.doc.summary, groups),
            today=today(h.doc.hours),
            route_url=route_url(h.doc.address, h.doc.postcode, h.doc.city),
            about=need_labels(h.why.needs, locale),
        )
        for h in hits
    ]
