"""The words the finder knows besides the needs: stop words, filler, location phrases, wijken.

Loaded once from the TOML files in finder/data/ and cached. Stop words, weak words and phrases
are kept as written and also folded (`normalise.fold`: no diacritics), so a word typed without
its diacritics still counts: "yardim" is the stop word "yardım", "moge" the filler "mogę". A word
typed *with* diacritics only matches as written, so the Turkish "iş" (work) never becomes the
Dutch stop word "is".
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from finder.query.normalise import fold
from finder.query.sanitise import phrase_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

PhraseKind = Literal["location", "wijk", "filler"]


@dataclass(frozen=True)
class PhraseMatch:
    length: int  # number of words the phrase covers
    kind: PhraseKind
    value: str  # the wijk's display name, or the phrase itself


@dataclass(frozen=True, eq=False)
class Lexicon:
    stopwords: frozenset[str]
    index_stopwords: frozenset[str]
    weak_words: frozenset[str]
    place_words: frozenset[str]
    wijken: dict[str, tuple[str, ...]]
    wijkteams: dict[str, tuple[str, ...]]
    phrases: dict[tuple[str, ...], tuple[PhraseKind, str]]
    longest_phrase: int

    def wijk_for_postcode(self, pc4: str) -> str | None:
        return _area_for(self.wijken, pc4)

    def wijkteam_for_postcode(self, pc4: str) -> str | None:
        """The (demo) sociaal wijkteam whose area holds this postcode."""
        return _area_for(self.wijkteams, pc4)

    def match_phrase(self, words: Sequence[str], start: int) -> PhraseMatch | None:
        """The longest known phrase that begins at words[start] (lower case, as typed)."""
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


def _spellings(text: str) -> set[tuple[str, ...]]:
    """A phrase as written and as typed without diacritics."""
    written = phrase_key(text)
    return {written, tuple(fold(word) for word in written)} - {()}


def _with_plain(words: frozenset[str]) -> frozenset[str]:
    return words | {fold(word) for word in words}


def _wijk_names(name: str, aliases: list[str]) -> set[tuple[str, ...]]:
    # "Aa-landen" is also typed as "aa landen" and "aalanden".
    spellings = {name, name.replace("-", " "), name.replace("-", ""), *aliases}
    return {key for spelling in spellings for key in _spellings(spelling)}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    stop, places = _read("stopwords.toml"), _read("wijken.toml")
    languages = [entry for entry in stop.values() if isinstance(entry, dict)]
    wijken = {name: tuple(entry["pc4"]) for name, entry in places["wijken"].items()}
    phrases: dict[tuple[str, ...], tuple[PhraseKind, str]] = {}
    # Later kinds win a tie: a location phrase is never mistaken for filler.
    for language in languages:
        phrases.update(
            {key: ("filler", p) for p in language["filler_phrases"] for key in _spellings(p)}
        )
    for name, entry in places["wijken"].items():
        phrases.update({key: ("wijk", name) for key in _wijk_names(name, entry.get("aliases", []))})
    for language in languages:
        phrases.update(
            {key: ("location", p) for p in language["location_phrases"] for key in _spellings(p)}
        )

    def words(kind: str, only_index: bool = False) -> frozenset[str]:
        return frozenset(
            word.lower()
            for language in languages
            if language["index"] or not only_index
            for word in language[kind]
        )

    return Lexicon(
        stopwords=_with_plain(words("stopwords")),
        index_stopwords=words("stopwords", only_index=True),
        weak_words=_with_plain(words("weak_words")),
        place_words=_with_plain(frozenset(w.lower() for w in stop["place_words"])),
        wijken=wijken,
        wijkteams={name: tuple(entry["pc4"]) for name, entry in places["wijkteams"].items()},
        phrases=phrases,
        longest_phrase=max((len(key) for key in phrases), default=0),
    )
