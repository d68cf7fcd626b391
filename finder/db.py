"""The database engine. SQLite in WAL mode by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, create_engine

import finder.models  # noqa: F401  (registers every table on SQLModel.metadata)
from finder.files import private_dir, private_files, tighten
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
    # The catalogue, the index beside it and SQLite's journal files are private from the start.
    private_files()
    if not settings.database_url:
        private_dir(settings.data_dir)
    return _engine_for(settings.resolved_database_url)


def init_db(settings: Settings) -> Engine:
    engine = get_engine(settings)
    if not settings.database_url:
        for suffix in ("", "-wal", "-shm"):
            tighten(settings.data_dir / f"catalogue.sqlite3{suffix}")
    SQLModel.metadata.create_all(engine)
    return engine
