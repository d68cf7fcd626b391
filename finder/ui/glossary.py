"""The glossary: official words residents meet, explained in plain language in every locale."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finder.ui.i18n import DEFAULT_LOCALE

GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "data" / "glossary.toml"


@dataclass(frozen=True)
class Term:
    term: str
    pattern: re.Pattern[str]
    explain: dict[str, str]

    def explanation(self, locale: str) -> str:
        return self.explain.get(locale) or self.explain[DEFAULT_LOCALE]


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Term, ...]:
    with GLOSSARY_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    terms = []
    for entry in data["term"]:
        forms = sorted(entry["match"], key=len, reverse=True)
        # Whole words only, so "wmo" does not fire inside an unrelated longer word.
        alternation = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
        pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        terms.append(Term(entry["term"], pattern, dict(entry["explain"])))
    return tuple(terms)


def terms_in(*texts: str | None) -> list[Term]:
    """The glossary terms that occur in any of the texts, in glossary order."""
    joined = "\n".join(text for text in texts if text)
    return [term for term in load_glossary() if term.pattern.search(joined)]
