"""The offer page: the offer, its places nearest first, their hours at a glance."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from finder.geo import Point, haversine_km
from finder.hours import Day, DayGroup, Status, WeekDay, compact, status, upcoming, week
from finder.offers import OfferDetail, Place
from finder.query.tagging import tag_needs
from finder.ui.glossary import Term, terms_in
from finder.ui.urls import route_url
from finder.web.examples import need_labels


@dataclass(frozen=True)
class PlaceView:
    place: Place
    distance_km: float | None
    status: Status
    week: tuple[WeekDay, ...]
    compact: tuple[DayGroup, ...]
    upcoming: tuple[Day, ...]
    route_url: str


@dataclass(frozen=True)
class OfferPage:
    offer: OfferDetail
    places: tuple[PlaceView, ...]  # nearest first when the resident's postcode is known
    hours: PlaceView | None  # the offer's own hours, when it has no places
    topics: tuple[str, ...]
    glossary: tuple[Term, ...]
    postcode: str
    nearest_first: bool


def _hours_view(place: Place, point: Point | None, moment: datetime) -> PlaceView:
    distance = (
        haversine_km(point, Point(*place.point)) if point and place.point is not None else None
    )
    days = week(place.hours, moment.date())
    return PlaceView(
        place=place,
        distance_km=distance,
        status=status(place.hours, moment),
        week=days,
        compact=compact(days),
        upcoming=tuple(upcoming(place.hours, moment.date())),
        route_url=route_url(place.address, place.postcode, place.city),
    )


def offer_page(
    offer: OfferDetail, locale: str, moment: datetime, point: Point | None, postcode: str
) -> OfferPage:
    places = [_hours_view(p, point, moment) for p in offer.places]
    if point is not None:
        places.sort(key=lambda v: math.inf if v.distance_km is None else v.distance_km)
    own = None
    if not offer.places and offer.hours:
        own = _hours_view(Place("", "", "", "", "", None, None, "", "", offer.hours), None, moment)
    needs = tag_needs(offer.title, offer.summary, list(offer.keywords), list(offer.upl_uris))
    texts = (offer.title, offer.summary, offer.eligibility, offer.what_to_bring, offer.costs)
    digid = "digid" if "digid" in offer.how_to_apply else ""
    return OfferPage(
        offer=offer,
        places=tuple(places),
        hours=own,
        topics=need_labels(needs, locale),
        glossary=tuple(terms_in(*texts, _plain(offer.description_html), digid)),
        postcode=postcode,
        nearest_first=point is not None and len(places) > 1,
    )


def _plain(html: str) -> str:
    return Markup(html).striptags()  # noqa: S704 - only read as text, never rendered
