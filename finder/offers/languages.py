"""Languages spoken at a place, as ISO 639-1 codes, whatever form the source gave them in.

HSDS gives codes ("ar") or names ("Arabisch", "Arabic"); Babel's language names in Dutch and
English turn names back into codes, so the pages can name each language in the reader's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for locale in ("en", "nl"):
        for code, name in Locale.parse(locale).languages.items():
            if "_" not in code and len(code) <= 3:
                names.setdefault(name.casefold(), code)
    return names


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(str(code) for code in Locale.parse("en").languages if "_" not in str(code))


def language_code(value: str) -> str | None:
    text = value.strip()
    lowered = text.lower().replace("_", "-").split("-")[0]
    if lowered in _codes() and len(lowered) <= 3:
        return lowered
    return _by_name().get(text.casefold())


def language_codes(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(c for c in (language_code(v) for v in values) if c))
