"""A crawl killed halfway: the previous index generation keeps serving, and every offer it
shows keeps its page until a generation without it is live."""

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

from sqlmodel import Session, col, select

from finder.db import get_engine
from finder.models import Offer
from finder.search.backends import get_backend
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.conftest import GatedClient
from tests.indexer.helpers import LocalSite, hsds_envelope, hsds_service, serve_hsds, source

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
    process = _start_crawl(sources, settings)
    try:
        _wait_for(lambda: site.asked("/hsds/services?page=2&per_page=2") == 1, "never halfway")
        process.kill()
        process.wait(10)
    finally:
        release.set()

    backend = get_backend(settings)
    assert backend.count() == before


def _start_crawl(sources: Path, settings: Settings) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FINDER_DATA_DIR": str(settings.data_dir), "FINDER_ENVIRONMENT": "test"}
    return subprocess.Popen(
        [sys.executable, "-m", "indexer.cli", "crawl", "--sources", str(sources)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(condition: Callable[[], bool], failure: str) -> None:
    deadline = time.monotonic() + 30
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert condition(), failure


def _shown(client: GatedClient, title: str) -> list[str]:
    """The ids of the offers the live index shows for a title."""
    hits = client.get("/api/v1/search", params={"q": title, "limit": 50}).json()["hits"]
    return [hit["id"] for hit in hits if hit["title"] == title]


def test_offers_dropped_before_a_kill_stay_whole_until_the_index_drops_them(
    make_site: Callable[[], LocalSite],
    crawl: Callable[[str], CrawlResult],
    settings: Settings,
    tmp_path: Path,
    make_client: Callable[[Settings], GatedClient],
) -> None:
    site = make_site()
    kept = [hsds_service(f"k{n}", f"Blijvende dienst {n}") for n in range(5)]
    dropped = [hsds_service(f"d{n}", f"Vervallen dienst {n}") for n in range(3)]
    serve_hsds(site, kept + dropped)
    hanging, release = threading.Event(), threading.Event()

    def later_source(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if hanging.is_set():
            release.wait(30)
        body = json.dumps(hsds_envelope([hsds_service("l1", "Latere dienst")], 1, 1))
        return 200, {"Content-Type": JSON}, body.encode()

    site.routes["/late/services"] = later_source
    toml = source("open-referral", site.url("/hsds")) + source(
        "open-referral", site.url("/late"), name="late"
    )
    crawl(toml)
    client = make_client(settings)
    titles = [f"Vervallen dienst {n}" for n in range(3)]
    ids = [_shown(client, title)[0] for title in titles]

    # The first source drops three offers and commits; the crawl is killed before the swap.
    serve_hsds(site, kept)
    hanging.set()
    sources = tmp_path / "killed.toml"
    sources.write_text(toml)
    process = _start_crawl(sources, settings)
    try:
        _wait_for(lambda: site.asked("/late/services") >= 2, "the second source was never asked")
        process.kill()
        process.wait(10)
    finally:
        release.set()
    hanging.clear()

    for title, offer_id in zip(titles, ids, strict=True):
        assert _shown(client, title) == [offer_id]  # the live index still shows it …
        assert client.get(f"/aanbod/{offer_id}").status_code == 200  # … and its page answers
        assert client.get(f"/api/v1/offers/{offer_id}").status_code == 200

    crawl(toml)  # the next run swaps in a generation without them, then deletes them

    for title, offer_id in zip(titles, ids, strict=True):
        assert _shown(client, title) == []
        assert client.get(f"/aanbod/{offer_id}").status_code == 404
    with Session(get_engine(settings)) as session:
        assert session.exec(select(Offer).where(col(Offer.id).in_(ids))).all() == []
        assert len(session.exec(select(Offer)).all()) == 6
