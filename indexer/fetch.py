"""Polite, robust HTTP fetching: per-host limits and delay, redirects, size cap, retries, 304s."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from indexer.charset import decode
from indexer.http_cache import CachedResponse, HttpCache
from indexer.limits import CrawlLimits

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A URL could not be fetched; `reason` says why in words an editor understands."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass
class Fetched:
    url: str
    status: int
    body: bytes
    content_type: str = ""
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 or self.unchanged

    def text(self) -> str:
        return decode(self.body, self.content_type)


class _Host:
    def __init__(self, concurrency: int) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.lock = asyncio.Lock()
        self.next_start = 0.0


class Fetcher:
    """One per source, so a source's overrides apply to every host it visits."""

    def __init__(self, limits: CrawlLimits, cache: HttpCache | None = None) -> None:
        self.limits = limits
        self.cache = cache
        self._hosts: dict[str, _Host] = {}
        self._client = httpx.AsyncClient(
            headers={"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout, pool=None),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self._client.aclose()

    async def get(self, url: str, conditional: bool = True) -> Fetched:
        if url.startswith("file://"):
            return self._read_file(url)
        seen = {url}
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            cached = self.cache.get(current) if (self.cache and conditional) else None
            result, location = await self._with_retries(current, cached)
            if location is None:
                return result
            target = urljoin(current, location)
            if target in seen:
                raise FetchError(url, f"redirect loop via {target}")
            seen.add(target)
            current = target
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    async def _with_retries(
        self, url: str, cached: CachedResponse | None
    ) -> tuple[Fetched, str | None]:
        attempts = self.limits.retries + 1
        for attempt in range(attempts):
            try:
                result, location = await self._once(url, cached)
            except httpx.TimeoutException:
                reason = "timed out"
            except httpx.TransportError as exc:
                reason = f"connection failed ({type(exc).__name__})"
            else:
                if result.status < 500:
                    return result, location
                reason = f"HTTP {result.status}"
            if attempt + 1 < attempts:
                delay = self.limits.retry_backoff * (2**attempt)
                log.info("retrying %s in %.2fs: %s", url, delay, reason)
                await asyncio.sleep(delay)
        raise FetchError(url, f"{reason} after {attempts} attempts")

    async def _once(self, url: str, cached: CachedResponse | None) -> tuple[Fetched, str | None]:
        headers = cached.validators() if cached else {}
        host = self._host(url)
        async with host.slots:
            await self._wait_turn(host)
            async with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    return Fetched(url, response.status_code, b""), response.headers["location"]
                if response.status_code == 304 and cached:
                    return Fetched(url, 200, cached.body, cached.content_type, unchanged=True), None
                body = await self._read_capped(url, response)
        content_type = response.headers.get("content-type", "")
        fetched = Fetched(str(response.url), response.status_code, body, content_type)
        if self.cache and response.status_code == 200:
            self.cache.put(url, response.headers, body)
        return fetched, None

    async def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"larger than {cap} bytes (Content-Length {declared}); cut off")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"larger than {cap} bytes; cut off")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _wait_turn(self, host: _Host) -> None:
        if self.limits.delay <= 0:
            return
        async with host.lock:
            now = time.monotonic()
            wait = host.next_start - now
            host.next_start = max(now, host.next_start) + self.limits.delay
        if wait > 0:
            await asyncio.sleep(wait)

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc
        if key not in self._hosts:
            self._hosts[key] = _Host(self.limits.concurrency)
        return self._hosts[key]

    def _read_file(self, url: str) -> Fetched:
        path = Path(unquote(urlsplit(url).path))
        try:
            size = path.stat().st_size
            if size > self.limits.max_bytes:
                raise FetchError(url, f"larger than {self.limits.max_bytes} bytes; cut off")
            body = path.read_bytes()
        except FileNotFoundError:
            return Fetched(url, 404, b"")
        except OSError as exc:
            raise FetchError(url, f"cannot read file ({exc.strerror})") from exc
        return Fetched(url, 200, body, _file_type(path))


def _file_type(path: Path) -> str:
    types: dict[str, str] = {".json": "application/json", ".xml": "application/xml"}
    return types.get(path.suffix, "text/html" if path.suffix in {".html", ".htm"} else "")
