"""Running the app under uvicorn: worker processes, a bounded request head, no access log."""

from __future__ import annotations

import ctypes
import ctypes.util
import os

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# The request line and headers together; the app refuses far less with a proper page
# (finder/web/limits.py). This cap only keeps megabytes out of memory.
MAX_HEAD = 65_536
_REFUSAL = b"Request header fields too large"


class BoundedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol, answering 431 to a request head larger than MAX_HEAD.

    uvicorn bounds the head only for h11 (`h11_max_incomplete_event_size`); httptools, which
    `uvicorn[standard]` uses, buffered a head of any size: a 3 MB Cookie header was read whole.
    """

    in_head = True
    head_bytes = 0

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_head, self.head_bytes = True, 0

    def on_headers_complete(self) -> None:
        self.in_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # Counted after parsing: a chunk that completes the head may carry body bytes too.
        if not self.in_head or self.transport.is_closing():
            return
        self.head_bytes += len(data)
        if self.head_bytes > MAX_HEAD:
            self._refuse()

    def _refuse(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self.transport.write(
                b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                b"content-type: text/plain; charset=utf-8\r\n"
                b"content-length: " + str(len(_REFUSAL)).encode() + b"\r\n"
                b"connection: close\r\n\r\n" + _REFUSAL
            )
        self.transport.close()


# glibc's mallopt parameter for the number of malloc arenas.
M_ARENA_MAX = -8
ARENAS = 2


def fewer_malloc_arenas() -> None:
    """Let the threads that serve requests share two malloc arenas instead of one each.

    glibc gives threads their own arenas and keeps freed memory in them; with 40 request threads
    under load a worker grew from 100 MB to 500 MB and stayed there. With two arenas it levels
    off near 270 MB. Elsewhere than glibc this does nothing.
    """
    name = ctypes.util.find_library("c")
    if name and "libc.so" in name:
        ctypes.CDLL(name).mallopt(M_ARENA_MAX, ARENAS)


def default_workers() -> int:
    """One worker process per core this process may run on."""
    return len(os.sched_getaffinity(0))


def serve(host: str, port: int, workers: int) -> None:
    uvicorn.run(
        "finder.asgi:app",
        host=host,
        port=port,
        workers=workers,
        http="finder.server:BoundedHttpTools",
        # The app reads X-Forwarded-* itself, from FINDER_TRUSTED_PROXIES only; uvicorn's own
        # handling would believe any loopback peer.
        proxy_headers=False,
        server_header=False,
        log_level="info",
        # Access logs would keep residents' questions, postcodes and IP addresses: we keep none.
        access_log=False,
    )
