"""What the editors' pages show, as frozen view models built from the editorial tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.dates import get_day_names
from sqlmodel import Session, col, select

from finder.crypto import decrypt
from finder.editorial import corrections, freshness, suggestions, values
from finder.editorial.overlay import overlay_for, periods_of
from finder.hours import opening_period
from finder.models import (
    CorrectedField,
    Location,
    Offer,
    OfferHold,
    OfferLocation,
    Organization,
    Schedule,
    Suggestion,
)
from finder.settings import Settings
from finder.staff import clock
from finder.ui.i18n import current_locale


def shown(field: str, value: dict[str, Any]) -> str:
    """A stored value as an editor reads it, e.g. "Lübeckplein 2, 8011 LP Zwolle"."""
    if field == CorrectedField.address:
        street = value.get("address") or ""
        return f"{street}, {value.get('postcode') or ''} {value.get('city') or ''}".strip(" ,")
    if field == CorrectedField.hours:
        names = get_day_names("abbreviated", locale=current_locale.get())
        return (
            "; ".join(f"{names[p.weekday]} {p.opens}–{p.closes}" for p in periods_of(value)) or "–"
        )
    if field == CorrectedField.gone:
        return ""
    return str(value.get("text") or "–")


@dataclass(frozen=True)
class ReportRow:
    id: int
    offer_id: str
    offer_title: str
    problem: str
    note: str
    received: str
    email: str


@dataclass(frozen=True)
class ConflictRow:
    correction_id: int
    offer_id: str
    offer_title: str
    field: str
    corrected: str
    was: str
    now: str


@dataclass(frozen=True)
class OfferRow:
    offer_id: str
    title: str
    since: str


def report_row(settings: Settings, s: Suggestion, with_email: bool = False) -> ReportRow:
    return ReportRow(
        id=s.id or 0,
        offer_id=s.offer_id,
        offer_title=s.offer_title,
        problem=s.problem,
        note=s.note,
        received=clock.when(s.created_at),
        email=decrypt(settings, s.email_enc) if with_email else "",
    )


def queue(settings: Settings, db: Session) -> dict[str, Any]:
    return {
        "reports": [report_row(settings, s) for s in suggestions.open_ones(db)],
        "conflicts": [
            ConflictRow(
                c.correction.id or 0,
                c.correction.offer_id,
                c.offer_title,
                c.correction.field,
                shown(c.correction.field, c.correction.value),
                shown(c.correction.field, c.correction.source_value),
                shown(c.correction.field, c.crawled),
            )
            for c in corrections.conflicts(db)
        ],
        "stale": [
            OfferRow(o.id, o.title, clock.day(o.stale_since) if o.stale_since else "")
            for o in freshness.stale_offers(db, settings.stale_after_days)
        ],
        "holds": [
            OfferRow(o.id, o.title, clock.day(h.held_at))
            for h, o in db.exec(
                select(OfferHold, Offer)
                .join(Offer, col(Offer.id) == col(OfferHold.offer_id))
                .order_by(col(OfferHold.held_at))
                .limit(200)
            )
        ],
    }


@dataclass(frozen=True)
class PlaceForm:
    id: str
    name: str
    address: str
    postcode: str
    city: str
    corrected: bool


@dataclass(frozen=True)
class CorrectionRow:
    id: int
    field: str
    place: str
    value: str
    crawled: str


def _place_form(place: Location, corrected: dict[str, Any] | None) -> PlaceForm:
    shown_now = corrected or {
        "address": place.address,
        "postcode": place.postcode,
        "city": place.city,
    }
    return PlaceForm(
        place.id,
        place.name,
        str(shown_now.get("address") or ""),
        str(shown_now.get("postcode") or ""),
        str(shown_now.get("city") or ""),
        corrected is not None,
    )


def offer_page(settings: Settings, db: Session, offer: Offer) -> dict[str, Any]:
    overlay = overlay_for(db, offer.id)
    org = db.get(Organization, offer.organization_id)
    place_ids = db.exec(
        select(OfferLocation.location_id).where(OfferLocation.offer_id == offer.id)
    ).all()
    places = db.exec(
        select(Location).where(col(Location.id).in_(place_ids)).order_by(col(Location.name))
    ).all()
    names = {p.id: p.name or p.address for p in places}
    schedules = db.exec(select(Schedule).where(Schedule.offer_id == offer.id)).all()
    week = overlay.hours([opening_period(s) for s in schedules])
    hours = {
        p.weekday: (p.opens or "", p.closes or "")
        for p in week
        if not p.valid_from and not p.closed
    }
    fresh = freshness.freshness_of(db, [offer.id], settings.stale_after_days)[offer.id]
    return {
        "offer": offer,
        "organisation": org.name if org else "",
        "hidden": overlay.hidden,
        "held": db.get(OfferHold, offer.id) is not None,
        "fresh": fresh,
        "confirmed": clock.day(fresh.confirmed_at) if fresh.confirmed_at else "",
        "current": {
            name.value: overlay.text(name, getattr(offer, name.value))
            for name in (CorrectedField.phone, CorrectedField.email, CorrectedField.url)
        },
        "places": [_place_form(p, overlay.address(p.id)) for p in places],
        "hours": hours,
        "corrections": [
            CorrectionRow(
                c.id or 0,
                c.field,
                names.get(c.location_id, ""),
                shown(c.field, c.value),
                shown(c.field, values.crawled(db, offer, CorrectedField(c.field), c.location_id)),
            )
            for c in overlay.corrections.values()
        ],
        "reports": [
            report_row(settings, s, with_email=True) for s in suggestions.open_for(db, offer.id)
        ],
    }
