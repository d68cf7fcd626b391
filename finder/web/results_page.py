"""What the results page shows, as one view model built from a search outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from finder.search.service import SearchOutcome
from finder.web.contacts import Contact
from finder.web.examples import Tile, tile
from finder.web.filter_views import FilterPanel, filter_panel, query_string
from finder.web.hit_views import HitView, hit_views
from finder.web.summary import Asked, asked


@dataclass(frozen=True)
class ResultsPage:
    q: str
    postcode: str
    asked: Asked
    hits: tuple[HitView, ...]
    total: int
    filters: FilterPanel
    more_query: str  # the query string of "show more results", empty when there are no more
    detail_query: str  # carried into every offer link: the postcode
    truncated: bool
    postcode_error: bool
    location_unknown: bool
    ask_postcode: bool  # results without a postcode: suggest adding one
    any_demo: bool
    spelling: str | None
    broader: tuple[Tile, ...]
    contacts: tuple[Contact, ...]


def results_page(
    outcome: SearchOutcome,
    postcode: str,
    locale: str,
    moment: datetime,
    contacts: list[Contact],
    more: bool,
    postcode_too_long: bool = False,
) -> ResultsPage:
    u = outcome.understood
    hits = tuple(hit_views(outcome.hits, u.groups, u.display_words, locale, moment))
    query = query_string(u.original, postcode, outcome.filters)
    return ResultsPage(
        q=u.original,
        postcode=postcode,
        asked=asked(u),
        hits=hits,
        total=outcome.total,
        filters=filter_panel(outcome.counts, outcome.filters, u.original, postcode, locale),
        more_query=f"{query}&meer=1" if more else "",
        detail_query=urlencode({"postcode": u.postcode}) if u.postcode else "",
        truncated=u.truncated,
        postcode_error=postcode_too_long or u.postcode_error,
        location_unknown=outcome.location_unknown,
        ask_postcode=bool(hits) and not outcome.location_known and not outcome.location_unknown,
        any_demo=any(h.is_demo for h in hits),
        spelling=outcome.spelling,
        broader=tuple(tile(need, locale) for need in outcome.broader),
        contacts=tuple(contacts),
    )
