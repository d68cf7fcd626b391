"""One SRU searchRetrieveResponse page: how many records in all, where the next page starts.

Servers cap maximumRecords, so a page may hold fewer records than were asked for; only
nextRecordPosition says where the next page starts (SRU 1.2, section 4.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from indexer.xml import local


@dataclass
class SruPage:
    total: int
    next_position: int | None
    records: list[Element]
    diagnostics: list[str]


def read_page(root: Element) -> SruPage:
    total: int | None = None
    next_position: int | None = None
    records: list[Element] = []
    diagnostics: list[str] = []
    for child in root:
        name = local(child.tag)
        if name == "numberOfRecords":
            total = _int(child.text)
        elif name == "nextRecordPosition":
            next_position = _int(child.text)
        elif name == "records":
            records = [record for record in child if local(record.tag) == "record"]
        elif name == "diagnostics":
            diagnostics = [_diagnostic(d) for d in child]
    if total is None and not diagnostics:
        diagnostics = ["answer without numberOfRecords"]
    return SruPage(total or 0, next_position, records, diagnostics)


def products(records: list[Element]) -> list[Element]:
    """The scproduct in each record (SC wraps it in recordData/gzd/originalData)."""
    return [el for record in records for el in record.iter() if local(el.tag) == "scproduct"]


def is_sru(url: str) -> bool:
    lowered = url.lower()
    return "searchretrieve" in lowered or urlsplit(lowered).path.rstrip("/").endswith("/sru")


def page_url(url: str, start: int, size: int) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    query.setdefault("version", "1.2")
    query.setdefault("operation", "searchRetrieve")
    query |= {"startRecord": str(start), "maximumRecords": str(size)}
    return urlunsplit(parts._replace(query=urlencode(query)))


def _diagnostic(element: Element) -> str:
    parts = {local(child.tag): (child.text or "").strip() for child in element}
    return parts.get("message") or parts.get("details") or parts.get("uri") or "SRU diagnostic"


def _int(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None
