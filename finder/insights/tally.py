"""Counts kept in memory on the request path and handed to the store in the background.

A search adds to dictionaries under a lock: no database write on the request thread. Each
worker process has its own tally; the store adds every worker's counts to the same rows.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from finder.insights.facts import SearchFact

ALL = "*"


@dataclass
class Drained:
    # (day, need, wijk) → [searches, empty, refined]
    counts: dict[tuple[date, str, str], list[int]] = field(default_factory=dict)
    words: Counter[tuple[date, str]] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.counts or self.words)


class Tally:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending = Drained()

    def _bump(self, key: tuple[date, str, str], column: int) -> None:
        row = self._pending.counts.setdefault(key, [0, 0, 0])
        row[column] += 1

    def add(self, day: date, fact: SearchFact, refined: tuple[str, ...] | None = None) -> None:
        with self._lock:
            for need in (ALL, *(fact.needs or ("",))):
                self._bump((day, need, fact.wijk), 0)
                if fact.empty:
                    self._bump((day, need, fact.wijk), 1)
            if refined is not None:
                for need in (ALL, *(refined or ("",))):
                    self._bump((day, need, fact.wijk), 2)
            if fact.empty and fact.words:
                self._pending.words[(day, fact.words)] += 1

    def drain(self) -> Drained:
        with self._lock:
            taken, self._pending = self._pending, Drained()
        return taken

    def restore(self, taken: Drained) -> None:
        """Puts counts back after a failed write, so the next flush tries them again."""
        with self._lock:
            for key, row in taken.counts.items():
                mine = self._pending.counts.setdefault(key, [0, 0, 0])
                for i, n in enumerate(row):
                    mine[i] += n
            self._pending.words.update(taken.words)
