"""What Meilisearch refuses is in the crawl summary, with its reason; the exit code is 1 only
when nothing could be indexed. Live, through the `indexer` command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.indexer.helpers import hsds_service, source
from tests.meili import MeiliServer, needs_meili_binary, private_server

pytestmark = needs_meili_binary
REPO = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def small_server() -> Iterator[MeiliServer]:
    # A payload limit far below the default 100 MB, so one offer can be too large for it.
    with private_server("--http-payload-size-limit", "200KB") as server:
        yield server


def crawl(
    tmp_path: Path, server: MeiliServer, key: str, *services: dict[str, object]
) -> tuple[int, str]:
    (tmp_path / "services.json").write_text(json.dumps(list(services)), encoding="utf-8")
    (tmp_path / "sources.toml").write_text(source("open-referral", "services.json"))
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "FINDER_ENVIRONMENT": "test",
        "FINDER_DATA_DIR": str(tmp_path / "var"),
        "FINDER_SEARCH_BACKEND": "meilisearch",
        "FINDER_MEILI_URL": server.url,
        "FINDER_MEILI_KEY": key,
        "FINDER_MEILI_INDEX": "summary",
    }
    done = subprocess.run(
        [sys.executable, "-m", "indexer.cli", "crawl", "--sources", "sources.toml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout


def test_a_refused_offer_is_reported_and_the_rest_indexed(
    small_server: MeiliServer, tmp_path: Path
) -> None:
    huge = hsds_service("huge", "Reuzengids", description="Heel veel uitleg. " * 20_000)
    code, summary = crawl(
        tmp_path, small_server, small_server.key, hsds_service("a", "Taalcafé"), huge
    )
    assert code == 0, summary
    assert "search index ok | 1 documents, 1 refused" in summary
    refused = [line for line in summary.splitlines() if "refused: " in line]
    assert len(refused) == 1 and "Reuzengids" in refused[0] and "payload_too_large" in refused[0]


def test_nothing_indexed_for_search_exits_1_with_the_reason(
    small_server: MeiliServer, tmp_path: Path
) -> None:
    code, summary = crawl(tmp_path, small_server, "not-the-key", hsds_service("a", "Taalcafé"))
    assert code == 1
    assert "search index FAILED" in summary
    assert "could not list the indexes: invalid_api_key" in summary
