"""The sources file (TOML): which sources to crawl, and per-source crawler overrides."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from finder.models import SourceKind
from finder.settings import Settings
from indexer import postcodes


class ConfigError(ValueError):
    """The sources file cannot be used; the crawl exits with code 2."""


@dataclass(frozen=True)
class CounterLocation:
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    hours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Municipality:
    """Who offers the municipal products and at which counters (for SC sources)."""

    name: str
    phone: str = ""
    email: str = ""
    url: str = ""
    locations: tuple[CounterLocation, ...] = ()


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


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: SourceKind
    url: str
    limits: CrawlLimits
    demo: bool = False
    licence: str = ""
    page_size: int = 100
    postcodes: tuple[str, ...] = ()
    municipality: Municipality | None = None


_LIMIT_KEYS = {
    "concurrency": "crawl_concurrency_per_host",
    "delay": "crawl_delay_seconds",
    "connect_timeout": "crawl_connect_timeout",
    "read_timeout": "crawl_read_timeout",
    "max_bytes": "crawl_max_bytes",
    "retries": "crawl_retries",
}
_KNOWN = {
    "name",
    "kind",
    "url",
    "demo",
    "licence",
    "page_size",
    "postcodes",
    "municipality",
    "retry_backoff",
}


def load_sources(path: Path, settings: Settings, base_url: str | None = None) -> list[SourceConfig]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[sources]] entries")
    sources = [
        _source(entry, i, path.parent, settings, base_url) for i, entry in enumerate(entries)
    ]
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: source names must be unique: {names}")
    return sources


def resolve_url(url: str, folder: Path, base_url: str | None) -> str:
    """Absolute URLs stay; relative ones resolve against --base-url, else the TOML's folder."""
    if urlsplit(url).scheme in {"http", "https", "file"}:
        return url
    if base_url:
        return urljoin(base_url.rstrip("/") + "/", url)
    # Path.as_uri would percent-encode the {postcode} placeholder, so build the URI by hand.
    return "file://" + str((folder / url).resolve())


def _source(
    entry: Any, index: int, folder: Path, settings: Settings, base_url: str | None
) -> SourceConfig:
    where = f"source #{index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = set(entry) - _KNOWN - set(_LIMIT_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    try:
        kind = SourceKind(entry.get("kind", ""))
    except ValueError as exc:
        allowed = ", ".join(k.value for k in SourceKind)
        raise ConfigError(f"{where}: kind must be one of {allowed}") from exc
    url = entry.get("url")
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: url is required")
    url = resolve_url(url.strip(), folder, base_url)
    try:
        pcs = tuple(postcodes.expand([str(p) for p in entry.get("postcodes", [])]))
        limits = _limits(entry, settings)
        page_size = int(entry.get("page_size", 100))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    if kind is SourceKind.wijkteam_checker and ("{postcode}" not in url or not pcs):
        raise ConfigError(f"{where}: a wijkteam-checker needs {{postcode}} in url and postcodes")
    return SourceConfig(
        name=str(entry.get("name") or f"{kind.value}-{index + 1}"),
        kind=kind,
        url=url,
        limits=limits,
        demo=bool(entry.get("demo", False)),
        licence=str(entry.get("licence") or ""),
        page_size=max(1, page_size),
        postcodes=pcs,
        municipality=_municipality(entry.get("municipality"), where),
    )


def _limits(entry: dict[str, Any], settings: Settings) -> CrawlLimits:
    values = {key: entry.get(key, getattr(settings, name)) for key, name in _LIMIT_KEYS.items()}
    return CrawlLimits(
        user_agent=settings.user_agent,
        concurrency=max(1, int(values["concurrency"])),
        delay=max(0.0, float(values["delay"])),
        connect_timeout=float(values["connect_timeout"]),
        read_timeout=float(values["read_timeout"]),
        max_bytes=int(values["max_bytes"]),
        retries=max(0, int(values["retries"])),
        retry_backoff=max(0.0, float(entry.get("retry_backoff", 0.5))),
    )


def _municipality(raw: Any, where: str) -> Municipality | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ConfigError(f"{where}: municipality needs a name")
    try:
        locations = tuple(
            CounterLocation(**{**loc, "hours": tuple(loc.get("hours", ()))})
            for loc in raw.get("locations", [])
        )
    except TypeError as exc:
        raise ConfigError(f"{where}: municipality location: {exc}") from exc
    return Municipality(
        name=str(raw["name"]),
        phone=str(raw.get("phone", "")),
        email=str(raw.get("email", "")),
        url=str(raw.get("url", "")),
        locations=locations,
    )
