"""Where each record comes from, as HSDS metadata: sources, fetch dates, confirmations and
editors' corrections. No person is named: editors appear as "redactie"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from finder.hsds.ids import part_id
from finder.models import Confirmation, Correction
from finder.offers import SourceInfo

EDITORS = "redactie"


def stamp(moment: datetime | None) -> str:
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.isoformat(timespec="seconds")


def entry(resource_id: str, resource_type: str, action: str, when: datetime | None, by: str,
          field: str = "", before: str = "", after: str = "") -> dict[str, Any]:  # fmt: skip
    return {
        "id": part_id(resource_id, "metadata", action, field, stamp(when), by, after),
        "resource_id": resource_id,
        "resource_type": resource_type,
        "last_action_date": stamp(when),
        "last_action_type": action,
        "field_name": field,
        "previous_value": before,
        "replacement_value": after,
        "updated_by": by,
    }


def source_entries(
    resource_id: str, resource_type: str, sources: Iterable[SourceInfo]
) -> list[dict[str, Any]]:
    found = []
    for s in sources:
        name = s.name or s.kind
        found.append(
            entry(
                resource_id,
                resource_type,
                "fetched",
                s.fetched_at,
                name,
                "source",
                "",
                s.url or name,
            )
        )
        if s.modified_at:
            found.append(
                entry(
                    resource_id,
                    resource_type,
                    "modified at source",
                    s.modified_at,
                    name,
                    "last_modified",
                    "",
                    stamp(s.modified_at),
                )
            )
    return found


def confirmed_entry(
    resource_id: str, resource_type: str, when: datetime | None, by_editor: bool
) -> list[dict[str, Any]]:
    if when is None:
        return []
    by = EDITORS if by_editor else "crawl"
    return [
        entry(resource_id, resource_type, "confirmed", when, by, "assured_date", "", stamp(when))
    ]


def correction_entries(
    resource_id: str, corrections: Iterable[tuple[Correction, str, str]]
) -> list[dict[str, Any]]:
    """(correction, crawled value as text, corrected value as text) → one entry each."""
    return [
        entry(resource_id, "service", "corrected", c.updated_at, EDITORS, c.field, before, after)
        for c, before, after in corrections
    ]


def confirmation_entries(resource_id: str, rows: Iterable[Confirmation]) -> list[dict[str, Any]]:
    return [
        entry(
            resource_id,
            "service",
            f"confirmed by editor ({c.reason})",
            c.at,
            EDITORS,
            "assured_date",
            "",
            stamp(c.at),
        )
        for c in rows
    ]
