"""One offer from two sources: same UPL and organisation, or same name at the same address."""

from __future__ import annotations

from sqlmodel import Session, col, select

from finder.models import DedupKey, Offer, SourceRecord
from indexer.ids import normalise
from indexer.records import OfferRecord


def keys_for(record: OfferRecord, organization_id: str) -> list[str]:
    keys = [f"upl|{uri.lower()}|{organization_id}" for uri in record.upl_uris]
    title = normalise(record.title)
    keys += [
        f"name|{title}|{normalise(loc.address)}|{loc.postcode[:4]}"
        for loc in record.locations
        if loc.address
    ]
    return list(dict.fromkeys(keys))


def find_duplicate(session: Session, keys: list[str], source_name: str) -> str | None:
    """An existing offer with one of these keys that this same source does not already list.

    Two records of one source are never merged: a municipality may list three products
    under one UPL name, and they stay three offers.
    """
    if not keys:
        return None
    rows = session.exec(select(DedupKey).where(col(DedupKey.key).in_(keys))).all()
    by_key = {row.key: row.offer_id for row in rows}
    for key in keys:
        offer_id = by_key.get(key)
        if offer_id is None or session.get(Offer, offer_id) is None:
            continue
        own = session.exec(
            select(SourceRecord.source_ref).where(
                SourceRecord.offer_id == offer_id, SourceRecord.source_name == source_name
            )
        ).first()
        if own is None:
            return offer_id
    return None


def remember(session: Session, keys: list[str], offer_id: str) -> None:
    existing = set(session.exec(select(DedupKey.key).where(col(DedupKey.key).in_(keys))).all())
    for key in keys:
        if key not in existing:
            session.add(DedupKey(key=key, offer_id=offer_id))


def taken(session: Session, keys: list[str]) -> set[str]:
    """Which of these keys already point at an offer (one query for a whole batch)."""
    if not keys:
        return set()
    return set(session.exec(select(DedupKey.key).where(col(DedupKey.key).in_(keys))).all())
