"""Dutch postcodes as residents type them: "8017 ab", "8017AB" or just "8017"."""

from __future__ import annotations

import re

# PC4 never starts with 0; PC6 adds two letters. Lower-case and one inner space are forgiven.
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})?$")


def normalise_postcode(text: str) -> str | None:
    """Return "8017AB" or "8017", or None when the text is not a postcode."""
    if not isinstance(text, str):
        return None
    match = _POSTCODE.match(" ".join(text.split()).upper())
    if match is None:
        return None
    return match.group(1) + (match.group(2) or "")


def pc4_of(postcode: str) -> str:
    """The four digits of a normalised postcode."""
    return postcode[:4]
