"""The sources file (TOML): which sources to crawl, with per-source crawler overrides.

The keys every source has are read here; the keys of one kind are that kind's own options
model (see the source modules), so this module only dispatches.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from pydantic import Field, ValidationError, field_validator

from finder.models import SourceKind
from finder.settings import Settings
from indexer.limits import LimitOverrides
from indexer.sources.base import SourceConfig
from indexer.sources.registry import reader_for


class ConfigError(ValueError):
    """The sources file cannot be used; the crawl exits with code 2."""


class SourceEntry(LimitOverrides):
    """The keys every [[sources]] entry may have, whatever its kind."""

    name: str = ""
    kind: SourceKind
    url: str = Field(min_length=1)
    demo: bool = False
    # Shown on the About page beside the source.
    licence: str = ""

    @field_validator("url")
    @classmethod
    def _stripped(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("url is required")
        return value.strip()


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
    shared = {k: v for k, v in entry.items() if k in SourceEntry.model_fields}
    own = {k: v for k, v in entry.items() if k not in SourceEntry.model_fields}
    try:
        head = SourceEntry.model_validate(shared)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_explain(exc)}") from exc
    url = resolve_url(head.url, folder, base_url)
    name = head.name or f"{head.kind.value}-{index + 1}"
    try:
        options = reader_for(head.kind).options.model_validate(own, context={"url": url})
    except ValidationError as exc:
        raise ConfigError(f"{where} ({name}): {_explain(exc)}") from exc
    return SourceConfig(
        name=name,
        kind=head.kind,
        url=url,
        limits=head.limits(settings),
        options=options,
        demo=head.demo,
        licence=head.licence.strip(),
    )


def _explain(exc: ValidationError) -> str:
    """Pydantic's errors as one line an editor of the sources file can act on."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"])
        message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)
