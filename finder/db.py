"""The database engine. SQLite in WAL mode by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Enum, event, inspect, literal, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.schema import ColumnDefault
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


def _default_sql(engine: Engine, default: object) -> str:
    if not isinstance(default, ColumnDefault) or not default.is_scalar:
        return ""
    value = getattr(default.arg, "value", default.arg)  # enum members are stored by value
    return " DEFAULT " + str(
        literal(value).compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
    )


def _add_enum_values(connection: Connection) -> None:
    """PostgreSQL keeps enums as types of their own; a new member must be added to the type."""
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, Enum) or not column.type.name:
                continue
            column.type.create(connection, checkfirst=True)
            query = text(
                "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                "WHERE t.typname = :name"
            )
            present = set(connection.execute(query, {"name": column.type.name}).scalars())
            for value in column.type.enums:
                if value not in present:
                    name = connection.dialect.identifier_preparer.quote(column.type.name)
                    connection.execute(text(f"ALTER TYPE {name} ADD VALUE '{value}'"))


def upgrade_schema(engine: Engine) -> list[str]:
    """Brings tables made by an earlier version up to date, additively, and says what it added.

    New tables come from create_all; this adds the columns and enum members that later versions
    introduced. Nothing is ever dropped or rewritten, so an older database keeps all its rows.
    """
    added: list[str] = []
    existing = set(inspect(engine).get_table_names())
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            _add_enum_values(connection)
        inspector = inspect(connection)
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in existing:
                continue
            present = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in present:
                    continue
                kind = column.type.compile(dialect=engine.dialect)
                connection.execute(
                    text(
                        f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}"
                        + _default_sql(engine, column.default)
                    )
                )
                added.append(f"{table.name}.{column.name}")
    return added


def init_db(settings: Settings) -> Engine:
    engine = get_engine(settings)
    upgrade_schema(engine)
    if not settings.database_url:
        for suffix in ("", "-wal", "-shm"):
            tighten(settings.data_dir / f"catalogue.sqlite3{suffix}")
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
