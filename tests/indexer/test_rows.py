"""The record-to-row mapping: fingerprints stay what earlier versions stored."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import UTC, date, datetime, time

from indexer import rows
from indexer.records import LocationRecord, OfferRecord, OrgRecord, ScheduleRecord


def test_content_hash_matches_what_earlier_versions_stored() -> None:
    # Otherwise the first crawl after an upgrade would report every record as changed.
    record = OfferRecord(
        source_ref="p1",
        title="Paspoort",
        organization=OrgRecord(name="Gemeente Voorbeeld", is_demo=True),
        source_url="https://example.org/page-3",
        keywords=["paspoort", "reisdocument"],
        modified_at=datetime(2025, 1, 15, 9, tzinfo=UTC),
        locations=[
            LocationRecord(
                name="Stadhuis",
                postcode="8011",
                latitude=52.5,
                longitude=6.1,
                schedules=[ScheduleRecord(0, time(9), time(17), valid_from=date(2025, 12, 24))],
            )
        ],
    )
    stored = asdict(record)
    stored.pop("source_url")
    expected = hashlib.sha1(
        json.dumps(stored, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()
    assert rows.content_hash(record) == expected
    record.source_url = "https://example.org/page-4"
    assert rows.content_hash(record) == expected
