"""What a resident asked for: the meaningful words, their synonyms, and where.

"wie kan mij helpen met DigiD bij mij in de buurt" with postcode 8017 becomes the one
word "digid" (plus "mijnoverheid", "inloggen overheid", ...) near 8017.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finder.geo.postcode import normalise_postcode
from finder.query.lexicon import Lexicon, load_lexicon
from finder.query.sanitise import Token, sanitise, tokenise
from finder.query.terms import TermGroup

_PC6 = re.compile(r"^[1-9][0-9]{3}[a-z]{2}$")
_PC4 = re.compile(r"^[1-9][0-9]{3}$")
_PC4_ONE_LETTER = re.compile(r"^[1-9][0-9]{3}[a-z]$")
_LETTERS = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class Understood:
    original: str
    text: str
    groups: tuple[TermGroup, ...]
    display_words: tuple[str, ...]
    postcode: str | None
    postcode_error: bool
    wijk: str | None
    near: bool
    truncated: bool

    @property
    def location_label(self) -> str | None:
        """The wijk when the postcode is the wijk's own, else the postcode."""
        own_postcodes = load_lexicon().wijken.get(self.wijk, ()) if self.wijk else ()
        if self.postcode is not None and self.postcode[:4] in own_postcodes:
            return self.wijk
        return self.postcode

    def summary(self) -> str:
        """E.g. "DigiD · in de buurt van 8017"."""
        label = self.location_label
        if label is None:
            where = ""
        elif label == self.wijk:
            where = f"in {label}"
        else:
            where = f"in de buurt van {label}"
        return " · ".join(part for part in (" ".join(self.display_words), where) if part)


@dataclass
class _Reading:
    """What the scan over the words collects."""

    words: list[tuple[str, str]]  # (lower-case word or phrase, as typed)
    postcode: str | None = None
    postcode_error: bool = False
    wijk: str | None = None
    near: bool = False


def _postcode_at(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, str | None]:
    """How many tokens a postcode at tokens[i] covers (0: none) and its normal form.

    A normal form of None with a count marks a malformed postcode such as "8017 A".
    """
    word = tokens[i].lower
    if _PC6.match(word):
        return 1, normalise_postcode(word)
    if _PC4_ONE_LETTER.match(word):
        return 1, None
    if not _PC4.match(word):
        return 0, None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is not None and following.lower.isascii() and _LETTERS.match(following.lower):
        # "8017 ab" is a PC6, "8017 in de buurt" is not: short stop words stay words.
        typed_as_code = following.display.isupper()
        if len(following.lower) == 2 and (
            typed_as_code or following.lower not in lexicon.stopwords
        ):
            return 2, normalise_postcode(word + following.lower)
        if len(following.lower) == 1 and typed_as_code:
            return 2, None
    return 1, normalise_postcode(word)


def _read(tokens: list[Token], lexicon: Lexicon) -> _Reading:
    reading = _Reading(words=[])
    lowers = [token.lower for token in tokens]
    i = 0
    while i < len(tokens):
        used, postcode = _postcode_at(tokens, i, lexicon)
        if used:
            reading.near = True
            if postcode is None:
                reading.postcode_error = True
            elif reading.postcode is None:
                reading.postcode = postcode
            i += used
            continue
        match = lexicon.match_phrase(lowers, i)
        if match is not None:
            if match.kind in ("location", "wijk"):
                reading.near = True
            if match.kind == "wijk" and reading.wijk is None:
                reading.wijk = match.value
            if match.kind == "synonym":
                typed = " ".join(token.display for token in tokens[i : i + match.length])
                reading.words.append((match.value, typed))
            i += match.length
            continue
        if lowers[i] not in lexicon.stopwords and lowers[i] not in lexicon.place_words:
            reading.words.append((lowers[i], tokens[i].display))
        i += 1
    return reading


def _meaningful(words: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    unique = list({word: (word, typed) for word, typed in reversed(words)}.values())[::-1]
    specific = [pair for pair in unique if pair[0] not in lexicon.weak_words]
    return specific or unique


def understand(query: str, postcode: str | None = None) -> Understood:
    lexicon = load_lexicon()
    original, truncated = sanitise(query)
    reading = _read(tokenise(original), lexicon)
    words = _meaningful(reading.words, lexicon)

    field_postcode = None
    field_error = False
    if isinstance(postcode, str) and postcode.strip():
        field_postcode = normalise_postcode(postcode)
        field_error = field_postcode is None
    wijk_postcode = lexicon.wijken[reading.wijk][0] if reading.wijk else None

    groups = tuple(
        TermGroup(word=word, alternatives=lexicon.alternatives(word), prefix=n == len(words) - 1)
        for n, (word, _typed) in enumerate(words)
    )
    return Understood(
        original=original,
        text=" ".join(word for word, _typed in words),
        groups=groups,
        display_words=tuple(typed for _word, typed in words),
        postcode=field_postcode or reading.postcode or wijk_postcode,
        postcode_error=field_error or reading.postcode_error,
        wijk=reading.wijk,
        near=reading.near,
        truncated=truncated,
    )
