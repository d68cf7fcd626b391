"""Load a source's records into the catalogue, and account for what it added, changed or removed."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class DropGuard:
    """How large a share of its offers one crawl may remove from a source."""

    max_share: float
    accepted: bool = False

    def refuses(self, gone: int, before: int) -> bool:
        return gone > 0 and not self.accepted and gone > self.max_share * before


class Loader:
    def __init__(
        self,
        engine: Engine,
        source: SourceConfig,
        run_id: int,
        writer: CatalogueWriter,
        guard: DropGuard,
    ) -> None:
        self.engine = engine
        self.source = source
        self.run_id = run_id
        self.writer = writer
        self.guard = guard

    def load(self, items: list[Normalised]) -> Loaded:
        loaded = Loaded()
        if not items:
            return loaded
        by = Provenance(self.source.kind, self.source.name, self.run_id, datetime.now(UTC))
        refs = list(dict.fromkeys(item.record.source_ref for item in items))
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
            handled: set[str] = set()
            careful = self._load_fresh(session, items, known, by, handled)
            loaded.added += len(handled)
            present = _present(session, [row.offer_id for row in known.values()])
            # Unchanged records: only when they were last confirmed moves on.
            confirmed: list[SourceRecord] = []
            # Flushes are explicit (parents first); autoflush before every query is slow.
            with session.no_autoflush:
                for item in careful:
                    self._one(session, item, known, by, handled, present, loaded, confirmed)
            if confirmed:
                # By offer id, which is indexed: by source name alone it scanned the table.
                session.execute(
                    update(OfferSource)
                    .where(col(OfferSource.offer_id).in_({row.offer_id for row in confirmed}))
                    .where(col(OfferSource.source_name) == self.source.name)
                    .where(col(OfferSource.source_ref).in_([row.source_ref for row in confirmed]))
                    .values(fetched_at=by.now)
                )
            session.commit()
        return loaded

    def _load_fresh(
        self,
        session: Session,
        items: list[Normalised],
        known: dict[str, SourceRecord],
        by: Provenance,
        handled: set[str],
    ) -> list[Normalised]:
        """Insert records that are new everywhere in bulk; return the rest for the careful path."""
        candidates = []
        for item in items:
            record = item.record
            if record.source_ref in known:
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
            if (
                ref in handled
                or candidate.offer_id in existing
                or taken.intersection(candidate.keys)
            ):
                continue
            handled.add(ref)
            fresh.append(candidate)
        insert_fresh(session, fresh, self.writer, by)
        done = {id(candidate.item) for candidate in fresh}
        return [item for item in items if id(item) not in done]

    def _one(
        self,
        session: Session,
        item: Normalised,
        known: dict[str, SourceRecord],
        by: Provenance,
        handled: set[str],
        present: set[str],
        loaded: Loaded,
        confirmed: list[SourceRecord],
    ) -> None:
        record, ref = item.record, item.record.source_ref
        seen = known.get(ref)
        if ref in handled or (seen is not None and seen.last_run_id == self.run_id):
            loaded.repeated += 1
            return
        handled.add(ref)
        if seen is not None and seen.content_hash == item.digest and seen.offer_id in present:
            seen.last_seen, seen.last_run_id = by.now, self.run_id
            session.add(seen)
            confirmed.append(seen)
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
            known[ref] = seen
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
