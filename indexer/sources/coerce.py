"""Reading loosely typed values out of parsed JSON, JSON-LD or XML text, the same way everywhere.

Sources put numbers where strings belong, one object where a list belongs, and markup in
names. These helpers turn whatever came in into the plain value a record field wants, or
into an empty value, and never raise.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from finder.text import plain_text

_SPACE = re.compile(r"\s+")
# Only these characters make plain_text do more than collapse whitespace: markup, entities,
# and the NUL and byte-order-mark characters the HTML parser drops.
_MARKUP = re.compile("[<&\x00\ufeff\ud800-\udfff]")
# A lone surrogate (JSON may escape one as \ud800) cannot be stored as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def text(value: Any) -> str:
    """Plain text of a string or number; anything else (objects, lists, booleans) is ''."""
    if isinstance(value, str):
        if _MARKUP.search(value):
            return plain_text(_SURROGATE.sub("\ufffd", value))
        # Most values are short plain strings; skip the HTML sanitiser for them.
        return _SPACE.sub(" ", value).strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects in a list, or a single object as a list of one."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def strings(value: Any) -> list[str]:
    """A list of strings, or one comma-separated string, as plain texts."""
    if isinstance(value, list):
        found = [text(item) for item in value if isinstance(item, str)]
    elif isinstance(value, str):
        found = [part.strip() for part in text(value).split(",")]
    else:
        found = []
    return [item for item in found if item]


def url(value: Any) -> str:
    """An http(s) URL, or '' for anything else (javascript:, relative paths, objects)."""
    found = text(value)
    return found if found.startswith(("https://", "http://")) else ""


def number(value: Any, limit: float) -> float | None:
    """A number within ±limit (latitude 90, longitude 180), else None."""
    if isinstance(value, bool):
        return None
    try:
        found = float(value)
    except (TypeError, ValueError):
        return None
    return found if -limit <= found <= limit else None


def timestamp(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is taken as UTC."""
    found = text(value)
    try:
        parsed = datetime.fromisoformat(found) if found else None
    except ValueError:
        return None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC) if parsed else None
