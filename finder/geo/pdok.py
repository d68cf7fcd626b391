"""Geocoding through the PDOK Locatieserver, falling back to the offline PC4 table.

PDOK answers with `centroide_ll` as "POINT(lon lat)": longitude first.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import httpx

from finder.geo.distance import Point
from finder.geo.pc4 import OfflineGeocoder
from finder.geo.postcode import normalise_postcode

log = logging.getLogger(__name__)

_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$")
# Solr query syntax characters; a street name never needs them.
_SOLR_SPECIAL = re.compile(r"[^\w\s.'-]")
_CACHE_LIMIT = 4096


class GeocodeError(RuntimeError):
    """PDOK gave no usable answer. Never leaves the geocoder: it falls back instead."""


def parse_point(value: object) -> Point:
    """Read "POINT(lon lat)" into a Point."""
    match = _POINT.match(value) if isinstance(value, str) else None
    if match is None:
        raise GeocodeError(f"not a WGS84 point: {value!r}")
    lon, lat = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeocodeError(f"point out of range: {value!r}")
    return Point(lat=lat, lon=lon)


class PdokGeocoder:
    """PC6 and addresses via PDOK; PC4 and every failure via the bundled centroids."""

    def __init__(
        self, base_url: str, timeout: float = 3.0, fallback: OfflineGeocoder | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.fallback = fallback or OfflineGeocoder()
        self._client = httpx.Client(timeout=timeout, headers={"Accept": "application/json"})
        self._cache: dict[str, Point] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PdokGeocoder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def locate(self, postcode: str) -> Point | None:
        normalised = normalise_postcode(postcode)
        if normalised is None:
            return None
        if len(normalised) == 4:
            return self.fallback.locate(normalised)
        return self._query(f"postcode:{normalised}", "type:postcode", fallback_postcode=normalised)

    def geocode_address(self, street: str, number: str | int, postcode: str) -> Point | None:
        """The address's own point, or the postcode's when PDOK cannot place it."""
        normalised = normalise_postcode(postcode)
        if normalised is None:
            return None
        words = " ".join(_SOLR_SPECIAL.sub(" ", f"{street} {number}").split())
        if not words:
            return self.locate(normalised)
        point = self._query(f"{words} {normalised}", "type:adres", fallback_postcode=None)
        return point if point is not None else self.locate(normalised)

    def _query(self, q: str, fq: str, fallback_postcode: str | None) -> Point | None:
        cache_key = f"{fq}|{q}"
        if cache_key in self._cache:
            return self._cache[cache_key]
        try:
            point = self._fetch(q, fq)
        except GeocodeError as exc:
            log.warning("PDOK geocoding failed for %r, using PC4 centroid: %s", q, exc)
            return self.fallback.locate(fallback_postcode) if fallback_postcode else None
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[cache_key] = point
        return point

    def _fetch(self, q: str, fq: str) -> Point:
        params = {"q": q, "fq": fq, "rows": "1", "fl": "centroide_ll,postcode"}
        try:
            response = self._client.get(f"{self.base_url}/free", params=params)
            response.raise_for_status()
            body: Any = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise GeocodeError(f"{type(exc).__name__}: {exc}") from exc
        try:
            docs = body["response"]["docs"]
        except (KeyError, TypeError) as exc:
            raise GeocodeError("answer has no response.docs") from exc
        if not isinstance(docs, list) or not docs or not isinstance(docs[0], dict):
            raise GeocodeError("no result")
        return parse_point(docs[0].get("centroide_ll"))
