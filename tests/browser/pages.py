"""The resident page types every browser test walks through."""

from __future__ import annotations

from urllib.parse import urlencode

OFFER = "Informatiepunt Digitale Overheid"


def resident_pages(offer_ids: dict[str, str]) -> dict[str, str]:
    """Page type mapped to its path on the live server."""
    return {
        "home": "/",
        "results": "/zoeken?"
        + urlencode({"q": "wie kan mij helpen met DigiD", "postcode": "8017"}),
        "no-results": "/zoeken?q=xyzzy+plugh",
        "postcode-error": "/zoeken?q=voedselbank&postcode=80",
        "offer": f"/aanbod/{offer_ids[OFFER]}",
        "not-found": "/aanbod/bestaat-niet",
        "invalid": "/zoeken?q=digid&meer=veel",
        "how-search-works": "/hoe-werkt-zoeken",
        "privacy": "/privacy",
        "accessibility": "/toegankelijkheid",
        "about": "/over",
        "api-docs": "/api/docs",
    }


def with_lang(path: str, locale: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={locale}"
