"""Tests reach loopback only: pytest-socket blocks every other address (see pyproject.toml)."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_a_test_cannot_reach_the_internet() -> None:
    # 192.0.2.0/24 is TEST-NET-1: never routed, so only the guard can make this fail fast.
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(SocketConnectBlockedError):
        httpx.get("http://192.0.2.1/", timeout=1)


def test_loopback_servers_stay_reachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        accepted = threading.Thread(target=lambda: server.accept()[0].close())
        accepted.start()
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        accepted.join(5)
