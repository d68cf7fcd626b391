"""Load a source's records into the catalogue, and account for what it added, changed or removed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from finder.models import CrawlChange, Offer, OfferSource, SourceRecord
from indexer import dedup, prune
from indexer.bulk import Fresh, insert_fresh
from indexer.catalogue_write import CatalogueWriter
from indexer.ids import offer_id as new_offer_id
from indexer.records import OfferRecord
from indexer.report import SourceReport
from indexer.sources.base import SourceConfig


class Loader:
    def __init__(
        self,
        engine: Engine,
        source: SourceConfig,
        run_id: int,
        report: SourceReport,
        writer: CatalogueWriter,
    ) -> None:
        self.engine = engine
        self.source = source
        self.run_id = run_id
        self.report = report
        self.writer = writer

    def load(self, records: list[OfferRecord]) -> None:
        if not records:
            return
        now = datetime.now(UTC)
        refs = list(dict.fromkeys(r.source_ref for r in records))
        with Session(self.engine) as session:
            known = {
                row.source_ref: row
                for row in session.exec(
                    select(SourceRecord).where(
                        SourceRecord.source_name == self.source.name,
                        col(SourceRecord.source_ref).in_(refs),
                    )
                )
            }
            careful = self._load_fresh(session, records, known, now)
            # Flushes are explicit (parents first); autoflush before every query is slow.
            with session.no_autoflush:
                for record in careful:
                    self._one(session, record, known, now)
            session.execute(
                update(OfferSource)
                .where(col(OfferSource.source_name) == self.source.name)
                .where(col(OfferSource.source_ref).in_(refs))
                .values(fetched_at=now)
            )
            session.commit()

    def _load_fresh(
        self,
        session: Session,
        records: list[OfferRecord],
        known: dict[str, SourceRecord],
        now: datetime,
    ) -> list[OfferRecord]:
        """Insert records that are new everywhere in bulk; return the rest for the careful path."""
        candidates = []
        for record in records:
            if record.source_ref in known:
                continue
            org_id = self.writer.organization(session, record.organization)
            offer_id = new_offer_id(self.source.kind.value, record.source_ref)
            keys = dedup.keys_for(record, org_id)
            candidates.append(Fresh(record, offer_id, org_id, keys, _digest(record)))
        taken = dedup.taken(session, [k for c in candidates for k in c.keys])
        ids = [c.offer_id for c in candidates]
        existing = set(session.exec(select(Offer.id).where(col(Offer.id).in_(ids))).all())
        fresh: list[Fresh] = []
        seen_refs: set[str] = set()
        for item in candidates:
            ref = item.record.source_ref
            if ref in seen_refs or item.offer_id in existing or taken.intersection(item.keys):
                continue
            seen_refs.add(ref)
            fresh.append(item)
        insert_fresh(
            session, fresh, self.writer, (self.source.kind, self.source.name), self.run_id, now
        )
        for item in fresh:
            known[item.record.source_ref] = SourceRecord(
                source_name=self.source.name, source_ref=item.record.source_ref,
                offer_id=item.offer_id, content_hash=item.digest, first_seen=now, last_seen=now,
                last_run_id=self.run_id,
            )  # fmt: skip
        self.report.added += len(fresh)
        self.report.indexed += len(fresh)
        done = {id(item.record) for item in fresh}
        return [r for r in records if id(r) not in done]

    def _one(
        self,
        session: Session,
        record: OfferRecord,
        known: dict[str, SourceRecord],
        now: datetime,
    ) -> None:
        seen = known.get(record.source_ref)
        if seen is not None and seen.last_run_id == self.run_id:
            self.report.skip("listed twice by the source")
            return
        digest = _digest(record)
        unchanged = seen is not None and seen.content_hash == digest
        if seen is not None and unchanged and _offer_exists(session, seen.offer_id):
            seen.last_seen, seen.last_run_id = now, self.run_id
            session.add(seen)
            self.report.indexed += 1
            return
        org_id = self.writer.organization(session, record.organization)
        keys = dedup.keys_for(record, org_id)
        offer_id = seen.offer_id if seen else self._match(session, record, keys)
        is_new = not _offer_exists(session, offer_id)
        primary = is_new or self._is_primary(session, offer_id)
        self.writer.offer(session, offer_id, record, org_id, primary)
        self.writer.places(session, offer_id, record, org_id, is_new)
        kind, name = self.source.kind, self.source.name
        self.writer.source(session, offer_id, record, kind, name, now, is_new)
        dedup.remember(session, keys, offer_id)
        if seen is None:
            seen = SourceRecord(
                source_name=self.source.name,
                source_ref=record.source_ref,
                offer_id=offer_id,
                content_hash=digest,
                first_seen=now,
                last_seen=now,
                last_run_id=self.run_id,
            )
            known[record.source_ref] = seen
        seen.content_hash, seen.last_seen, seen.last_run_id = digest, now, self.run_id
        session.add(seen)
        change = "added" if seen.first_seen == now else "changed"
        setattr(self.report, change, getattr(self.report, change) + 1)
        self.report.indexed += 1
        session.add(
            CrawlChange(
                run_id=self.run_id,
                source_name=self.source.name,
                change=change,
                source_ref=record.source_ref,
                offer_id=offer_id,
                title=record.title,
            )
        )
        session.flush()

    def _match(self, session: Session, record: OfferRecord, keys: list[str]) -> str:
        found = dedup.find_duplicate(session, keys, self.source.name)
        return found or new_offer_id(self.source.kind.value, record.source_ref)

    def _is_primary(self, session: Session, offer_id: str) -> bool:
        """The source that listed an offer first owns its text; later ones only add to it."""
        first = session.exec(
            select(OfferSource.source_name)
            .where(OfferSource.offer_id == offer_id)
            .order_by(col(OfferSource.id))
        ).first()
        return first is None or first == self.source.name

    def finish(self, completed_cleanly: bool) -> None:
        """After a source: drop what it no longer lists, or keep everything when it had errors."""
        with Session(self.engine) as session:
            if completed_cleanly:
                self.report.removed = prune.remove_unlisted(session, self.source.name, self.run_id)
            prune.clear_stale(session, self.source.name, self.run_id)
            session.commit()

    def mark_stale(self) -> None:
        with Session(self.engine) as session:
            self.report.stale = prune.mark_stale(session, self.source.name, datetime.now(UTC))
            session.commit()


def _offer_exists(session: Session, offer_id: str) -> bool:
    return session.get(Offer, offer_id) is not None


def _digest(record: OfferRecord) -> str:
    data = asdict(record)
    data.pop("source_url", None)
    return hashlib.sha1(
        json.dumps(data, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()
