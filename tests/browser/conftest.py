"""One live server and one Debian Chromium shared by every browser test.

Fixtures: `live_server` (base URL of the app over a small factory-built city),
`broken_server` (base URL of an app without a search index, so searching gives a 503),
`browser` (a Playwright Chromium browser, one per test module).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, sync_playwright

from finder.app import create_app
from finder.settings import Settings
from tests.city import build_city

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def serve(settings: Settings) -> Iterator[str]:
    """Runs the app with uvicorn in a thread on an ephemeral port until the generator closes."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _settings(root: Path) -> Settings:
    return Settings(data_dir=root / "var", environment="test", base_url="http://finder.example")


@pytest.fixture(scope="session")
def city_ids(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, str]]:
    settings = _settings(tmp_path_factory.mktemp("city"))
    return settings, build_city(settings)


@pytest.fixture(scope="session")
def live_server(city_ids: tuple[Settings, dict[str, str]]) -> Iterator[str]:
    yield from serve(city_ids[0])


@pytest.fixture(scope="session")
def offer_ids(city_ids: tuple[Settings, dict[str, str]]) -> dict[str, str]:
    return city_ids[1]


@pytest.fixture(scope="session")
def broken_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(_settings(tmp_path_factory.mktemp("no-index")))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Module scope on purpose: while Playwright's sync API is active it marks an event loop as
    # running in the main thread, which would break asyncio.run() in the tests that follow.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
