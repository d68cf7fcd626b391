"""`finder serve` as residents and monitors meet it: a real server in its own process (#9)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from finder.cli import build_parser
from finder.search.indexing import reindex
from finder.settings import Settings
from tests.city import build_city
from tests.finder.staff.factories import build_world, free_port, token_in

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def finder_serve(data_dir: Path, *args: str, **env: str) -> Iterator[tuple[int, str]]:
    """`finder serve` on a free loopback port; yields its process id and base URL."""
    port = free_port()
    environ = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_ENVIRONMENT": "test", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "finder.cli", "serve", "--port", str(port), *args],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield process.pid, url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "var"
    settings = Settings(data_dir=path, environment="test")
    build_city(settings, index=False)
    build_world(settings)
    reindex(settings)
    return path


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[str]:
    with finder_serve(data_dir, "--workers", "1") as (_pid, url):
        yield url


def _raw(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer:
                break
    return answer


def test_a_huge_request_head_is_refused_by_the_server(server: str) -> None:
    head = b"GET / HTTP/1.1\r\nHost: x\r\nCookie: a=" + b"b" * 100_000 + b"\r\n\r\n"
    assert _raw(server, head).startswith(b"HTTP/1.1 431")
    assert httpx.get(f"{server}/healthz").status_code == 200


def test_a_large_body_after_a_small_head_is_not_mistaken_for_a_large_head(server: str) -> None:
    body = b"email=a%40b.nl&password=x&y=" + b"1" * 160_000
    head = (
        b"POST /staff/inloggen HTTP/1.1\r\nHost: x\r\n"
        b"content-type: application/x-www-form-urlencoded\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    assert _raw(server, head + body).startswith(b"HTTP/1.1 403")


def test_head_works_on_the_real_server(server: str) -> None:
    for path in ("/healthz", "/", "/zoeken?q=digid"):
        response = httpx.head(f"{server}{path}")
        assert response.status_code == 200, path
        assert response.content == b""


def test_forwarded_for_from_an_untrusted_peer_does_not_dodge_the_limit(server: str) -> None:
    """A password spray that rotates X-Forwarded-For is still one client."""
    statuses = []
    with httpx.Client(base_url=server) as client:
        for n in range(22):
            page = client.get("/staff/inloggen")
            statuses.append(
                client.post(
                    "/staff/inloggen",
                    data={
                        "email": f"spray{n}@example.org",
                        "password": "Welkom01!",
                        "csrf_token": token_in(page.text),
                    },
                    headers={"x-forwarded-for": f"198.51.100.{n}"},
                ).status_code
            )
    assert statuses[0] == 400 and statuses[-1] == 429


def test_serve_runs_one_worker_per_core_by_default(data_dir: Path) -> None:
    assert build_parser().parse_args(["serve"]).workers == len(os.sched_getaffinity(0))
    with finder_serve(data_dir, "--workers", "2") as (pid, url):
        assert httpx.get(f"{url}/healthz").status_code == 200
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        workers = [c for c in children if "spawn" in Path(f"/proc/{c}/cmdline").read_text()]
        assert len(workers) == 2
