"""Per-source counters for the progress display and the end summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class SourceReport:
    name: str
    kind: str
    fetched: int = 0
    unchanged: int = 0
    indexed: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    failed: str = ""
    stale: int = 0
    # Shown on the About page with the source (sources.toml `licence`).
    licence: str = ""

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def error(self, url: str, reason: str) -> None:
        self.errors.append((url, reason))

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "fetched": self.fetched,
            "unchanged": self.unchanged,
            "indexed": self.indexed,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "skipped": dict(self.skipped),
            "errors": [{"url": u, "reason": r} for u, r in self.errors],
            "failed": self.failed,
            "stale": self.stale,
            "licence": self.licence,
        }
