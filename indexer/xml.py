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


class Named:
    """An element's descendants (and itself) by local name, in document order, from one walk.

    Mappers read a dozen fields of one product; walking the tree once per field was slow.
    """

    def __init__(self, element: Element) -> None:
        self._found: dict[str, list[Element]] = {}
        for child in element.iter():
            self._found.setdefault(local(child.tag), []).append(child)

    def all(self, name: str) -> list[Element]:
        return self._found.get(name, [])

    def text(self, name: str) -> str:
        """The text of the first element with this name, or ''."""
        found = self._found.get(name)
        return "".join(found[0].itertext()).strip() if found else ""
