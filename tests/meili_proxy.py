"""A loopback HTTP proxy in front of a real Meilisearch that can stall or hold chosen requests.

`stall()` makes every later request wait without an answer (a slow server); `hold(...)` waits
for one kind of request, tells the test it arrived, and keeps it (optionally after passing it
on), so a test can kill the client at exactly that moment.
"""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Hold:
    method: str
    path: re.Pattern[str]
    forward: bool
    reached: threading.Event = field(default_factory=threading.Event)


class MeiliProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.release = threading.Event()
        self.stalled = False
        # A stalled request is dropped after this long, so a client without a timeout fails
        # the test instead of hanging it; `outlasted` then says so.
        self.stall_limit = 30.0
        self.outlasted = False
        self.holds: list[Hold] = []
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stall(self) -> None:
        self.stalled = True

    def hold(self, method: str, path: str, *, forward: bool) -> threading.Event:
        """Hold the first matching request; the event is set once it has arrived."""
        rule = Hold(method, re.compile(path), forward)
        self.holds.append(rule)
        return rule.reached

    def _matching(self, method: str, path: str) -> Hold | None:
        for rule in self.holds:
            if rule.method == method and rule.path.fullmatch(path) and not rule.reached.is_set():
                return rule
        return None

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Any:
        connection = http.client.HTTPConnection(*self.upstream, timeout=60)
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _relay(self) -> None:
                proxy.requests.append(f"{self.command} {self.path}")
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                if proxy.stalled:
                    if not proxy.release.wait(proxy.stall_limit):
                        proxy.outlasted = True
                    return
                rule = proxy._matching(self.command, self.path.split("?")[0])
                if rule is not None and not rule.forward:
                    rule.reached.set()
                    proxy.release.wait()
                    return
                status, response_headers, data = proxy._forward(
                    self.command, self.path, headers, body
                )
                if rule is not None:
                    rule.reached.set()
                    proxy.release.wait()
                    return
                self.send_response(status)
                for name, value in response_headers:
                    if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _relay

            def log_message(self, format: str, *args: Any) -> None:
                return None

        return Handler

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def meili_proxy(upstream: str) -> Iterator[MeiliProxy]:
    proxy = MeiliProxy(upstream)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.close()
