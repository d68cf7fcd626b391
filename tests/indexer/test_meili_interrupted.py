"""An indexer killed (SIGKILL) while it builds a Meilisearch generation leaves the live index
serving, and the next crawl cleans up after it. Live, against a real Meilisearch.

A proxy in front of Meilisearch holds the indexer's document upload, or its swap, so the kill
lands exactly there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from finder.query.terms import TermGroup
from finder.search.meili import MeiliBackend
from finder.search.protocol import SearchRequest
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import hsds_service, source
from tests.meili import admin, drop_indexes, index_names, meili_settings, needs_meili
from tests.meili_proxy import meili_proxy

pytestmark = needs_meili
REPO = Path(__file__).parents[2]


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    """Overrides the embedded settings of tests/indexer/conftest.py for `crawl`."""
    settings = meili_settings(tmp_path / "var")
    yield settings
    drop_indexes(settings)


def catalogue(tmp_path: Path, *names: str) -> str:
    """A sources file with one HSDS export holding these services."""
    services = [hsds_service(f"s-{n}", name) for n, name in enumerate(names)]
    (tmp_path / "services.json").write_text(json.dumps(services), encoding="utf-8")
    toml = source("open-referral", "services.json")
    (tmp_path / "sources.toml").write_text(toml, encoding="utf-8")
    return toml


def titles(settings: Settings, word: str) -> list[str]:
    backend = MeiliBackend(settings.meili_url, settings.meili_key, settings.meili_index)
    found = backend.search(SearchRequest(groups=(TermGroup(word),)))
    return [doc.title for doc in found.load(found.candidates)]


def staging_left(settings: Settings) -> set[str]:
    return index_names(admin(), settings.meili_index) - {settings.meili_index}


def killed_crawl(settings: Settings, tmp_path: Path, method: str, path: str, forward: bool) -> None:
    """Run `indexer crawl` in a process and SIGKILL it once the proxy holds this request."""
    with meili_proxy(settings.meili_url) as proxy:
        reached = proxy.hold(method, path, forward=forward)
        env = {
            **os.environ,
            "FINDER_ENVIRONMENT": "test",
            "FINDER_DATA_DIR": str(settings.data_dir),
            "FINDER_SEARCH_BACKEND": "meilisearch",
            "FINDER_MEILI_URL": proxy.url,
            "FINDER_MEILI_KEY": settings.meili_key,
            "FINDER_MEILI_INDEX": settings.meili_index,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "indexer.cli", "crawl", "--sources", "sources.toml"],
            cwd=tmp_path,
            env={**env, "PYTHONPATH": str(REPO)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert reached.wait(120), "the indexer never got there"
        finally:
            process.kill()
            process.wait(30)


def test_killed_during_document_upload(
    settings: Settings, crawl: Callable[[str], CrawlResult], tmp_path: Path
) -> None:
    crawl(catalogue(tmp_path, "Taalcafé", "Klussendienst"))
    catalogue(tmp_path, "Repair café", "Voedselbank")
    staging = rf"/indexes/{settings.meili_index}__gen_\w+/documents"
    killed_crawl(settings, tmp_path, "POST", staging, forward=False)

    assert titles(settings, "taalcafé") == ["Taalcafé"]
    assert titles(settings, "voedselbank") == []
    assert staging_left(settings), "the kill should have left a half-built generation"

    result = crawl(catalogue(tmp_path, "Repair café", "Voedselbank"))
    assert result.search is not None and not result.search.failed
    assert titles(settings, "voedselbank") == ["Voedselbank"]
    assert staging_left(settings) == set()


def test_killed_during_the_swap(
    settings: Settings, crawl: Callable[[str], CrawlResult], tmp_path: Path
) -> None:
    crawl(catalogue(tmp_path, "Taalcafé", "Klussendienst"))
    catalogue(tmp_path, "Repair café", "Voedselbank")
    # The swap reaches Meilisearch; the indexer dies before it hears back.
    killed_crawl(settings, tmp_path, "POST", "/swap-indexes", forward=True)

    # Whole generations only: the old one, or (once Meilisearch has run the swap) the new one.
    # Every service's description says "korte uitleg", so one search shows a whole generation.
    old, new = {"Taalcafé", "Klussendienst"}, {"Repair café", "Voedselbank"}
    deadline = time.monotonic() + 30
    while (serving := set(titles(settings, "uitleg"))) != new:
        assert serving == old, f"not a whole generation: {serving}"
        assert time.monotonic() < deadline, "the swap never happened"
        time.sleep(0.2)
    assert staging_left(settings), "the previous generation should be left behind"

    crawl(catalogue(tmp_path, "Repair café", "Voedselbank"))
    assert titles(settings, "voedselbank") == ["Voedselbank"]
    assert staging_left(settings) == set()
