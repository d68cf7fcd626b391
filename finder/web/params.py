"""Bounds on what a request may ask, checked before anything is searched, echoed or cached."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from fastapi import Request
from fastapi.exceptions import RequestValidationError

# "8017 AB" is the longest way to write a Dutch postcode.
MAX_POSTCODE = 7
# What the postcode field may hold (its maxlength), so a resident sees what they typed.
POSTCODE_FIELD = 12


def postcode_field(raw: str) -> tuple[str, bool]:
    """The postcode as the field shows it, and whether it is too long to be a postcode."""
    text = raw.strip()
    return text[:POSTCODE_FIELD], len(text) > MAX_POSTCODE


def _error(name: str, kind: str, message: str) -> dict[str, object]:
    return {"type": kind, "loc": ["query", name], "msg": message, "input": None}


def refuse_repeats(request: Request, lists: Iterable[str] = ()) -> None:
    """`?q=a&q=b` has no single meaning: refuse it, unless the parameter is a list."""
    allowed = set(lists)
    counts = Counter(name for name, _ in request.query_params.multi_items())
    repeated = sorted(n for n, count in counts.items() if count > 1 and n not in allowed)
    if repeated:
        raise RequestValidationError(
            [_error(name, "repeated", "Give this parameter once") for name in repeated]
        )


def refuse_long_postcode(postcode: str | None) -> None:
    if postcode is not None and postcode_field(postcode)[1]:
        raise RequestValidationError(
            [_error("postcode", "too_long", f"At most {MAX_POSTCODE} characters")]
        )
