"""Reading loosely typed values out of parsed JSON, JSON-LD or XML text, the same way everywhere.

Sources put numbers where strings belong, one object where a list belongs, and markup in
names. These helpers turn whatever came in into the plain value a record field wants, or
into an empty value, and never raise.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from indexer.sanitise import plain


def text(value: Any) -> str:
    """Plain text of a string or number; anything else (objects, lists, booleans) is ''."""
    if isinstance(value, str):
        return plain(value)
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


def point(latitude: Any, longitude: Any) -> tuple[float | None, float | None]:
    """A latitude and longitude that are both valid, or neither: half a point is no place."""
    lat, lon = number(latitude, 90), number(longitude, 180)
    return (lat, lon) if lat is not None and lon is not None else (None, None)


def timestamp(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is taken as UTC."""
    found = text(value)
    try:
        parsed = datetime.fromisoformat(found) if found else None
    except ValueError:
        return None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC) if parsed else None
