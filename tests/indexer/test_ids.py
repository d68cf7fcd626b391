"""Ids stay what earlier versions made, so a re-crawl finds its offers and places again."""

from __future__ import annotations

import uuid

from indexer.ids import location_id, offer_id, organization_id, stable_id
from indexer.records import LocationRecord

NAMESPACE = uuid.UUID("5b0e2f9c-6a51-4c55-9a0e-7d7b0c2a9e41")


def test_stable_ids_are_uuid5_of_the_joined_parts() -> None:
    for parts in [("open-referral", "bench-1"), ("a",), ("Stadskantoor", "lübeckplein 2", "8011")]:
        assert stable_id("x", *parts) == f"x-{uuid.uuid5(NAMESPACE, '|'.join(parts)).hex}"
    assert offer_id("webpages", "https://example.org/a") == stable_id(
        "offer", "webpages", "https://example.org/a"
    )
    assert organization_id("Gemeente  Zwolle!") == organization_id("gemeente zwolle")


def test_a_place_is_known_by_name_and_address_else_by_its_source_id() -> None:
    here = LocationRecord(name="Stadkamer", address="Kerkstraat 1", postcode="8011AB")
    same = LocationRecord(name="STADKAMER", address="Kerkstraat 1,", postcode="8011 xy")
    assert location_id(here) == location_id(same) is not None
    assert location_id(LocationRecord(source_id="loc-9")) == stable_id("loc", "source", "loc-9")
    assert location_id(LocationRecord(name="Ergens")) is None
