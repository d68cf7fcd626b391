"""The needs vocabulary (finder/data/needs.toml): what residents ask for, in six languages.

A word or phrase points at needs; a need points at the Dutch words the catalogue uses. So a
question in any language finds the catalogue's words for what was meant, while words of
different needs never become each other's synonyms. Loaded and compiled once.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from finder.query.normalise import (
    LANGUAGES,
    WORD_CACHE_SIZE,
    Lang,
    keys,
    languages_for,
    stem_key,
)
from finder.query.sanitise import phrase_key

NEEDS_FILE = Path(__file__).resolve().parent.parent / "data" / "needs.toml"
# Words this short match only as typed: their stems say too little.
MIN_STEM_CHARS = 3


@dataclass(frozen=True)
class Need:
    id: str
    icon: str
    tile: int | None
    label: dict[str, str]
    description: dict[str, str]
    catalogue: tuple[str, ...]
    upl: tuple[str, ...]

    def label_in(self, locale: str) -> str:
        return self.label.get(locale) or self.label["nl"]

    def description_in(self, locale: str) -> str:
        return self.description.get(locale) or self.description["nl"]


@dataclass(frozen=True)
class NeedMatch:
    length: int  # how many words the matched phrase covers
    needs: tuple[str, ...]


@dataclass
class _Table:
    """Phrases of one language, keyed by the stem keys of their words; single words by every key."""

    phrases: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, text: str, lang: Lang, need: str) -> None:
        tokens = phrase_key(text)
        if len(tokens) == 1:
            for key in _word_keys(tokens[0], lang):
                self.words[key].add(need)
        elif tokens:
            self.phrases[tuple(stem_key(t, lang) for t in tokens)].add(need)


def _word_keys(word: str, lang: Lang) -> tuple[str, ...]:
    found = keys(word, lang)
    return found[:1] if len(word) < MIN_STEM_CHARS else found


class Vocabulary:
    def __init__(self, needs: Sequence[Need], words: dict[str, dict[str, list[str]]]) -> None:
        self.needs = {need.id: need for need in needs}
        self.tiles = sorted((n for n in needs if n.tile is not None), key=lambda n: n.tile or 0)
        self._tables: dict[Lang, _Table] = {lang: _Table() for lang in LANGUAGES}
        # What tagging looks for in offers: only the catalogue's own words and UPL names.
        self._catalogue = _Table()
        self._upl: dict[str, set[str]] = defaultdict(set)
        for need in needs:
            for text in (*need.catalogue, *need.upl):
                self._catalogue.add(text, "nl", need.id)
            for label in need.upl:
                self._upl[_compact(label)].add(need.id)
            entries: list[tuple[Lang, str]] = [("nl", w) for w in (*need.catalogue, *need.upl)]
            entries += [(lang, need.label[lang]) for lang in LANGUAGES]
            entries += [(lang, w) for lang in LANGUAGES for w in words[need.id].get(lang, [])]
            for lang, text in entries:
                self._tables[lang].add(text, lang, need.id)
        # Dutch words a misspelt question may have meant: the catalogue's, spelt right.
        self.dutch_words = tuple(
            sorted({w for need in needs for w in need.catalogue if " " not in w})
        )
        # Phrase lookups start only at words that begin a catalogue phrase: tagging reads
        # every offer's title and keywords at index time.
        self._catalogue_starts: dict[str, int] = {}
        for phrase in self._catalogue.phrases:
            self._catalogue_starts[phrase[0]] = max(
                self._catalogue_starts.get(phrase[0], 0), len(phrase)
            )
        self.longest = max(
            (len(p) for table in self._tables.values() for p in table.phrases), default=1
        )

    def match(self, words: Sequence[str], start: int) -> NeedMatch | None:
        """The longest vocabulary phrase that begins at words[start], in any language."""
        langs = languages_for(words[start])
        for length in range(min(self.longest, len(words) - start), 1, -1):
            span = words[start : start + length]
            found: set[str] = set()
            # A phrase may mix scripts: "DigiD والخدمات الحكومية".
            for lang in dict.fromkeys(lang for word in span for lang in languages_for(word)):
                found |= self._tables[lang].phrases.get(
                    tuple(stem_key(w, lang) for w in span), set()
                )
            if found:
                return NeedMatch(length, tuple(sorted(found)))
        needs = self.needs_of(words[start], langs)
        return NeedMatch(1, needs) if needs else None

    def needs_of(self, word: str, langs: Iterable[Lang] | None = None) -> tuple[str, ...]:
        found: set[str] = set()
        for lang in langs or languages_for(word):
            table = self._tables[lang]
            for key in _word_keys(word, lang):
                found |= table.words.get(key, set())
        return tuple(sorted(found))

    def catalogue_needs(self, words: Sequence[str]) -> dict[str, set[tuple[str, ...]]]:
        """Each need whose catalogue words occur in these (Dutch) words, with the words found.

        Read left to right, longest phrase first, so "sociaal wijkteam" is one find, not two.
        """
        found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        stems = [stem_key(w, "nl") for w in words]
        start = 0
        while start < len(words):
            step = 1
            longest = self._catalogue_starts.get(stems[start], 0)
            for length in range(min(longest, len(words) - start), 1, -1):
                phrase = tuple(stems[start : start + length])
                if phrase in self._catalogue.phrases:
                    for need in self._catalogue.phrases[phrase]:
                        found[need].add(phrase)
                    step = length
                    break
            else:
                for need in self._catalogue_word_needs(words[start]):
                    found[need].add((stems[start],))
            start += step
        return found

    @lru_cache(maxsize=WORD_CACHE_SIZE)  # noqa: B019 - one vocabulary per process, loaded once
    def _catalogue_word_needs(self, word: str) -> frozenset[str]:
        found: set[str] = set()
        for key in _word_keys(word, "nl"):
            found |= self._catalogue.words.get(key, set())
        return frozenset(found)

    def upl_needs(self, upl: str) -> set[str]:
        """The needs of a UPL product, by its name or the last segment of its URI."""
        return set(self._upl.get(_compact(upl.rstrip("/").rsplit("/", 1)[-1]), set()))

    def alternatives(self, needs: Iterable[str]) -> tuple[str, ...]:
        """The catalogue's own words for these needs."""
        return tuple(dict.fromkeys(w for n in needs for w in self.needs[n].catalogue))


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _read(path: Path) -> tuple[list[Need], dict[str, dict[str, list[str]]]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    needs, words = [], {}
    for entry in data["need"]:
        needs.append(
            Need(
                id=entry["id"],
                icon=entry["icon"],
                tile=entry.get("tile"),
                label=dict(entry["label"]),
                description=dict(entry["description"]),
                catalogue=tuple(w.lower() for w in entry["catalogue"]),
                upl=tuple(entry.get("upl", ())),
            )
        )
        words[entry["id"]] = {lang: list(ws) for lang, ws in entry.get("words", {}).items()}
    return needs, words


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    return Vocabulary(*_read(NEEDS_FILE))
