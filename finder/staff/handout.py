"""The A4 handout for a visitor, and the same content as plain text for e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlmodel import Session

from finder.hours import OpeningPeriod, weekly
from finder.offers import get_offer
from finder.settings import Settings
from finder.ui.i18n import gettext_ as _
from finder.ui.qr import qr_svg
from finder.ui.urls import route_url

Week = tuple[tuple[int, list[OpeningPeriod]], ...]


@dataclass(frozen=True)
class HandoutPlace:
    name: str
    address: str
    route_url: str
    phone: str
    week: Week


@dataclass(frozen=True)
class HandoutItem:
    offer_id: str
    title: str
    organization: str
    summary: str
    phone: str
    what_to_bring: str
    url: str
    qr: Markup
    is_demo: bool
    places: tuple[HandoutPlace, ...] = ()
    week: Week = ()


def offer_url(settings: Settings, offer_id: str) -> str:
    return f"{settings.base_url.rstrip('/')}/aanbod/{offer_id}"


def build(
    settings: Settings, db: Session, offer_ids: tuple[str, ...] | list[str]
) -> list[HandoutItem]:
    items = []
    for offer_id in offer_ids:
        view = get_offer(db, offer_id)
        if view is None:
            continue
        o, org = view.offer, view.organization
        url = offer_url(settings, o.id)
        places = tuple(
            HandoutPlace(
                name=p.location.name,
                address=", ".join(
                    x
                    for x in (
                        p.location.address,
                        f"{p.location.postcode} {p.location.city}".strip(),
                    )
                    if x
                ),
                route_url=route_url(p.location.address, p.location.postcode, p.location.city),
                phone=p.location.phone,
                week=tuple(weekly(p.hours or view.hours)),
            )
            for p in view.places
        )
        items.append(
            HandoutItem(
                offer_id=o.id,
                title=o.title,
                organization=org.name if org else "",
                summary=o.summary,
                phone=o.phone or (org.phone if org else ""),
                what_to_bring=o.what_to_bring,
                url=url,
                qr=qr_svg(url, _("QR code to the page about %(title)s") % {"title": o.title}),
                is_demo=o.is_demo,
                places=places,
                week=tuple(weekly(view.hours)) if view.hours else (),
            )
        )
    return items


def _hours_lines(week: Week, day_names: Sequence[str]) -> list[str]:
    return [
        f"  {day_names[day]}: " + ", ".join(f"{p.opens}-{p.closes}" for p in periods)
        for day, periods in week
        if periods
    ]


def as_text(items: list[HandoutItem], day_names: list[str]) -> str:
    lines = [_("Where you can go"), ""]
    for item in items:
        lines.append(item.title)
        if item.organization:
            lines.append(item.organization)
        if item.summary:
            lines.append(item.summary)
        for place in item.places:
            lines.append(
                _("Address: %(address)s")
                % {"address": f"{place.name}, {place.address}".strip(", ")}
            )
            lines.extend(_hours_lines(place.week, day_names))
        lines.extend(_hours_lines(item.week, day_names))
        if item.phone:
            lines.append(_("Phone: %(phone)s") % {"phone": item.phone})
        if item.what_to_bring:
            things = ", ".join(item.what_to_bring.splitlines())
            lines.append(_("What to bring: %(items)s") % {"items": things})
        lines.append(_("More information: %(url)s") % {"url": item.url})
        if item.is_demo:
            lines.append(_("Demo data: some details are made up."))
        lines.append("")
    return "\n".join(lines)
