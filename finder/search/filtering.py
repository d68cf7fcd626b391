"""Filters residents can set on the results page, and how many results each would leave.

Kind of help, audience and language are filtered by the backends themselves (SearchRequest);
"open now" and "open today" depend on the clock, so they are applied here, to the candidates,
with the opening-hours rules of finder/hours. Counts are per offer, not per place, and are
counted over the candidates of the question without filters: an option's count is the number of
offers left when it is chosen together with the other filters already set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime

from finder.hours import OpeningPeriod, status
from finder.offers import KINDS
from finder.search.facets import Facets
from finder.search.protocol import Candidate

OPEN = ("now", "today")
AUDIENCES = ("particulier", "ondernemer")
WIJKTEAM = "wijkteam"


@dataclass(frozen=True)
class Filters:
    open: str | None = None  # "now" or "today"
    kind: str | None = None  # finder/offers/kinds.py
    audience: str | None = None
    language: str | None = None  # ISO 639-1

    @classmethod
    def parse(
        cls, open: str = "", kind: str = "", audience: str = "", language: str = ""
    ) -> Filters:
        """Unknown values are dropped rather than refused: a stale link still shows results."""
        return cls(
            open=open if open in OPEN else None,
            kind=kind if kind in KINDS else None,
            audience=audience if audience in AUDIENCES else None,
            language=language if language.isalpha() and 2 <= len(language) <= 3 else None,
        )

    @property
    def active(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name))}

    def without(self, name: str) -> Filters:
        return replace(self, **{name: None})


@dataclass(frozen=True)
class Option:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Counts:
    open: tuple[Option, ...]
    kind: tuple[Option, ...]
    audience: tuple[Option, ...]
    language: tuple[Option, ...]


@dataclass(frozen=True)
class _Row:
    offer: str
    values: dict[str, frozenset[str]]


def _open_values(facets: Facets, moment: datetime) -> frozenset[str]:
    now = status(facets.hours, moment)
    if now.open_now:
        return frozenset(OPEN)
    later_today = now.next_open is not None and now.next_open.date() == moment.date()
    return frozenset({"today"}) if later_today else frozenset()


def _rows(
    candidates: Sequence[Candidate],
    facets: Sequence[Facets],
    moment: datetime,
    postcode: str | None,
) -> list[_Row]:
    # Many candidates share their opening hours: each set of hours is looked at once.
    open_values: dict[tuple[OpeningPeriod, ...], frozenset[str]] = {}
    rows = []
    for candidate, facet in zip(candidates, facets, strict=True):
        kinds = set(facet.kinds)
        if WIJKTEAM in kinds and postcode and candidate.coverage == "elsewhere":
            # With a postcode, "your wijkteam" means the one for that postcode.
            kinds.discard(WIJKTEAM)
        opened = open_values.get(facet.hours)
        if opened is None:
            opened = open_values[facet.hours] = _open_values(facet, moment)
        values = {
            "open": opened,
            "kind": frozenset(kinds),
            "audience": frozenset(facet.audience),
            "language": frozenset(facet.languages),
        }
        rows.append(_Row(candidate.offer_key, values))
    return rows


def _matches(row: _Row, active: dict[str, str]) -> bool:
    return all(value in row.values[name] for name, value in active.items())


def keep(
    candidates: Sequence[Candidate],
    load: Callable[[Sequence[Candidate]], list[Facets]],
    filters: Filters,
    moment: datetime,
    postcode: str | None,
) -> list[Candidate]:
    """The candidates that pass the filters the backend could not apply (open now, today, and
    "your wijkteam" by postcode)."""
    rest = Filters(open=filters.open, kind=filters.kind if filters.kind == WIJKTEAM else None)
    active = rest.active
    if not active:
        return list(candidates)
    rows = _rows(candidates, load(candidates), moment, postcode)
    return [c for c, row in zip(candidates, rows, strict=True) if _matches(row, active)]


def count(
    candidates: Sequence[Candidate],
    load: Callable[[Sequence[Candidate]], list[Facets]],
    filters: Filters,
    moment: datetime,
    postcode: str | None,
) -> Counts:
    rows = _rows(candidates, load(candidates), moment, postcode)

    def options(name: str, known: Sequence[str] | None) -> tuple[Option, ...]:
        others = filters.without(name).active
        offers: dict[str, set[str]] = {}
        for row in rows:
            if _matches(row, others):
                for value in row.values[name]:
                    offers.setdefault(value, set()).add(row.offer)
        chosen = getattr(filters, name)
        values = list(known) if known is not None else sorted(offers)
        if chosen and chosen not in values:
            values.append(chosen)
        return tuple(
            Option(v, len(offers.get(v, ())), v == chosen)
            for v in values
            if offers.get(v) or v == chosen
        )

    return Counts(
        open=options("open", OPEN),
        kind=options("kind", KINDS),
        audience=options("audience", AUDIENCES),
        language=options("language", None),
    )
