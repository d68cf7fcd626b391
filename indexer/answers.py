"""Is an answer what the source promised? Its Content-Type and its body, checked before use.

A server in maintenance often answers 200 with an HTML page, an empty body or half a
document. Read as "the source lists nothing", that would wipe its offers; read through these
checks it is a wrong answer with a reason, and the source keeps what it had.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element

from indexer.fetch import Fetched
from indexer.xml import XmlRejected, local, parse_xml

XML, JSON, HTML = "XML", "JSON", "HTML"
# Types that say nothing about the body; the body alone decides for these.
_UNSPECIFIED = {"", "text/plain", "application/octet-stream", "binary/octet-stream"}


class WrongAnswer(ValueError):
    """The answer is not of the kind the source promised; the message says what it was."""


def media_kind(content_type: str) -> str | None:
    """XML, JSON or HTML, another media type as such, or None when the header says nothing."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _UNSPECIFIED:
        return None
    if media in {"text/html", "application/xhtml+xml"}:
        return HTML
    if media in {"application/xml", "text/xml"} or media.endswith("+xml"):
        return XML
    if media in {"application/json", "text/json"} or media.endswith("+json"):
        return JSON
    return media


def expect(fetched: Fetched, kind: str) -> None:
    """A non-empty body whose Content-Type, when it names one, is `kind`."""
    if not fetched.body.strip():
        raise WrongAnswer(f"empty answer instead of {kind}")
    found = media_kind(fetched.content_type)
    if found is not None and found != kind:
        what = "an HTML page" if found == HTML else found
        raise WrongAnswer(f"{what} instead of {kind} (Content-Type {fetched.content_type})")


def xml_document(fetched: Fetched, roots: set[str]) -> Element:
    """The parsed XML, when its root element is one of `roots`."""
    expect(fetched, XML)
    try:
        root = parse_xml(fetched.body)
    except XmlRejected as exc:
        raise WrongAnswer(str(exc)) from exc
    if local(root.tag) not in roots:
        wanted = " or ".join(f"<{name}>" for name in sorted(roots))
        raise WrongAnswer(f"XML <{local(root.tag)}> instead of {wanted}")
    return root


def json_document(fetched: Fetched) -> Any:
    expect(fetched, JSON)
    try:
        return json.loads(fetched.text())
    except json.JSONDecodeError as exc:
        raise WrongAnswer(f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
