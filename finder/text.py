"""Plain text out of (possibly hostile) HTML, shared by the indexer and the search index."""

from __future__ import annotations

import html
import re

import nh3

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(markup: str) -> str:
    """Text without markup, entities decoded, whitespace collapsed.

    nh3 first drops scripts and styles with their content; every remaining tag then becomes a
    space, so "<li>Formulieren</li><li>Brieven</li>" stays two words instead of one.
    """
    safe = nh3.clean(markup or "")
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", safe))).strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def one_line(text: str, limit: int) -> str:
    """The first sentence, cut at a word boundary with "…" when it is still longer than `limit`."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0] if text.strip() else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"
