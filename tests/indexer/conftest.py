"""Real local HTTP servers for crawling, and a helper that runs a crawl from a TOML string."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from finder.settings import Settings
from indexer.config import load_sources
from indexer.pipeline import CrawlResult, run_crawl
from indexer.progress import LogProgress
from tests.indexer.helpers import LocalSite, site_handler


@pytest.fixture
def make_site() -> Iterator[Callable[[], LocalSite]]:
    servers: list[ThreadingHTTPServer] = []

    def start() -> LocalSite:
        site = LocalSite()
        server = ThreadingHTTPServer(("127.0.0.1", 0), site_handler(site))
        server.daemon_threads = True
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return site

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def crawl(settings: Settings, tmp_path: Path) -> Callable[[str], CrawlResult]:
    """Run one crawl of the sources described by a TOML string, against `settings`."""

    def run(toml: str) -> CrawlResult:
        path = tmp_path / "sources.toml"
        path.write_text(toml, encoding="utf-8")
        return run_crawl(load_sources(path, settings), settings, LogProgress())

    return run
