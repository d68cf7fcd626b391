"""The visitor list: offers a helper collects for one visitor, kept in the staff session only."""

from __future__ import annotations

from sqlmodel import Session

from finder.models import StaffSession
from finder.offers import get_offer

MAX_ITEMS = 20


def _row(db: Session, session_hash: str) -> StaffSession:
    row = db.get(StaffSession, session_hash)
    if row is None:
        raise LookupError("the staff session has ended")
    return row


def _save(db: Session, row: StaffSession, items: list[str]) -> None:
    row.visitor_list = items
    db.add(row)
    db.commit()


def add(db: Session, session_hash: str, offer_id: str) -> bool:
    if get_offer(db, offer_id) is None:
        return False
    row = _row(db, session_hash)
    items = list(row.visitor_list)
    if offer_id not in items and len(items) < MAX_ITEMS:
        _save(db, row, [*items, offer_id])
    return True


def remove(db: Session, session_hash: str, offer_id: str) -> None:
    row = _row(db, session_hash)
    _save(db, row, [i for i in row.visitor_list if i != offer_id])


def clear(db: Session, session_hash: str) -> None:
    """ "Nieuwe bezoeker": nothing of the previous visitor stays behind."""
    _save(db, _row(db, session_hash), [])
