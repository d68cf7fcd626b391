"""A Meilisearch server for tests: the one in FINDER_MEILI_URL, or the binary named by
FINDER_TEST_MEILI_BIN started once per session on a free loopback port. Tests that need it
take the `meili_server` fixture (tests/conftest.py); without either, they run embedded only."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from finder.settings import Settings

AVAILABLE = bool(
    os.environ.get("FINDER_MEILI_URL")
    or Path(os.environ.get("FINDER_TEST_MEILI_BIN", "/nonexistent")).exists()
)
BACKENDS = ["embedded", "meilisearch"] if AVAILABLE else ["embedded"]


def on_meilisearch(settings: Settings, server: tuple[str, str]) -> Settings:
    """The same settings, searching a fresh Meilisearch index of their own."""
    return settings.model_copy(
        update={
            "search_backend": "meilisearch",
            "meili_url": server[0],
            "meili_key": server[1],
            "meili_index": f"test_{uuid.uuid4().hex[:8]}",
        }
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def meilisearch_server() -> Iterator[tuple[str, str] | None]:
    """(url, key) of a Meilisearch server: the one configured, or one started for this run."""
    if os.environ.get("FINDER_MEILI_URL"):
        yield os.environ["FINDER_MEILI_URL"], os.environ.get("FINDER_MEILI_KEY", "")
        return
    binary = os.environ.get("FINDER_TEST_MEILI_BIN")
    if not binary or not Path(binary).exists():
        yield None
        return
    port, key = _free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as data:
        process = subprocess.Popen(
            [
                binary,
                "--db-path",
                f"{data}/ms",
                "--http-addr",
                f"127.0.0.1:{port}",
                "--master-key",
                key,
                "--no-analytics",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for(port, process)
            yield url, key
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120  # the first start unpacks the binary
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("meilisearch exited while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("meilisearch did not start in time")
