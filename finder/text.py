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
