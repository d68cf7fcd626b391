"""Stable, search-engine-safe ids (^[A-Za-z0-9_-]+$), never raw URLs."""

from __future__ import annotations

import re
import unicodedata
import uuid

from indexer.records import LocationRecord

_NAMESPACE = uuid.UUID("5b0e2f9c-6a51-4c55-9a0e-7d7b0c2a9e41")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case, accents folded, punctuation collapsed: for comparing names and addresses."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _NOT_WORD.sub(" ", folded.lower()).strip()


def stable_id(prefix: str, *parts: str) -> str:
    return f"{prefix}-{uuid.uuid5(_NAMESPACE, '|'.join(parts)).hex}"


def offer_id(kind: str, source_ref: str) -> str:
    return stable_id("offer", kind, source_ref)


def organization_id(name: str) -> str:
    # By normalised name, so the same organisation from two sources is one row.
    return stable_id("org", normalise(name))


def location_id(location: LocationRecord) -> str | None:
    name, address = normalise(location.name), normalise(location.address)
    if address:
        return stable_id("loc", name, address, location.postcode[:4])
    if location.source_id:
        return stable_id("loc", "source", location.source_id)
    if name and (location.postcode or location.city):
        return stable_id("loc", name, location.postcode, normalise(location.city))
    return None
