"""Adding a tally to the database, and the end-of-day rule for words (k-anonymity).

Counts are added with INSERT … ON CONFLICT DO UPDATE, so several workers flushing at once add
up instead of overwriting one another (SQLite and PostgreSQL alike).

Words of an unanswered question are counted per ISO week under a keyed hash. Once a word group
reaches k in a week it is kept in the clear (UnansweredWords). Until then it waits in
UnansweredToday, and at the end of its day it is deleted unless it reached k by then.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from finder.insights.tally import Drained
from finder.models import SearchCount, UnansweredToday, UnansweredWeek, UnansweredWords, WeekKey


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _insert(session: Session, table: type[SQLModel]) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _add(
    session: Session, table: type[SQLModel], keys: dict[str, Any], counts: dict[str, int]
) -> None:
    statement = _insert(session, table).values(**keys, **counts)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: getattr(table, name) + statement.excluded[name] for name in counts},
    )
    session.execute(statement)


def _week_key(session: Session, week: str) -> bytes:
    session.execute(
        _insert(session, WeekKey)
        .values(week=week, key=secrets.token_bytes(32))
        .on_conflict_do_nothing()
    )
    return session.exec(select(WeekKey.key).where(WeekKey.week == week)).one()


def _digest(key: bytes, words: str) -> str:
    return hmac.new(key, words.encode(), hashlib.sha256).hexdigest()


def _week_count(session: Session, week: str, digest: str) -> int:
    found = session.exec(
        select(UnansweredWeek.count).where(
            UnansweredWeek.week == week, UnansweredWeek.digest == digest
        )
    ).first()
    return int(found or 0)


def _keep(session: Session, week: str, words: str, count: int) -> None:
    statement = _insert(session, UnansweredWords).values(week=week, words=words, count=count)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["week", "words"], set_={"count": statement.excluded.count}
        )
    )


def flush(engine: Engine, drained: Drained, k: int) -> None:
    with Session(engine) as session:
        for (day, need, wijk), (searches, empty, refined) in sorted(drained.counts.items()):
            _add(session, SearchCount, {"day": day, "need": need, "wijk": wijk},
                 {"searches": searches, "empty": empty, "refined": refined})  # fmt: skip
        for (day, words), count in sorted(drained.words.items()):
            week = week_of(day)
            digest = _digest(_week_key(session, week), words)
            _add(session, UnansweredWeek, {"week": week, "digest": digest}, {"count": count})
            total = _week_count(session, week, digest)
            if total >= k:
                _keep(session, week, words, total)
                session.execute(
                    delete(UnansweredToday).where(
                        col(UnansweredToday.day) == day, col(UnansweredToday.words) == words
                    )
                )
            else:
                _add(session, UnansweredToday, {"day": day, "words": words}, {"count": count})
        session.commit()


def end_of_day(engine: Engine, today: date, k: int) -> int:
    """Decides every earlier day's waiting word groups; returns how many were thrown away."""
    thrown = 0
    with Session(engine) as session:
        waiting = session.exec(
            select(UnansweredToday).where(col(UnansweredToday.day) < today)
        ).all()
        for row in waiting:
            week = week_of(row.day)
            key = session.exec(select(WeekKey.key).where(WeekKey.week == week)).first()
            total = _week_count(session, week, _digest(key, row.words)) if key else 0
            if total >= k:
                _keep(session, week, row.words, total)
            else:
                thrown += 1
            session.delete(row)
        # A finished week's key goes with its hashes: what never reached k cannot be guessed.
        current = week_of(today)
        session.execute(delete(UnansweredWeek).where(col(UnansweredWeek.week) < current))
        session.execute(delete(WeekKey).where(col(WeekKey.week) < current))
        session.commit()
    return thrown
