"""A crawl killed halfway leaves the previous index generation serving."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from finder.search.backends import get_backend
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import LocalSite, hsds_envelope, hsds_service, source

REPO = Path(__file__).parents[2]
JSON = "application/json"


def test_killed_crawl_leaves_old_generation_serving(
    make_site: Callable[[], LocalSite],
    crawl: Callable[[str], CrawlResult],
    settings: Settings,
    tmp_path: Path,
) -> None:
    site = make_site()
    old = [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")]
    site.add(
        "/hsds/services?page=1&per_page=2", json.dumps(hsds_envelope(old, 1, 1)), content_type=JSON
    )
    toml = source("open-referral", site.url("/hsds"), page_size=2)
    crawl(toml)
    before = get_backend(settings).count()
    assert before >= 2

    release = threading.Event()
    new = [hsds_service(f"n{i}", f"Nieuw {i}") for i in range(2)]
    site.add(
        "/hsds/services?page=1&per_page=2", json.dumps(hsds_envelope(new, 1, 2)), content_type=JSON
    )

    def hang(_request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        release.wait(30)
        return 200, {}, b"{}"

    site.routes["/hsds/services"] = hang
    sources = tmp_path / "killed.toml"
    sources.write_text(toml)
    env = {**os.environ, "FINDER_DATA_DIR": str(settings.data_dir), "FINDER_ENVIRONMENT": "test"}
    process = subprocess.Popen(
        [sys.executable, "-m", "indexer.cli", "crawl", "--sources", str(sources)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while site.asked("/hsds/services?page=2&per_page=2") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.asked("/hsds/services?page=2&per_page=2") == 1, "crawl never got halfway"
        process.kill()
        process.wait(10)
    finally:
        release.set()

    backend = get_backend(settings)
    assert backend.count() == before
