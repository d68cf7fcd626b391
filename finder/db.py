"""The database engine. SQLite in WAL mode by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel, create_engine

import finder.models  # noqa: F401  (registers every table on SQLModel.metadata)
from finder.settings import Settings


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web workers read while the indexer or a referral write commits.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def get_engine(settings: Settings) -> Engine:
    if not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return _engine_for(settings.resolved_database_url)


def init_db(settings: Settings) -> Engine:
    engine = get_engine(settings)
    SQLModel.metadata.create_all(engine)
    return engine


def reachable(settings: Settings) -> bool:
    """Whether the database answers a trivial query now (for /healthz)."""
    try:
        with get_engine(settings).connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True
