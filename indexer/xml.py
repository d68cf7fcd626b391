"""Safe XML: no entity expansion, no DTD tricks, no network (defusedxml)."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class XmlRejected(ValueError):
    """The document is unsafe or broken; the message is the reason recorded for it."""


def parse_xml(body: bytes) -> Element:
    try:
        return fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XmlRejected(f"unsafe XML rejected ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise XmlRejected(f"broken XML ({exc})") from exc


def local(tag: str) -> str:
    """'{namespace}name' → 'name'."""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if local(child.tag) == name]


def first_text(element: Element, name: str) -> str:
    for child in element.iter():
        if local(child.tag) == name:
            return "".join(child.itertext()).strip()
    return ""
