"""Turning whatever was typed into clean text and words.

Control and format characters (Unicode category C*) vanish; whitespace of any kind
separates words. Words are runs of letters and digits in any script, so Arabic or
Cyrillic pass through as words, while emoji, symbols and punctuation are dropped.
Hyphens and apostrophes inside a word are kept ("zwolle-zuid", "i'm").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 200

WORD_PATTERN = r"[^\W_]+(?:['-][^\W_]+)*"
_WORD = re.compile(WORD_PATTERN)
# Marks that NFC does not fold into their letter: Arabic vowel marks (harakat, shadda, sukun,
# Quranic marks) and tatweel, Hebrew points, and stray Latin and Cyrillic combining accents.
# They are optional for meaning and matching, but regular expressions see no word character in
# them, so "لَمّ" would fall apart into single letters.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]"
)


@dataclass(frozen=True)
class Token:
    display: str  # as typed, for showing back to the resident
    lower: str  # for matching


def sanitise(raw: object) -> tuple[str, bool]:
    """Clean text of at most MAX_QUERY_CHARS characters, and whether it was cut."""
    if not isinstance(raw, str):
        return "", False
    text = _MARKS.sub("", unicodedata.normalize("NFC", raw))
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or not unicodedata.category(ch).startswith("C")
    )
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_CHARS:
        return text, False
    cut = text[:MAX_QUERY_CHARS]
    if text[MAX_QUERY_CHARS] != " " and " " in cut:
        # A half word would become a misleading prefix search.
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(), True


def tokenise(text: str) -> list[Token]:
    # Typographic apostrophes and dashes become plain ones so "i’m" matches "i'm".
    plain = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return [Token(m.group(0), m.group(0).lower()) for m in _WORD.finditer(plain)]


def phrase_key(text: str) -> tuple[str, ...]:
    """The lower-cased words of a lexicon entry, as the matcher compares them."""
    return tuple(token.lower for token in tokenise(unicodedata.normalize("NFC", text)))
