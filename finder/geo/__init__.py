"""Where a postcode or address lies, and how far apart two places are."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from finder.geo.distance import Point, haversine_km
from finder.geo.pc4 import OfflineGeocoder
from finder.geo.pdok import GeocodeError, PdokGeocoder
from finder.geo.postcode import normalise_postcode

if TYPE_CHECKING:
    from finder.settings import Settings

__all__ = [
    "GeocodeError",
    "Geocoder",
    "OfflineGeocoder",
    "PdokGeocoder",
    "Point",
    "get_geocoder",
    "haversine_km",
    "normalise_postcode",
]


class Geocoder(Protocol):
    def locate(self, postcode: str) -> Point | None:
        """PC4 or PC6; None when unknown. Never raises for bad input."""
        ...


def get_geocoder(settings: Settings) -> Geocoder:
    """One geocoder per configuration, shared: PDOK's HTTP client and answer cache are reused."""
    return _geocoder(settings.geocoder, settings.pdok_url)


@lru_cache(maxsize=4)
def _geocoder(kind: str, pdok_url: str) -> Geocoder:
    return PdokGeocoder(pdok_url) if kind == "pdok" else OfflineGeocoder()
