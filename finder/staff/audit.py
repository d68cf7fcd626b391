"""The audit log: every view or change of a referral's personal data, with who and when."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from finder.models import AuditEntry


def record(
    db: Session, actor_id: int | None, action: str, reference: str = "", detail: str = ""
) -> None:
    """Adds the entry to the caller's transaction, so the change and its trace commit together."""
    db.add(
        AuditEntry(
            at=datetime.now(UTC),
            actor_id=actor_id,
            action=action,
            reference=reference,
            detail=detail,
        )
    )


def recent(db: Session, limit: int = 100) -> list[AuditEntry]:
    return list(db.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(limit)))
