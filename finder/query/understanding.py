"""What a resident asked for: the meaningful words, the needs they point at, and where.

"wie kan mij helpen met DigiD bij mij in de buurt" with postcode 8017 becomes the one word
"digid", pointing at the need "digid" (whose catalogue words are "mijnoverheid", "inloggen
overheid", ...), near 8017. "у мене борги" becomes "борги", pointing at "geldzorgen".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finder.geo.postcode import normalise_postcode
from finder.query import compounds
from finder.query.lexicon import Lexicon, load_lexicon
from finder.query.normalise import fold
from finder.query.sanitise import Token, sanitise, tokenise
from finder.query.terms import TermGroup
from finder.query.vocabulary import Vocabulary, load_vocabulary

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
    def needs(self) -> tuple[str, ...]:
        """The needs the question points at, in the order asked."""
        return tuple(dict.fromkeys(n for g in self.groups for n in g.needs))

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


@dataclass(frozen=True)
class _Word:
    word: str  # lower case, as matched
    typed: str  # as typed, for showing back to the resident
    needs: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


@dataclass
class _Reading:
    """What the scan over the words collects."""

    words: list[_Word]
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


def _joined(tokens: list[Token], i: int, vocabulary: Vocabulary, lexicon: Lexicon) -> _Word | None:
    """Two typed pieces that are one known word: "digi d" is "digid", "wijk team" "wijkteam".

    Stop words are never glued on: "in de" is not the word "inde".
    """
    if i + 1 >= len(tokens):
        return None
    first, second = tokens[i].lower, tokens[i + 1].lower
    if first in lexicon.stopwords or second in lexicon.stopwords:
        return None
    joined = fold(first + second)
    if not joined.isalnum() or not vocabulary.needs_of(joined):
        return None
    if vocabulary.needs_of(first) or vocabulary.needs_of(second):
        return None  # both are words of their own: "geen geld" stays two words
    typed = f"{tokens[i].display} {tokens[i + 1].display}"
    return _Word(joined, typed, vocabulary.needs_of(joined), (first, second))


def _plain(token: Token, vocabulary: Vocabulary, lexicon: Lexicon) -> _Word:
    if token.lower in lexicon.weak_words:
        # "help" alone points at no need, whichever way it is found.
        return _Word(token.lower, token.display)
    pieces = tuple(p for p in token.lower.replace("'", "-").split("-") if p)
    if len(pieces) > 1:
        # "Digi-D" is the word "digid" and also its pieces, as the catalogue may write either;
        # "син-підліток" is about what its pieces are about when the whole is unknown.
        joined = "".join(pieces)
        needs = vocabulary.needs_of(joined) or tuple(
            dict.fromkeys(n for piece in pieces for n in vocabulary.needs_of(piece))
        )
        return _Word(joined, token.display, needs, pieces)
    needs = vocabulary.needs_of(token.lower)
    parts = compounds.split(token.lower)
    for part in parts if not needs else ():
        # "huurtoeslagaanvraag" is about what its parts are about.
        needs = tuple(dict.fromkeys((*needs, *vocabulary.needs_of(part))))
    return _Word(token.lower, token.display, needs, parts)


def _read(tokens: list[Token], lexicon: Lexicon, vocabulary: Vocabulary) -> _Reading:
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
        phrase = lexicon.match_phrase(lowers, i)
        need = vocabulary.match(lowers, i)
        if need is not None and need.length == 1 and lowers[i] in lexicon.weak_words:
            need = None  # "help" alone points at no need; "household help" does
        if phrase is not None and (need is None or phrase.length >= need.length):
            if phrase.kind in ("location", "wijk"):
                reading.near = True
            if phrase.kind == "wijk" and reading.wijk is None:
                reading.wijk = phrase.value
            i += phrase.length
            continue
        if need is not None and need.length > 1:
            typed = " ".join(token.display for token in tokens[i : i + need.length])
            reading.words.append(_Word(" ".join(lowers[i : i + need.length]), typed, need.needs))
            i += need.length
            continue
        joined = _joined(tokens, i, vocabulary, lexicon)
        if joined is not None:
            reading.words.append(joined)
            i += 2
            continue
        if lowers[i] not in lexicon.stopwords and lowers[i] not in lexicon.place_words:
            reading.words.append(_plain(tokens[i], vocabulary, lexicon))
        i += 1
    return reading


def _meaningful(words: list[_Word], lexicon: Lexicon) -> list[_Word]:
    """One word per need (the first typed), and vague words only when nothing else is left."""
    kept: list[_Word] = []
    for word in words:
        same = next(
            (
                n
                for n, k in enumerate(kept)
                if k.word == word.word or (word.needs and k.needs == word.needs)
            ),
            None,
        )
        if same is None:
            kept.append(word)
    specific = [w for w in kept if w.needs or w.word not in lexicon.weak_words]
    return specific or kept


def understand(query: str, postcode: str | None = None) -> Understood:
    lexicon, vocabulary = load_lexicon(), load_vocabulary()
    original, truncated = sanitise(query)
    reading = _read(tokenise(original), lexicon, vocabulary)
    words = _meaningful(reading.words, lexicon)

    field_postcode = None
    field_error = False
    if isinstance(postcode, str) and postcode.strip():
        field_postcode = normalise_postcode(postcode)
        field_error = field_postcode is None
    wijk_postcode = lexicon.wijken[reading.wijk][0] if reading.wijk else None

    groups = tuple(
        TermGroup(
            word=w.word,
            alternatives=vocabulary.alternatives(w.needs),
            needs=w.needs,
            parts=w.parts,
            prefix=n == len(words) - 1,
            # A word of the vocabulary is known as typed: no typo may turn it into another.
            typos=0 if w.needs else None,
        )
        for n, w in enumerate(words)
    )
    return Understood(
        original=original,
        text=" ".join(w.word for w in words),
        groups=groups,
        display_words=tuple(w.typed for w in words),
        postcode=field_postcode or reading.postcode or wijk_postcode,
        postcode_error=field_error or reading.postcode_error,
        wijk=reading.wijk,
        near=reading.near,
        truncated=truncated,
    )
