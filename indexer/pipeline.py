"""One crawl run: every source in turn (fetch → extract → normalise → load), then reindex."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session

from finder.db import init_db
from finder.geo import get_geocoder
from finder.models import CrawlRun
from finder.settings import Settings
from indexer import prune
from indexer.catalogue_write import CatalogueWriter
from indexer.fetch import Fetcher
from indexer.http_cache import HttpCache
from indexer.load import Loader
from indexer.normalise import Normaliser
from indexer.progress import ProgressDisplay
from indexer.report import SourceReport
from indexer.search_index import SearchIndexReport, rebuild_search_index
from indexer.sources.base import CrawlContext, SourceConfig, SourceFailed
from indexer.sources.registry import reader_for
from indexer.store import BatchWriter
from indexer.upl import load_upl

log = logging.getLogger(__name__)


@dataclass
class CrawlResult:
    run_id: int
    reports: list[SourceReport]
    search: SearchIndexReport | None = None
    # Wall-clock seconds of the two phases: sources into the catalogue, catalogue into the index.
    crawl_seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def indexed(self) -> int:
        return sum(r.indexed for r in self.reports)


def run_crawl(
    sources: list[SourceConfig],
    settings: Settings,
    progress: ProgressDisplay,
    label: str = "",
    accept_drop: bool = False,
) -> CrawlResult:
    """Crawl every source into the catalogue, then build and swap in a new index generation.

    `accept_drop` lets a source remove more of its offers than FINDER_CRAWL_MAX_DROP allows.
    """
    engine = init_db(settings)
    run_id = _start_run(engine, label)
    guard = prune.DropGuard(settings.crawl_max_drop, accept_drop)
    started = time.perf_counter()
    try:
        reports = asyncio.run(_crawl_all(sources, settings, engine, run_id, progress, guard))
    finally:
        progress.close()
    result = CrawlResult(run_id, reports, crawl_seconds=time.perf_counter() - started)
    with Session(engine) as session:
        # A run that died before its swap left withdrawn offers for this one to finish.
        pending = prune.withdrawn(session)
    if result.indexed or pending or any(r.removed for r in reports):
        started = time.perf_counter()
        result.search = rebuild_search_index(settings)
        result.index_seconds = time.perf_counter() - started
        if not result.search.failed:
            # Only now is the generation without the withdrawn offers live: delete them.
            with Session(engine) as session:
                prune.delete_withdrawn(session)
                session.commit()
    _finish_run(engine, result)
    return result


async def _crawl_all(
    sources: list[SourceConfig],
    settings: Settings,
    engine: Engine,
    run_id: int,
    progress: ProgressDisplay,
    guard: prune.DropGuard,
) -> list[SourceReport]:
    writer = CatalogueWriter()
    normaliser = Normaliser(get_geocoder(settings))
    cache = HttpCache(engine)
    reports = []
    for source in sources:
        report = SourceReport(source.name, source.kind.value, licence=source.licence)
        progress.start(report)
        loader = Loader(engine, source, run_id, writer, guard)
        async with Fetcher(source.limits, cache) as fetcher:
            ctx = CrawlContext(
                source, fetcher, report, load_upl(), partial(progress.update, report)
            )
            await _crawl_one(ctx, normaliser, loader)
        progress.finish(report)
        reports.append(report)
    return reports


async def _crawl_one(ctx: CrawlContext, normaliser: Normaliser, loader: Loader) -> None:
    report, source = ctx.report, ctx.source
    writer = BatchWriter(ctx, normaliser, loader)
    try:
        async for record in reader_for(source.kind).records(ctx):
            await writer.add(record)
    except SourceFailed as exc:
        report.failed = str(exc)
    finally:
        await writer.close()
    if not report.failed and report.indexed == 0 and report.errors:
        report.failed = "no record could be read"
    if report.failed:
        log.warning("source %s failed: %s; keeping its records", source.name, report.failed)
        loader.mark_stale(report)
    else:
        loader.finish(report, completed_cleanly=not report.errors)


def _start_run(engine: Engine, label: str) -> int:
    with Session(engine) as session:
        run = CrawlRun(started_at=datetime.now(UTC), sources_file=label)
        session.add(run)
        session.commit()
        assert run.id is not None
        return run.id


def _finish_run(engine: Engine, result: CrawlResult) -> None:
    with Session(engine) as session:
        run = session.get(CrawlRun, result.run_id)
        if run is None:
            return
        run.finished_at = datetime.now(UTC)
        run.status = "completed" if result.indexed else "failed"
        run.summary = {"sources": [r.as_dict() for r in result.reports]}
        if result.search is not None:
            run.summary["search"] = result.search.as_dict()
        session.add(run)
        session.commit()
