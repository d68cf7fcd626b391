"""Load a source's records into the catalogue, and account for what it added, changed or removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from finder.models import CrawlChange, Offer, OfferSource, SourceRecord
from indexer import dedup, prune, rows
from indexer.bulk import Fresh, insert_fresh
from indexer.catalogue_write import CatalogueWriter
from indexer.ids import offer_id as new_offer_id
from indexer.normalise import Normalised
from indexer.records import OfferRecord
from indexer.report import SourceReport
from indexer.rows import Provenance
from indexer.sources.base import SourceConfig


@dataclass
class Loaded:
    """What one batch did; the crawl adds it to the source's report."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    repeated: int = 0

    def add_to(self, report: SourceReport) -> None:
        report.added += self.added
        report.changed += self.changed
        report.indexed += self.added + self.changed + self.unchanged
        if self.repeated:
            report.skipped["listed twice by the source"] += self.repeated


@dataclass
class _Batch:
    """What loading one batch keeps track of."""

    by: Provenance
    # The source's records among this batch's refs, as earlier runs and batches left them.
    known: dict[str, SourceRecord]
    loaded: Loaded = field(default_factory=Loaded)
    # Refs written in this batch: a second listing of one is skipped.
    handled: set[str] = field(default_factory=set)
    # Offers of known records that the catalogue still holds.
    present: set[str] = field(default_factory=set)
    # Unchanged records, whose OfferSource rows get a new fetched_at.
    confirmed: list[SourceRecord] = field(default_factory=list)


class Loader:
    def __init__(
        self,
        engine: Engine,
        source: SourceConfig,
        run_id: int,
        writer: CatalogueWriter,
        guard: prune.DropGuard,
    ) -> None:
        self.engine = engine
        self.source = source
        self.run_id = run_id
        self.writer = writer
        self.guard = guard

    def load(self, items: list[Normalised]) -> Loaded:
        if not items:
            return Loaded()
        by = Provenance(self.source.kind, self.source.name, self.run_id, datetime.now(UTC))
        refs = list(dict.fromkeys(item.record.source_ref for item in items))
        with Session(self.engine) as session:
            known = session.exec(
                select(SourceRecord).where(
                    SourceRecord.source_name == self.source.name,
                    col(SourceRecord.source_ref).in_(refs),
                )
            )
            batch = _Batch(by, {row.source_ref: row for row in known})
            careful = self._load_fresh(session, items, batch)
            batch.present = _present(session, [row.offer_id for row in batch.known.values()])
            # Flushes are explicit (parents first); autoflush before every query is slow.
            with session.no_autoflush:
                for item in careful:
                    self._one(session, item, batch)
            if batch.confirmed:
                # By offer id, which is indexed: by source name alone it scanned the table.
                confirmed = batch.confirmed
                session.execute(
                    update(OfferSource)
                    .where(col(OfferSource.offer_id).in_({row.offer_id for row in confirmed}))
                    .where(col(OfferSource.source_name) == self.source.name)
                    .where(col(OfferSource.source_ref).in_([row.source_ref for row in confirmed]))
                    .values(fetched_at=by.now)
                )
            session.commit()
        return batch.loaded

    def _load_fresh(
        self, session: Session, items: list[Normalised], batch: _Batch
    ) -> list[Normalised]:
        """Insert records that are new everywhere in bulk; return the rest for the careful path."""
        candidates = []
        for item in items:
            record = item.record
            if record.source_ref in batch.known:
                continue
            org_id = self.writer.organization(session, record.organization)
            offer_id = new_offer_id(self.source.kind.value, record.source_ref)
            keys = dedup.keys_for(record, org_id)
            candidates.append(Fresh(item, offer_id, org_id, keys, rows.places(record)))
        taken = dedup.taken(session, [k for c in candidates for k in c.keys])
        existing = _present(session, [c.offer_id for c in candidates])
        fresh: list[Fresh] = []
        for candidate in candidates:
            ref = candidate.item.record.source_ref
            if ref in batch.handled or candidate.offer_id in existing:
                continue
            if taken.intersection(candidate.keys):
                continue  # may be another source's offer: the careful path decides
            batch.handled.add(ref)
            fresh.append(candidate)
        insert_fresh(session, fresh, self.writer, batch.by)
        batch.loaded.added += len(fresh)
        done = {id(candidate.item) for candidate in fresh}
        return [item for item in items if id(item) not in done]

    def _one(self, session: Session, item: Normalised, batch: _Batch) -> None:
        record, ref, by, loaded = item.record, item.record.source_ref, batch.by, batch.loaded
        seen = batch.known.get(ref)
        if ref in batch.handled or (seen is not None and seen.last_run_id == self.run_id):
            loaded.repeated += 1
            return
        batch.handled.add(ref)
        if seen is not None and seen.content_hash == item.digest and seen.offer_id in batch.present:
            seen.last_seen, seen.last_run_id = by.now, self.run_id
            session.add(seen)
            batch.confirmed.append(seen)
            loaded.unchanged += 1
            return
        org_id = self.writer.organization(session, record.organization)
        keys = dedup.keys_for(record, org_id)
        offer_id = seen.offer_id if seen else self._match(session, record, keys)
        is_new = session.get(Offer, offer_id) is None
        primary = is_new or self._is_primary(session, offer_id)
        self.writer.offer(session, offer_id, record, org_id, primary)
        self.writer.places(session, offer_id, record, org_id, is_new)
        self.writer.source(session, offer_id, record, by, is_new)
        dedup.remember(session, keys, offer_id)
        if seen is None:
            seen = SourceRecord(**rows.source_record(ref, offer_id, item.digest, by))
            batch.known[ref] = seen
        seen.content_hash, seen.last_seen, seen.last_run_id = item.digest, by.now, self.run_id
        session.add(seen)
        change = "added" if seen.first_seen == by.now else "changed"
        if change == "added":
            loaded.added += 1
        else:
            loaded.changed += 1
        session.add(CrawlChange(**rows.change(change, ref, offer_id, record.title, by)))
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

    def finish(self, report: SourceReport, completed_cleanly: bool) -> None:
        """After a source: drop what it no longer lists, or keep everything when it had errors
        or would lose more of its offers than the guard allows."""
        name = self.source.name
        with Session(self.engine) as session:
            prune.clear_stale(session, name, self.run_id)
            if completed_cleanly:
                gone = prune.unlisted(session, name, self.run_id)
                before = prune.listed(session, name) - report.added
                if self.guard.refuses(gone, before):
                    report.failed = (
                        f"would remove {gone} of its {before} offers, more than "
                        f"FINDER_CRAWL_MAX_DROP ({self.guard.max_share:.0%}); kept them "
                        "(indexer crawl --accept-drop removes them)"
                    )
                    report.stale = prune.mark_stale(session, name, self.run_id, datetime.now(UTC))
                else:
                    by = Provenance(self.source.kind, name, self.run_id, datetime.now(UTC))
                    report.removed = prune.remove_unlisted(session, by)
            session.commit()

    def mark_stale(self, report: SourceReport) -> None:
        """The source failed: what it did not confirm in this run is kept, marked stale."""
        with Session(self.engine) as session:
            now = datetime.now(UTC)
            report.stale = prune.mark_stale(session, self.source.name, self.run_id, now)
            session.commit()


def _present(session: Session, offer_ids: list[str]) -> set[str]:
    """Which of these offers the catalogue holds (one query for a whole batch)."""
    if not offer_ids:
        return set()
    return set(session.exec(select(Offer.id).where(col(Offer.id).in_(offer_ids))).all())
