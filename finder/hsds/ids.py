"""HSDS ids are UUIDs. Crawled ids already end in one (offer-<hex>); others get a stable UUID5."""

from __future__ import annotations

import re
import uuid

NAMESPACE = uuid.UUID("0b9a7c3e-51f4-4c1e-8f0e-3d5b6a7c2e19")
_HEX_ID = re.compile(r"^[a-z]+-([0-9a-f]{32})$")


def hsds_id(own_id: str) -> str:
    found = _HEX_ID.match(own_id)
    return str(uuid.UUID(found.group(1))) if found else str(uuid.uuid5(NAMESPACE, own_id))


def part_id(*parts: str) -> str:
    """The id of a record inside another, e.g. a phone of a service: stable across exports."""
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def candidates(prefix: str, given: str) -> str | None:
    """The own id a UUID stands for when it came from a crawled id, else None."""
    try:
        return f"{prefix}-{uuid.UUID(given).hex}"
    except ValueError:
        return None


def is_uuid(given: str) -> bool:
    try:
        uuid.UUID(given)
    except ValueError:
        return False
    return True
