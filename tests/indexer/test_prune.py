"""Across runs: stale-marking of failed sources, removal of unlisted records, change records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import CrawlChange, Offer
from finder.settings import Settings, get_settings
from indexer.cli import main
from indexer.config import load_sources
from indexer.pipeline import CrawlResult, run_crawl
from indexer.progress import LogProgress
from tests.indexer.helpers import LocalSite, hsds_service, serve_hsds, source


def test_failed_source_keeps_its_records_marked_stale(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    serve_hsds(site, [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")])
    toml = source("open-referral", site.url("/hsds"), retries=1)
    crawl(toml)
    site.add("/hsds/services?page=1&per_page=100", status=500)

    result = crawl(toml)

    report = result.reports[0]
    assert report.failed and report.stale == 2
    assert report.errors and report.errors[0][1] == "HTTP 500 after 2 attempts"
    with Session(get_engine(settings)) as session:
        offers = session.exec(select(Offer)).all()
        assert len(offers) == 2 and all(o.stale_since is not None for o in offers)
    serve_hsds(site, [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")])
    crawl(toml)
    with Session(get_engine(settings)) as session:
        assert all(o.stale_since is None for o in session.exec(select(Offer)))


def test_records_no_longer_listed_are_removed_and_changes_recorded(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    serve_hsds(site, [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")])
    toml = source("open-referral", site.url("/hsds"))
    first = crawl(toml)
    serve_hsds(site, [hsds_service("a", "Taalcafé voor iedereen")])

    second = crawl(toml)

    assert (first.reports[0].added, second.reports[0].changed, second.reports[0].removed) == (
        2,
        1,
        1,
    )
    with Session(get_engine(settings)) as session:
        assert [o.title for o in session.exec(select(Offer))] == ["Taalcafé voor iedereen"]
        changes = session.exec(
            select(CrawlChange.change, CrawlChange.source_ref).where(
                CrawlChange.run_id == second.run_id
            )
        ).all()
        assert sorted(changes) == [("changed", "a"), ("removed", "b")]


def _titles(settings: Settings) -> list[str]:
    with Session(get_engine(settings)) as session:
        return sorted(o.title for o in session.exec(select(Offer)))


def test_a_source_that_suddenly_loses_most_offers_keeps_them_until_accepted(
    make_site: Callable[[], LocalSite],
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FINDER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("FINDER_ENVIRONMENT", "test")
    get_settings.cache_clear()
    site = make_site()
    four = [hsds_service(ref, f"Dienst {ref}") for ref in "abcd"]
    serve_hsds(site, four)
    sources = tmp_path / "sources.toml"
    sources.write_text(source("open-referral", site.url("/hsds")))
    assert main(["crawl", "--sources", str(sources)]) == 0

    serve_hsds(site, four[:1])
    assert main(["crawl", "--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    assert "FAILED: would remove 3 of its 4 offers, more than FINDER_CRAWL_MAX_DROP (50%)" in out
    assert _titles(settings) == ["Dienst a", "Dienst b", "Dienst c", "Dienst d"]
    with Session(get_engine(settings)) as session:
        stale = {o.title for o in session.exec(select(Offer)) if o.stale_since is not None}
    assert stale == {"Dienst b", "Dienst c", "Dienst d"}

    assert main(["crawl", "--sources", str(sources), "--accept-drop"]) == 0
    assert "removed 3" in capsys.readouterr().out
    assert _titles(settings) == ["Dienst a"]


def test_the_share_a_crawl_may_remove_is_a_setting(
    make_site: Callable[[], LocalSite], settings: Settings, tmp_path: Path
) -> None:
    site = make_site()
    four = [hsds_service(ref, f"Dienst {ref}") for ref in "abcd"]
    toml = tmp_path / "sources.toml"
    toml.write_text(source("open-referral", site.url("/hsds")))
    strict = settings.model_copy(update={"crawl_max_drop": 0.2})

    serve_hsds(site, four)
    run_crawl(load_sources(toml, strict), strict, LogProgress())
    serve_hsds(site, four[:2])  # half of them: fine by default, too much at 20%
    report = run_crawl(load_sources(toml, strict), strict, LogProgress()).reports[0]
    assert report.failed.startswith("would remove 2 of its 4 offers") and report.removed == 0

    report = run_crawl(load_sources(toml, settings), settings, LogProgress()).reports[0]
    assert not report.failed and report.removed == 2
