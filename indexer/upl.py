"""The Uniforme Productnamenlijst: link a product's UPL URI or label to the canonical entry."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

UPL_CSV = Path(__file__).parent / "data" / "UPL-actueel.csv"


@dataclass(frozen=True)
class UplEntry:
    label: str
    uri: str


class UplList:
    """Matches on the URI and on the lower-cased label, because the URI forms vary."""

    def __init__(self, entries: list[UplEntry]) -> None:
        self._by_key: dict[str, UplEntry] = {}
        for entry in entries:
            keys = (entry.uri.lower(), _last_segment(entry.uri), entry.label.lower())
            for key in (*keys, _compact(entry.label)):
                self._by_key.setdefault(key, entry)

    def __len__(self) -> int:
        return len({e.uri for e in self._by_key.values()})

    def match(self, uri: str = "", label: str = "") -> UplEntry | None:
        # Publishers spell labels into URIs with underscores, or drop the spaces.
        keys = [uri.strip().lower(), label.strip().lower(), _last_segment(uri)]
        keys += [_compact(label), _compact(_last_segment(uri))]
        for key in keys:
            if key and key in self._by_key:
                return self._by_key[key]
        return None


def _last_segment(uri: str) -> str:
    return uri.strip().rstrip("/").rsplit("/", 1)[-1].lower()


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@lru_cache(maxsize=1)
def load_upl(path: Path = UPL_CSV) -> UplList:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        entries = [
            UplEntry(row["UniformeProductnaam"].strip(), row["URI"].strip())
            for row in rows
            if row.get("URI")
        ]
    return UplList(entries)
