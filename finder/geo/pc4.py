"""Offline geocoding from the bundled PC4 centroid table (GeoNames, CC BY 4.0)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from finder.geo.distance import Point
from finder.geo.postcode import normalise_postcode, pc4_of

CENTROIDS_CSV = Path(__file__).resolve().parent.parent / "data" / "pc4_centroids.csv"


@lru_cache(maxsize=1)
def pc4_centroids() -> dict[str, Point]:
    """PC4 → centroid, read once from finder/data/pc4_centroids.csv."""
    with CENTROIDS_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["postal_code"]: Point(float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


class OfflineGeocoder:
    """Places a PC4 or PC6 at the centroid of its PC4; works without any network."""

    def locate(self, postcode: str) -> Point | None:
        normalised = normalise_postcode(postcode)
        if normalised is None:
            return None
        return pc4_centroids().get(pc4_of(normalised))
