"""Where a postcode or address lies, and how far apart two places are."""

from __future__ import annotations

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
    if settings.geocoder == "pdok":
        return PdokGeocoder(settings.pdok_url)
    return OfflineGeocoder()
