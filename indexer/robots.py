"""robots.txt per host: a disallowed URL is never fetched."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from indexer.fetch import Fetcher, FetchError

log = logging.getLogger(__name__)


class Robots:
    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self.fetcher = fetcher
        # The product token, e.g. "StadInVerbinding-indexer", is what robots.txt groups name.
        self.agent = user_agent.split("/", 1)[0].strip()
        self._parsers: dict[str, RobotFileParser] = {}

    async def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            return True
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if origin not in self._parsers:
            self._parsers[origin] = await self._load(origin + "/robots.txt")
        return self._parsers[origin].can_fetch(self.agent, url)

    async def _load(self, robots_url: str) -> RobotFileParser:
        parser = RobotFileParser(robots_url)
        try:
            fetched = await self.fetcher.get(robots_url, conditional=False)
        except FetchError as exc:
            # RFC 9309: an unreachable robots.txt means "assume everything is disallowed".
            log.warning("robots.txt unreachable (%s): not crawling that host", exc.reason)
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        if fetched.status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        elif fetched.status >= 400:
            parser.parse([])
        else:
            parser.parse(fetched.text().splitlines())
        return parser
