"""Live Meilisearch for tests: the server scripts/test started, or a private one a test may stop.

`scripts/test` exports FINDER_MEILI_URL/FINDER_MEILI_KEY of a running server (shared by the
whole run) and keeps FINDER_TEST_MEILI_BIN, so tests that must stop or restart a server start
their own from that binary. A test session started without scripts/test (plain `pytest` with
FINDER_TEST_MEILI_BIN) starts one server from the binary when a test first needs it, and stops
it at exit (`live`). Tests that run on both backends are parametrised over `BACKENDS`.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import meilisearch
import pytest

from finder.settings import Settings

URL = os.environ.get("FINDER_MEILI_URL", "")
KEY = os.environ.get("FINDER_MEILI_KEY", "")
BINARY = os.environ.get("FINDER_TEST_MEILI_BIN", "")

AVAILABLE = bool(URL or (BINARY and Path(BINARY).exists()))
BACKENDS = ["embedded", "meilisearch"] if AVAILABLE else ["embedded"]

needs_meili = pytest.mark.skipif(
    not AVAILABLE, reason="no live Meilisearch: set FINDER_TEST_MEILI_BIN or FINDER_MEILI_URL"
)
needs_meili_binary = pytest.mark.skipif(
    not BINARY, reason="stopping a server needs one of our own: set FINDER_TEST_MEILI_BIN"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def unique_index() -> str:
    return f"test_{uuid.uuid4().hex[:10]}"


def meili_settings(
    data_dir: Path, url: str | None = None, key: str | None = None, **extra: Any
) -> Settings:
    """Settings on Meilisearch, by default the session's server with its master key."""
    url, key = _or_live(url, key)
    return Settings(
        data_dir=data_dir,
        environment="test",
        search_backend="meilisearch",
        meili_url=url,
        meili_key=key,
        meili_index=extra.pop("meili_index", None) or unique_index(),
        **extra,
    )


def admin(url: str | None = None, key: str | None = None) -> meilisearch.Client:
    url, key = _or_live(url, key)
    return meilisearch.Client(url, key or None, timeout=30)


def index_names(client: meilisearch.Client, prefix: str) -> set[str]:
    return {
        i["uid"]
        for i in client.get_raw_indexes({"limit": 1000})["results"]
        if i["uid"] == prefix or i["uid"].startswith(f"{prefix}__")
    }


def drop_indexes(settings: Settings) -> None:
    """Remove the live index of these settings and any staging index beside it."""
    client = admin(settings.meili_url, settings.meili_key)
    for name in index_names(client, settings.meili_index):
        client.wait_for_task(client.delete_index(name).task_uid)


class MeiliServer:
    """A private Meilisearch from FINDER_TEST_MEILI_BIN that a test can stop and start again."""

    def __init__(self, *options: str) -> None:
        self.options = options
        self.root = Path(tempfile.mkdtemp(prefix="finder-meili-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key = secrets.token_hex(16)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.root / "meilisearch.log").open("ab")
        self.process = subprocess.Popen(
            [
                BINARY,
                "--db-path",
                str(self.root / "data"),
                "--http-addr",
                f"127.0.0.1:{self.port}",
                "--master-key",
                self.key,
                "--no-analytics",
                "--env",
                "development",
                *self.options,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.root / "meilisearch.log").read_text()[-2000:])
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("Meilisearch did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)
            self.process = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def private_server(*options: str) -> Iterator[MeiliServer]:
    server = MeiliServer(*options)
    try:
        server.start()
        yield server
    finally:
        server.close()


_session: MeiliServer | None = None


def live() -> tuple[str, str]:
    """(url, key) of the session's server: the one configured, or one started from the binary.

    Only call it when `AVAILABLE`. A started server lives until the test session exits.
    """
    global _session
    if URL:
        return URL, KEY
    if _session is None:
        _session = MeiliServer()
        _session.start()
        atexit.register(_session.close)
    return _session.url, _session.key


def _or_live(url: str | None, key: str | None) -> tuple[str, str]:
    """The given server and key; without a server, the session's, with its key unless given."""
    if url is not None:
        return url, key or ""
    live_url, live_key = live()
    return live_url, live_key if key is None else key


def on_meilisearch(settings: Settings, server: tuple[str, str]) -> Settings:
    """The same settings, searching a fresh Meilisearch index of their own."""
    return settings.model_copy(
        update={
            "search_backend": "meilisearch",
            "meili_url": server[0],
            "meili_key": server[1],
            "meili_index": unique_index(),
        }
    )
