"""The crawler's manners: FINDER_CRAWL_* settings, with per-source overrides from the TOML."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from finder.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class CrawlLimits:
    user_agent: str
    concurrency: int
    delay: float
    connect_timeout: float
    read_timeout: float
    max_bytes: int
    retries: int
    retry_backoff: float


class LimitOverrides(BaseModel):
    """The TOML keys that override a crawler setting for one source; unset keys keep it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int | None = Field(None, ge=1)
    delay: float | None = Field(None, ge=0)
    connect_timeout: float | None = Field(None, gt=0)
    read_timeout: float | None = Field(None, gt=0)
    max_bytes: int | None = Field(None, gt=0)
    retries: int | None = Field(None, ge=0)
    retry_backoff: float = Field(0.5, ge=0)

    def limits(self, settings: Settings) -> CrawlLimits:
        return CrawlLimits(
            user_agent=settings.user_agent,
            concurrency=pick(self.concurrency, settings.crawl_concurrency_per_host),
            delay=pick(self.delay, settings.crawl_delay_seconds),
            connect_timeout=pick(self.connect_timeout, settings.crawl_connect_timeout),
            read_timeout=pick(self.read_timeout, settings.crawl_read_timeout),
            max_bytes=pick(self.max_bytes, settings.crawl_max_bytes),
            retries=pick(self.retries, settings.crawl_retries),
            retry_backoff=self.retry_backoff,
        )


def pick(own: T | None, default: T) -> T:
    return default if own is None else own
