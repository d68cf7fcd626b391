"""Mark the resident's words in a text, the same way for every backend."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape
from rapidfuzz.distance import Levenshtein

from finder.query.terms import TermGroup
from finder.search.analysis import allowed_typos, analyse

WORD = re.compile(r"\w+", re.UNICODE)
# Words a question's matcher remembers; a summary holds a few dozen.
MAX_SEEN = 4096


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    terms = analyse(word)
    return terms[0] if terms else ""


@dataclass
class _Matcher:
    """Which stems one question marks: as typed, as the start of the last word, or within the
    typos its word allows (plain edit distance, as rapidfuzz counts it)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    loose: tuple[tuple[str, int], ...]
    seen: dict[str, bool] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.exact)

    def matches(self, stem: str) -> bool:
        found = self.seen.get(stem)
        if found is None:
            found = (
                stem in self.exact
                or stem.startswith(self.prefixes)
                or any(
                    Levenshtein.distance(stem, target, score_cutoff=typos) <= typos
                    for target, typos in self.loose
                )
            )
            if len(self.seen) < MAX_SEEN:
                self.seen[stem] = found
        return found


@lru_cache(maxsize=256)
def _matcher(groups: tuple[TermGroup, ...]) -> _Matcher:
    exact, prefixes, loose = set(), [], []
    for group in groups:
        for variant, prefix in [(group.word, group.prefix)] + [
            (a, False) for a in group.alternatives
        ]:
            words = variant.split()
            for word in words:
                stem = _stem(word)
                if stem:
                    exact.add(stem)
                    if prefix:
                        prefixes.append(stem)
                    typos = allowed_typos(word) if len(words) == 1 else 0
                    if typos:
                        loose.append((stem, typos))
    return _Matcher(frozenset(exact), tuple(prefixes), tuple(loose))


def highlight(text: str, groups: tuple[TermGroup, ...]) -> Markup:
    """Escape `text` and wrap matching words in <mark>."""
    matcher = _matcher(groups)
    if not matcher or not text:
        return escape(text)
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        stem = _stem(match.group())
        if stem and matcher.matches(stem):
            out.append(str(escape(text[last : match.start()])))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(str(escape(text[last:])))
    # Every piece was escaped above; only our own <mark> tags are left as markup.
    return Markup("".join(out))  # noqa: S704
