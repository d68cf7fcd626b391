"""The general contacts that always help, shown when search cannot: the municipality, the
resident's wijkteam, and the library, each with its nearest place, phone and hours."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from finder.db import get_engine
from finder.geo import Point, haversine_km
from finder.hours import Status, now, status
from finder.offers import Place, organisation_places, wijkteam_for
from finder.settings import Settings
from finder.ui.urls import route_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    note: str  # municipality, wijkteam or library: what the page says it helps with
    offer_id: str = ""  # the wijkteam's own page
    place: str = ""
    address: str = ""
    route_url: str = ""
    status: Status | None = None


def _main_place(places: list[tuple[Place, int]], point: Point | None) -> Place | None:
    """Where the organisation mainly is: among the places holding at least half as many of its
    offers as its busiest one (the city office, not a care home one service visits; every
    library branch), the nearest, or else the busiest."""
    if not places:
        return None
    busiest = max(count for _, count in places)
    main = [p for p, count in places if count * 2 >= busiest]
    if point is None:
        return max(places, key=lambda pair: pair[1])[0]
    return min(
        main,
        key=lambda p: haversine_km(point, Point(*p.point)) if p.point else math.inf,
    )


def _organisation(
    session: Session, name: str, note: str, point: Point | None, moment: datetime
) -> Contact | None:
    found = organisation_places(session, name)
    if found is None:
        return None
    org, places = found
    place = _main_place(places, point)
    if place is None:
        return Contact(org.name, org.phone, note)
    return Contact(
        org.name,
        place.phone or org.phone,
        note,
        place=place.name,
        address=place.full_address,
        route_url=route_url(place.address, place.postcode, place.city),
        status=status(place.hours, moment) if place.hours else None,
    )


def municipality_contact(settings: Settings) -> Contact:
    """The municipality's general number, from the settings: known without the catalogue."""
    return Contact(settings.municipality_name, settings.municipality_phone, "municipality")


def general_contacts(
    settings: Settings,
    postcode: str | None = None,
    point: Point | None = None,
    moment: datetime | None = None,
) -> list[Contact]:
    moment = moment or now()
    contacts = [municipality_contact(settings)]
    try:
        with Session(get_engine(settings)) as session:
            found = _organisation(
                session, settings.municipality_name, "municipality", point, moment
            )
            if found is not None:
                contacts = [replace(found, phone=settings.municipality_phone or found.phone)]
            team = wijkteam_for(session, postcode)
            if team is not None:
                contacts.append(Contact(team.title, team.phone, "wijkteam", team.id))
            if settings.library_name:
                library = _organisation(session, settings.library_name, "library", point, moment)
                contacts.append(library or Contact(settings.library_name, "", "library"))
    except SQLAlchemyError as exc:
        # The municipality's number from the settings is still the way to reach a person.
        log.warning("general contacts without the catalogue: %s", exc)
    return contacts
