from __future__ import annotations

import pytest

from finder.geo import OfflineGeocoder, Point, haversine_km, normalise_postcode


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8017 ab", "8017AB"),
        ("8017AB", "8017AB"),
        (" 8017  Ab ", "8017AB"),
        ("8017", "8017"),
        ("80171", None),
        ("0800", None),
        ("ABCD", None),
        ("8017 A", None),
        ("8017 ABC", None),
        ("", None),
    ],
)
def test_normalise_postcode(typed: str, expected: str | None) -> None:
    assert normalise_postcode(typed) == expected


ZWOLLE_STATION = Point(52.5049, 6.0914)


def test_haversine_station_to_stadshagen() -> None:
    stadshagen = OfflineGeocoder().locate("8043")
    assert stadshagen is not None
    assert 3.0 <= haversine_km(ZWOLLE_STATION, stadshagen) <= 4.5


def test_haversine_known_pair() -> None:
    # Amsterdam Centraal to Utrecht Centraal: about 35 km as the crow flies.
    amsterdam, utrecht = Point(52.3791, 4.9003), Point(52.0894, 5.1101)
    assert haversine_km(amsterdam, utrecht) == pytest.approx(35.0, abs=1.5)
    assert haversine_km(utrecht, amsterdam) == pytest.approx(haversine_km(amsterdam, utrecht))
    assert haversine_km(utrecht, utrecht) == 0.0


def test_offline_lookups() -> None:
    geocoder = OfflineGeocoder()
    centre = geocoder.locate("8017")
    assert centre is not None
    assert 52.4 < centre.lat < 52.6 and 6.0 < centre.lon < 6.2
    assert geocoder.locate("8017 AB") == centre
    assert geocoder.locate("9999") is None
    assert geocoder.locate("0000") is None
    assert geocoder.locate("not a postcode") is None
