"""Stable, search-engine-safe ids (^[A-Za-z0-9_-]+$), never raw URLs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from functools import lru_cache

from indexer.records import LocationRecord

_NAMESPACE_BYTES = uuid.UUID("5b0e2f9c-6a51-4c55-9a0e-7d7b0c2a9e41").bytes
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case, accents folded, punctuation collapsed: for comparing names and addresses."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _NOT_WORD.sub(" ", folded.lower()).strip()


def stable_id(prefix: str, *parts: str) -> str:
    """prefix-<uuid5 hex>, computed as uuid.uuid5 does without building a UUID object.

    Every crawl makes several per record, and uuid5 itself was a measurable share of loading.
    """
    name = _NAMESPACE_BYTES + "|".join(parts).encode()
    digest = bytearray(hashlib.sha1(name, usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    return f"{prefix}-{digest.hex()}"


def offer_id(kind: str, source_ref: str) -> str:
    return stable_id("offer", kind, source_ref)


def organization_id(name: str) -> str:
    # By normalised name, so the same organisation from two sources is one row.
    return stable_id("org", normalise(name))


def location_id(location: LocationRecord) -> str | None:
    return _location_id(
        location.name, location.address, location.postcode, location.city, location.source_id
    )


# Many offers share a place; a bounded memo spares normalising and hashing it each time.
@lru_cache(maxsize=8192)
def _location_id(name: str, address: str, postcode: str, city: str, source_id: str) -> str | None:
    name, address = normalise(name), normalise(address)
    if address:
        return stable_id("loc", name, address, postcode[:4])
    if source_id:
        return stable_id("loc", "source", source_id)
    if name and (postcode or city):
        return stable_id("loc", name, postcode, normalise(city))
    return None
