"""The words the finder knows: synonyms, stop words, location phrases and wijken.

Loaded once from the TOML files in finder/data/ and cached.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from finder.query.sanitise import phrase_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

PhraseKind = Literal["location", "wijk", "filler", "synonym"]


@dataclass(frozen=True)
class PhraseMatch:
    length: int  # number of words the phrase covers
    kind: PhraseKind
    value: str  # the wijk's display name, or the phrase itself


@dataclass(frozen=True, eq=False)
class Lexicon:
    synonym_groups: list[tuple[str, ...]]
    stopwords: frozenset[str]
    weak_words: frozenset[str]
    place_words: frozenset[str]
    wijken: dict[str, tuple[str, ...]]
    wijkteams: dict[str, tuple[str, ...]]
    phrases: dict[tuple[str, ...], tuple[PhraseKind, str]]
    alternatives_by_member: dict[str, tuple[str, ...]]
    longest_phrase: int

    def alternatives(self, word: str) -> tuple[str, ...]:
        return self.alternatives_by_member.get(word, ())

    def meili_synonyms(self) -> dict[str, list[str]]:
        """Each member → the other members of its groups, as Meilisearch's synonyms setting."""
        return {member: list(alts) for member, alts in self.alternatives_by_member.items()}

    def wijk_for_postcode(self, pc4: str) -> str | None:
        return _area_for(self.wijken, pc4)

    def wijkteam_for_postcode(self, pc4: str) -> str | None:
        """The (demo) sociaal wijkteam whose area holds this postcode."""
        return _area_for(self.wijkteams, pc4)

    def match_phrase(self, words: Sequence[str], start: int) -> PhraseMatch | None:
        """The longest known phrase that begins at words[start]."""
        for length in range(min(self.longest_phrase, len(words) - start), 0, -1):
            found = self.phrases.get(tuple(words[start : start + length]))
            if found is not None:
                return PhraseMatch(length, found[0], found[1])
        return None


def _area_for(areas: dict[str, tuple[str, ...]], postcode: str) -> str | None:
    pc4 = postcode.strip()[:4]
    return next((name for name, codes in areas.items() if pc4 in codes), None)


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _alternatives(groups: list[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, dict[str, None]] = {}
    for group in groups:
        for member in group:
            others = merged.setdefault(member, {})
            others.update((other, None) for other in group if other != member)
    return {member: tuple(others) for member, others in merged.items()}


def _wijk_names(name: str, aliases: list[str]) -> set[tuple[str, ...]]:
    # "Aa-landen" is also typed as "aa landen" and "aalanden".
    spellings = {name, name.replace("-", " "), name.replace("-", ""), *aliases}
    return {phrase_key(spelling) for spelling in spellings} - {()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    synonyms, stop, places = _read("synonyms.toml"), _read("stopwords.toml"), _read("wijken.toml")
    groups = [
        tuple(dict.fromkeys(" ".join(phrase_key(m)) for m in group["members"]))
        for group in synonyms["group"]
    ]
    wijken = {name: tuple(entry["pc4"]) for name, entry in places["wijken"].items()}
    phrases: dict[tuple[str, ...], tuple[PhraseKind, str]] = {}
    # Later kinds win a tie: a location phrase is never mistaken for a synonym.
    for group in groups:
        phrases.update({phrase_key(m): ("synonym", m) for m in group if " " in m})
    phrases.update({phrase_key(p): ("filler", p) for p in stop["filler_phrases"]})
    for name, entry in places["wijken"].items():
        phrases.update({key: ("wijk", name) for key in _wijk_names(name, entry.get("aliases", []))})
    phrases.update({phrase_key(p): ("location", p) for p in stop["location_phrases"]})
    return Lexicon(
        synonym_groups=groups,
        stopwords=frozenset(w.lower() for w in stop["stopwords"]),
        weak_words=frozenset(w.lower() for w in stop["weak_words"]),
        place_words=frozenset(w.lower() for w in stop["place_words"]),
        wijken=wijken,
        wijkteams={name: tuple(entry["pc4"]) for name, entry in places["wijkteams"].items()},
        phrases=phrases,
        alternatives_by_member=_alternatives(groups),
        longest_phrase=max((len(key) for key in phrases), default=0),
    )
