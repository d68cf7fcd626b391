"""Finding offers and organisations in the catalogue by a few words, for linking receivers.

Admins type what they know ("taalpunt", "schuldhulp zuid"); every word must occur in the offer's
title, its organisation's name or its keywords, ignoring case and accents. Plain substring
matching is predictable for this small administrative task and works before any index exists.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, col, select

from finder.models import Offer, OfferStatus, Organization

LIMIT = 50


@dataclass(frozen=True)
class CatalogueOffer:
    id: str
    title: str
    organization_id: str
    organization_name: str


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _matches(words: list[str], *texts: str) -> bool:
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in words)


def find_offers(db: Session, query: str, limit: int = LIMIT) -> list[CatalogueOffer]:
    words = fold(query).split()
    if not words:
        return []
    rows = db.exec(
        select(Offer, Organization)
        .join(Organization, col(Organization.id) == col(Offer.organization_id))
        .where(Offer.status == OfferStatus.active)
        .order_by(col(Offer.title), col(Offer.id))
    )
    found = [
        CatalogueOffer(offer.id, offer.title, org.id, org.name)
        for offer, org in rows
        if _matches(words, offer.title, org.name, " ".join(offer.keywords))
    ]
    return found[:limit]


def find_organizations(db: Session, query: str, limit: int = LIMIT) -> list[Organization]:
    words = fold(query).split()
    if not words:
        return []
    orgs = db.exec(select(Organization).order_by(col(Organization.name), col(Organization.id)))
    return [o for o in orgs if _matches(words, o.name)][:limit]
