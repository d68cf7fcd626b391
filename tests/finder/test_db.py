"""A database made by an earlier version is brought up to date without losing a row."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from finder.db import init_db
from finder.models import Referral, ReferralEvent, ReferralStatus
from finder.settings import Settings
from tests.postgres import running_postgres

# The referral tables as version 0.1.0 made them on SQLite.
OLD_SQLITE = [
    """CREATE TABLE referral (id INTEGER NOT NULL PRIMARY KEY, reference VARCHAR NOT NULL,
    offer_id VARCHAR NOT NULL, offer_title VARCHAR NOT NULL, receiving_org_id VARCHAR NOT NULL,
    receiving_org_name VARCHAR NOT NULL, referrer_id INTEGER NOT NULL, status VARCHAR(11) NOT NULL,
    digital BOOLEAN NOT NULL, name_enc VARCHAR NOT NULL, contact_enc VARCHAR NOT NULL,
    question_enc VARCHAR NOT NULL, consent_text VARCHAR NOT NULL, consent_at DATETIME NOT NULL,
    resident_key VARCHAR NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
    closed_at DATETIME)""",
    """CREATE TABLE referralevent (id INTEGER NOT NULL PRIMARY KEY, referral_id INTEGER NOT NULL,
    status VARCHAR(11) NOT NULL, note_enc VARCHAR NOT NULL, actor_id INTEGER, at DATETIME NOT NULL)""",
    """INSERT INTO referral VALUES (1, 'ZW-AAAA-BBBB', 'o1', 'Taal', 'org-1', 'Taalpunt', 1,
    'received', 1, 'n', 'c', 'q', 'consent', '2026-11-01 10:00:00', 'k', '2026-11-01 10:00:00',
    '2026-11-01 10:00:00', NULL)""",
    "INSERT INTO referralevent VALUES (1, 1, 'received', '', 1, '2026-11-01 10:00:00')",
]


def _old_rows_survive(settings: Settings) -> None:
    with Session(init_db(settings)) as db:
        referral = db.exec(select(Referral)).one()
        assert referral.reference == "ZW-AAAA-BBBB"
        assert referral.nickname_enc == "" and referral.intake_enc == ""
        assert referral.receiver_org_id is None
        assert db.exec(select(ReferralEvent)).one().kind == "status"
        referral.status = ReferralStatus.closed  # a status the old version did not know
        referral.closed_at = datetime.now(UTC)
        db.add(referral)
        db.commit()
        assert db.exec(select(Referral)).one().status == ReferralStatus.closed


def test_sqlite_database_of_an_earlier_version_gains_the_new_columns(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, environment="test")
    engine = create_engine(settings.resolved_database_url)
    with engine.begin() as connection:
        for statement in OLD_SQLITE:
            connection.execute(text(statement))
    engine.dispose()
    _old_rows_survive(settings)
    # Running it again changes nothing.
    assert init_db(settings) is not None


def test_postgresql_database_of_an_earlier_version_gains_columns_and_enum_values(
    tmp_path: Path,
) -> None:
    old_statements = [
        "CREATE TYPE referralstatus AS ENUM "
        "('received', 'contacted', 'helped', 'not_reached', 'declined', 'slip_only')",
        *(
            s.replace("DATETIME", "TIMESTAMP WITH TIME ZONE")
            .replace("INTEGER NOT NULL PRIMARY KEY", "SERIAL PRIMARY KEY")
            .replace("status VARCHAR(11)", "status referralstatus")
            .replace(", 1, 'n'", ", TRUE, 'n'")
            for s in OLD_SQLITE
        ),
    ]
    with running_postgres() as url:
        engine = create_engine(url)
        with engine.begin() as connection:
            for statement in old_statements:
                connection.execute(text(statement))
        engine.dispose()
        settings = Settings(data_dir=tmp_path, database_url=url, environment="test")
        _old_rows_survive(settings)
