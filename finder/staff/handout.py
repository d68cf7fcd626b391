"""The A4 handout for a visitor, and the same content as plain text for e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlmodel import Session

from finder.hours import DayGroup, compact, now, week
from finder.offers import get_offer
from finder.text import one_line
from finder.ui.i18n import gettext_ as _
from finder.ui.qr import qr_svg
from finder.ui.urls import route_url

# Five offers fit on one A4 when each says what it is in one line.
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class HandoutPlace:
    name: str
    address: str
    route_url: str
    phone: str
    week: tuple[DayGroup, ...]  # the week at a glance: "ma–vr 09:00–17:00"


@dataclass(frozen=True)
class HandoutItem:
    offer_id: str
    title: str
    organization: str
    summary: str
    phone: str
    what_to_bring: tuple[str, ...]
    url: str
    qr: Markup
    is_demo: bool
    places: tuple[HandoutPlace, ...] = ()
    week: tuple[DayGroup, ...] = ()


def offer_url(site: str, offer_id: str) -> str:
    """`site`: the public address of the site (finder.ui.urls.site_url)."""
    return f"{site.rstrip('/')}/aanbod/{offer_id}"


def build(
    site: str, db: Session, offer_ids: Sequence[str], moment: datetime | None = None
) -> list[HandoutItem]:
    today = (moment or now()).date()
    items = []
    for offer_id in offer_ids:
        offer = get_offer(db, offer_id)
        if offer is None:
            continue
        url = offer_url(site, offer.id)
        places = tuple(
            HandoutPlace(
                name=p.name,
                address=p.full_address,
                route_url=route_url(p.address, p.postcode, p.city),
                phone=p.phone,
                week=compact(week(p.hours, today)),
            )
            for p in offer.places
        )
        items.append(
            HandoutItem(
                offer_id=offer.id,
                title=offer.title,
                organization=offer.organization.name if offer.organization else "",
                summary=one_line(offer.summary, SUMMARY_CHARS),
                phone=offer.contact_phone,
                what_to_bring=offer.things_to_bring,
                url=url,
                qr=qr_svg(url, _("QR code to the page about %(title)s") % {"title": offer.title}),
                is_demo=offer.is_demo,
                places=places,
                week=compact(week(offer.hours, today)) if offer.hours else (),
            )
        )
    return items


def hours_text(groups: Sequence[DayGroup], day_names: Sequence[str]) -> str:
    """ "Mon–Fri 09:00–17:00 · Thu 18:30–20:30", for e-mail."""
    parts = []
    for group in groups:
        days = ", ".join(
            day_names[first] if first == last else f"{day_names[first]}–{day_names[last]}"
            for first, last in group.runs
        )
        spans = ", ".join(f"{p.opens}–{p.closes}" for p in group.periods)
        parts.append(f"{days} {spans}")
    return " · ".join(parts)


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
            if place.week:
                lines.append(f"  {hours_text(place.week, day_names)}")
        if item.week:
            lines.append(f"  {hours_text(item.week, day_names)}")
        if item.phone:
            lines.append(_("Phone: %(phone)s") % {"phone": item.phone})
        if item.what_to_bring:
            things = ", ".join(item.what_to_bring)
            lines.append(_("What to bring: %(items)s") % {"items": things})
        lines.append(_("More information: %(url)s") % {"url": item.url})
        if item.is_demo:
            lines.append(_("Demo data: some details are made up."))
        lines.append("")
    return "\n".join(lines)
