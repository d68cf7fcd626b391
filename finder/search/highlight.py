"""Mark the resident's words in a text, the same way for every backend."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from finder.query.terms import TermGroup
from finder.search.analysis import allowed_typos, analyse

WORD = re.compile(r"\w+", re.UNICODE)


def _within(a: str, b: str, limit: int) -> bool:
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(row) > limit:
            return False
        previous = row
    return previous[-1] <= limit


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    terms = analyse(word)
    return terms[0] if terms else ""


@lru_cache(maxsize=256)
def _targets(groups: tuple[TermGroup, ...]) -> tuple[tuple[str, int, bool], ...]:
    targets = []
    for group in groups:
        for variant, prefix in [(group.word, group.prefix)] + [
            (a, False) for a in group.alternatives
        ]:
            words = variant.split()
            for word in words:
                stem = _stem(word)
                if stem:
                    typos = allowed_typos(word) if len(words) == 1 else 0
                    targets.append((stem, typos, prefix))
    return tuple(targets)


@lru_cache(maxsize=16384)
def _matches(stem: str, targets: tuple[tuple[str, int, bool], ...]) -> bool:
    return any(
        stem == t or (prefix and stem.startswith(t)) or (typos and _within(stem, t, typos))
        for t, typos, prefix in targets
    )


def highlight(text: str, groups: tuple[TermGroup, ...]) -> Markup:
    """Escape `text` and wrap matching words in <mark>."""
    targets = _targets(groups)
    if not targets or not text:
        return escape(text)
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        stem = _stem(match.group())
        if stem and _matches(stem, targets):
            out.append(str(escape(text[last : match.start()])))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(str(escape(text[last:])))
    # Every piece was escaped above; only our own <mark> tags are left as markup.
    return Markup("".join(out))  # noqa: S704
