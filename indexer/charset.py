"""Turn response bytes into text: charset from the Content-Type header, else <meta>, else UTF-8."""

from __future__ import annotations

import codecs
import re

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# Browsers read latin-1 and ascii labels as windows-1252; pages in the wild rely on that.
_ALIASES = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252", "us-ascii": "windows-1252"}


def charset_of(body: bytes, content_type: str) -> str | None:
    for found in (_from_header(content_type), _from_meta(body)):
        if found:
            return found
    return None


def decode(body: bytes, content_type: str = "") -> str:
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    declared = charset_of(body, content_type)
    if declared:
        return body.decode(declared, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("windows-1252", errors="replace")


def _from_header(content_type: str) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _known(match.group(1)) if match else None


def _from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _known(match.group(1).decode("ascii", errors="ignore")) if match else None


def _known(label: str) -> str | None:
    name = _ALIASES.get(label.lower(), label.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
