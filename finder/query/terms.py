"""The words a question comes down to, as query understanding hands them to search."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TermGroup:
    """One word the resident meant, with the synonyms that mean the same.

    `alternatives` may hold multi-word phrases ("inloggen overheid"). `prefix` marks the last
    word typed, which also matches as the start of a longer word.
    """

    word: str
    alternatives: tuple[str, ...] = ()
    prefix: bool = False
