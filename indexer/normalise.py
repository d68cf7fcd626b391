"""The step between extracting a record and loading it: what the source said, made complete.

Marks a demo source's records as demo data, fingerprints the record as the source gave it,
then places what it can: a location with a postcode but no coordinates gets the geocoder's
point (the PC6, else its PC4 centroid).
"""

from __future__ import annotations

from dataclasses import dataclass

from finder.geo import Geocoder
from indexer import rows
from indexer.records import OfferRecord


@dataclass
class Normalised:
    record: OfferRecord
    # Of the record before geocoding, so a better geocoder does not make every record "changed".
    digest: str


class Normaliser:
    """One per crawl; remembers every postcode it placed, so each is looked up once."""

    def __init__(self, geocoder: Geocoder) -> None:
        self.geocoder = geocoder
        self._points: dict[str, tuple[float, float] | None] = {}

    def __call__(self, record: OfferRecord, demo: bool) -> Normalised:
        if demo:
            record.is_demo = record.organization.is_demo = True
            for place in record.locations:
                place.is_demo = True
        digest = rows.content_hash(record)
        for place in record.locations:
            if place.latitude is None and place.postcode:
                place.latitude, place.longitude = self._locate(place.postcode) or (None, None)
        return Normalised(record, digest)

    def _locate(self, postcode: str) -> tuple[float, float] | None:
        if postcode not in self._points:
            point = self.geocoder.locate(postcode) or self.geocoder.locate(postcode[:4])
            self._points[postcode] = (point.lat, point.lon) if point else None
        return self._points[postcode]
