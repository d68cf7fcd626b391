"""What the search backends are asked for: one group of terms per thing the resident meant."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TermGroup:
    """One word (or phrase) the resident meant, with what else counts as a match for it.

    `alternatives` are the catalogue's own words for the needs the word points at, and may be
    phrases ("inloggen overheid"). `needs` are those needs' ids: an offer tagged with one of them
    is about this word. `parts` are the parts of a Dutch compound ("kinderopvang", "toeslag"):
    an offer that has all of them matches too. `prefix` marks the last word typed, which also
    matches as the start of a longer word; `typos` is how many typos the engine may forgive.
    """

    word: str
    alternatives: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    prefix: bool = False
    typos: int | None = None
