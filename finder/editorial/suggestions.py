"""Residents' reports ("Klopt er iets niet?"): checked, limited per client, queued for editors.

No IP address is stored: the rate limit counts under a keyed hash of the client address, and
those counts are deleted after a day (finder/staff/retention.py). The optional e-mail address
is encrypted and wiped as soon as an editor has handled the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from finder.crypto import decrypt, encrypt, keyed_hash
from finder.models import Offer, Problem, RateLimitHit, Suggestion, SuggestionState
from finder.settings import Settings

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NOTE = 1000
# Enough for a helper at a shared Stadkamer computer reporting a few offers in a row.
LIMIT = 5
WINDOW = timedelta(hours=1)
ACTION = "report"


@dataclass(frozen=True)
class Report:
    problem: str = ""
    note: str = ""
    email: str = ""

    def errors(self) -> dict[str, str]:
        found = {}
        if self.problem not in {p.value for p in Problem}:
            found["problem"] = "problem"
        if len(self.note) > MAX_NOTE:
            found["note"] = "note"
        if self.email.strip() and (len(self.email) > 254 or not EMAIL.match(self.email.strip())):
            found["email"] = "email"
        return found


def _client_key(settings: Settings, client: str) -> str:
    return keyed_hash(settings, "report-client", client)


def limited(settings: Settings, db: Session, client: str, now: datetime | None = None) -> bool:
    since = (now or datetime.now(UTC)) - WINDOW
    used = db.exec(
        select(func.count())
        .select_from(RateLimitHit)
        .where(
            RateLimitHit.key == _client_key(settings, client),
            RateLimitHit.action == ACTION,
            col(RateLimitHit.at) >= since,
        )
    ).one()
    return int(used) >= LIMIT


def count(settings: Settings, db: Session, client: str) -> None:
    """Every attempt counts, also a bot's that filled the honeypot; the caller commits."""
    db.add(RateLimitHit(key=_client_key(settings, client), action=ACTION, at=datetime.now(UTC)))


def submit(settings: Settings, db: Session, offer: Offer, report: Report) -> Suggestion:
    suggestion = Suggestion(
        offer_id=offer.id,
        offer_title=offer.title,
        problem=report.problem,
        note=report.note.strip(),
        email_enc=encrypt(settings, report.email.strip()),
        created_at=datetime.now(UTC),
    )
    db.add(suggestion)
    return suggestion


def open_ones(db: Session, limit: int = 200) -> list[Suggestion]:
    query = select(Suggestion).where(Suggestion.state == SuggestionState.open.value)
    return list(db.exec(query.order_by(col(Suggestion.id)).limit(limit)))


def open_for(db: Session, offer_id: str) -> list[Suggestion]:
    query = select(Suggestion).where(
        Suggestion.offer_id == offer_id, Suggestion.state == SuggestionState.open.value
    )
    return list(db.exec(query.order_by(col(Suggestion.id))))


def email_of(settings: Settings, suggestion: Suggestion) -> str:
    return decrypt(settings, suggestion.email_enc)


def handle(db: Session, suggestion: Suggestion, state: SuggestionState, actor_id: int) -> None:
    """Accepted or rejected: the reporter's address is no longer needed, so it goes now."""
    suggestion.state = state.value
    suggestion.handled_at = datetime.now(UTC)
    suggestion.handled_by = actor_id
    suggestion.email_enc = ""
    db.add(suggestion)
