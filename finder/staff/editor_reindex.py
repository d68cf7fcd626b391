"""A new index generation after editors changed what residents see, built in the background.

Editors' requests are one row (ReindexRequest); whichever worker claims it first builds the
generation, and a request made while that runs is picked up by the next round.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import or_, update
from sqlmodel import Session, col

from finder.db import get_engine
from finder.editorial.freshness import aware
from finder.models import ReindexRequest
from finder.search.indexing import reindex
from finder.settings import Settings

log = logging.getLogger(__name__)


def run_if_requested(settings: Settings) -> bool:
    with Session(get_engine(settings)) as db:
        row = db.get(ReindexRequest, 1)
        if row is None:
            return False
        requested = row.requested_at
        started = aware(row.started_at)
        if started is not None and started >= (aware(requested) or started):
            return False
        claimed = db.execute(
            update(ReindexRequest)
            .where(col(ReindexRequest.id) == 1, col(ReindexRequest.requested_at) == requested)
            .where(
                or_(
                    col(ReindexRequest.started_at).is_(None),
                    col(ReindexRequest.started_at) < col(ReindexRequest.requested_at),
                )
            )
            .values(started_at=datetime.now(UTC))
        )
        db.commit()
        if getattr(claimed, "rowcount", 0) != 1:
            return False
    build = reindex(settings)
    log.info("index rebuilt after editors' changes: %d documents", build.count)
    return True
