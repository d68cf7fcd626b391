"""PC4 postcodes: ranges such as "8011-8017", and finding them in free text."""

from __future__ import annotations

import re

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$")
_IN_TEXT = re.compile(r"\b(\d{4})(?:\s*-\s*(\d{4})\b|\s?[A-Za-z]{2}\b)?")
_PC6 = re.compile(r"^\s*([1-9]\d{3})\s?([A-Za-z]{2})?\s*$")
MAX_RANGE = 200


def expand(values: list[str]) -> list[str]:
    """Expand PC4 values and inclusive ranges; raises ValueError on anything else."""
    found: list[str] = []
    for value in values:
        match = _RANGE.match(str(value))
        if not match:
            raise ValueError(f"not a PC4 or PC4 range: {value!r}")
        found.extend(_span(match.group(1), match.group(2)))
    return _unique(found)


def in_text(text: str) -> list[str]:
    """Every PC4 (or range of PC4s) mentioned in free text, e.g. an HSDS service area."""
    found: list[str] = []
    for match in _IN_TEXT.finditer(text):
        try:
            found.extend(_span(match.group(1), match.group(2)))
        except ValueError:
            continue
    return _unique(found)


def normalise(postcode: str) -> str:
    """'8017 ab' → '8017AB'; '8017' stays; anything else (foreign) becomes ''."""
    match = _PC6.match(postcode or "")
    if not match:
        return ""
    return match.group(1) + (match.group(2) or "").upper()


def _span(start: str, end: str | None) -> list[str]:
    first, last = int(start), int(end or start)
    if first < 1000 or last < first or last - first > MAX_RANGE:
        raise ValueError(f"not a usable PC4 range: {start}-{end}")
    return [str(n) for n in range(first, last + 1)]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
