"""The quality gate every rendered page passes: valid HTML, one h1, unique ids, lang, form actions."""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def check_page(body: str) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    document = parser.parse(body)
    root = document
    assert root.get("lang"), "<html> needs a lang attribute"
    h1s = list(root.iter(f"{NS}h1"))
    assert len(h1s) == 1, f"expected exactly one <h1>, found {len(h1s)}"
    titles = list(root.iter(f"{NS}title"))
    assert titles, "page has no <title>"
    assert _text(titles[0]).startswith(_text(h1s[0])), (
        f"<title> {_text(titles[0])!r} must start with the <h1> {_text(h1s[0])!r}"
    )
    ids = Counter(el.get("id") for el in root.iter() if el.get("id"))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in root.iter(f"{NS}form"):
        assert form.get("action"), "every form needs an action"
