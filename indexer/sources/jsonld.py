"""schema.org JSON-LD blocks from an HTML page, flattened to a list of typed objects."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


class BrokenJsonLd(ValueError):
    """A JSON-LD block that is not valid JSON."""


class _ScriptCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def extract(html: str) -> list[dict[str, Any]]:
    """Every object in every JSON-LD block; raises BrokenJsonLd when no block parses."""
    collector = _ScriptCollector()
    collector.feed(html)
    objects: list[dict[str, Any]] = []
    broken = 0
    for block in collector.blocks:
        try:
            objects.extend(_flatten(json.loads(block)))
        except json.JSONDecodeError:
            broken += 1
    if broken and not objects:
        raise BrokenJsonLd(f"{broken} JSON-LD block(s) are not valid JSON")
    return objects


def types_of(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values}


def _flatten(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [obj for item in data for obj in _flatten(item)]
    if not isinstance(data, dict):
        return []
    if isinstance(data.get("@graph"), list):
        return _flatten(data["@graph"])
    return [data]
