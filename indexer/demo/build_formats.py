"""Build the demo city's SC feed, web pages and wijkteam answers from hsds/services.json.

Run once after editing services.json: `.venv/bin/python -m indexer.demo.build_formats`.
The output is committed; the demo server only serves files. All content stays demo data.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

DEMO = Path(__file__).parent
NS = {
    "overheidproduct": "http://standaarden.overheid.nl/product/terms/",
    "dcterms": "http://purl.org/dc/terms/",
    "overheid": "http://standaarden.overheid.nl/owms/terms/",
}
WEB_PAGES = (
    "Voedselbank",
    "Gratis juridisch",
    "Thuisadministratie",
    "Stichting Present",
    "Jongerenwerk",
)
# Also kept in the HSDS source, so the crawl shows cross-source deduplication.
IN_BOTH = ("Bijzondere bijstand", "Paspoort aanvragen")
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def terms(svc: dict[str, Any], taxonomy: str) -> list[dict[str, Any]]:
    return [
        a["taxonomy_term"]
        for a in svc.get("attributes", [])
        if a["taxonomy_term"]["taxonomy"] == taxonomy
    ]


def is_sc_product(svc: dict[str, Any]) -> bool:
    places = {sl["location"]["name"] for sl in svc.get("service_at_locations", [])}
    return (
        svc["status"] == "active"
        and svc["organization"]["name"] == "Gemeente Zwolle"
        and bool(terms(svc, "upl"))
        and places <= {"Stadskantoor Zwolle"}
    )


def q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def sc_product(parent: Element, svc: dict[str, Any]) -> None:
    summary, _, rest = svc["description"].partition("\n\n")
    product = SubElement(parent, q("overheidproduct", "scproduct"), {"owms-version": "4.0"})
    meta = SubElement(product, q("overheidproduct", "meta"))
    kern = SubElement(meta, q("overheidproduct", "owmskern"))
    SubElement(kern, q("dcterms", "identifier")).text = svc["url"]
    SubElement(kern, q("dcterms", "title")).text = svc["name"]
    SubElement(kern, q("dcterms", "language")).text = "nl"
    SubElement(
        kern, q("dcterms", "type"), {"scheme": "overheid:Informatietype"}
    ).text = "productbeschrijving"
    SubElement(kern, q("dcterms", "modified")).text = svc.get("last_modified", "2025-01-01")[:10]
    area = {
        "scheme": "overheid:Gemeente",
        "resourceIdentifier": "http://standaarden.overheid.nl/owms/terms/Zwolle",
    }
    SubElement(kern, q("dcterms", "spatial"), area).text = "Zwolle"
    SubElement(kern, q("overheid", "authority"), area).text = "Zwolle"
    mantel = SubElement(meta, q("overheidproduct", "owmsmantel"))
    for audience in terms(svc, "doelgroep"):
        SubElement(
            mantel, q("dcterms", "audience"), {"scheme": "overheid:Doelgroep"}
        ).text = audience["code"]
    SubElement(mantel, q("dcterms", "abstract")).text = summary
    scmeta = SubElement(meta, q("overheidproduct", "scmeta"))
    SubElement(scmeta, q("overheidproduct", "productID")).text = svc["id"]
    channels = {t["code"] for t in terms(svc, "aanvragen")}
    online = "digid" if "digid" in channels else "ja" if "online" in channels else "nee"
    SubElement(scmeta, q("overheidproduct", "onlineAanvragen")).text = online
    if online != "nee":
        SubElement(scmeta, q("overheidproduct", "aanvraagURL"), {"resourceIdentifier": svc["url"]})
    for upl in terms(svc, "upl"):
        attrs = {"scheme": "overheid:UniformeProductnaam", "resourceIdentifier": upl["term_uri"]}
        SubElement(scmeta, q("overheidproduct", "uniformeProductnaam"), attrs).text = upl["name"]
    body = SubElement(product, q("overheidproduct", "body"))
    SubElement(body, q("overheidproduct", "productHTML")).text = rest


def hours(schedules: list[dict[str, Any]], style: int) -> dict[str, Any]:
    """Three of the opening-hours forms the crawler must read, one per page style."""
    specs, strings = [], []
    for s in schedules:
        days = [CODES.index(d) for d in s.get("byday", "").split(",") if d in CODES]
        if style == 2:
            strings.append(
                f"{','.join(CODES[d].title() for d in days)} {s['opens_at']}-{s['closes_at']}"
            )
            continue
        names = [DAYS[d] if style == 0 else f"https://schema.org/{DAYS[d]}" for d in days]
        opens, closes = (
            (s["opens_at"], s["closes_at"])
            if style == 0
            else (s["opens_at"] + ":00", s["closes_at"] + ":00")
        )
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": names[0] if len(names) == 1 else names,
                "opens": opens,
                "closes": closes,
            }
        )
    return {"openingHours": strings} if style == 2 else {"hoursAvailable": specs}


def place(location: dict[str, Any]) -> dict[str, Any]:
    address = (location.get("addresses") or [{}])[0]
    found: dict[str, Any] = {
        "@type": "Place",
        "name": location.get("name", ""),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address.get("address_1", ""),
            "postalCode": address.get("postal_code", ""),
            "addressLocality": address.get("city", ""),
        },
    }
    if location.get("latitude") is not None:
        found["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location["latitude"],
            "longitude": location["longitude"],
        }
    return found


def service_jsonld(svc: dict[str, Any], style: int) -> dict[str, Any]:
    org = svc["organization"]
    links = svc.get("service_at_locations", [])
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService"
        if "Gemeente" in org["name"] or "Wijkteam" in org["name"]
        else "Service",
        "identifier": svc["id"],
        "name": svc["name"],
        "description": svc["description"],
        "url": svc["url"],
        "keywords": ", ".join(t["name"] for t in terms(svc, "zoekwoorden")),
        "provider": {
            "@type": "Organization",
            "name": org["name"],
            "url": org.get("website", ""),
            "telephone": (org.get("phones") or [{}])[0].get("number", ""),
        },
    }
    phones = svc.get("phones") or []
    if phones:
        data["telephone"] = phones[0]["number"]
    if links:
        channel_place = place(links[0]["location"])
        channel_place |= hours(links[0].get("schedules", []), style)
        data["availableChannel"] = {"@type": "ServiceChannel", "serviceLocation": channel_place}
    if terms(svc, "demo"):
        data["additionalProperty"] = {"@type": "PropertyValue", "name": "demo", "value": True}
    return data


def page(title: str, data: dict[str, Any], charset: str = "utf-8") -> str:
    blob = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    summary = html.escape(data.get("description", "").partition("\n\n")[0])
    return (
        f'<!doctype html>\n<html lang="nl"><head><meta charset="{charset}">\n'
        f"<title>{html.escape(title)} (demo)</title>\n"
        f'<script type="application/ld+json">\n{blob}\n</script>\n</head>\n'
        f"<body><h1>{html.escape(title)}</h1><p>{summary}</p>\n"
        "<p><em>Demopagina van Stad in verbinding: gegevens zijn deels verzonnen.</em></p>\n"
        "</body></html>\n"
    )


def slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower().split(":")[0]).strip("-")


def main() -> None:
    services = json.loads((DEMO / "hsds" / "services.json").read_text(encoding="utf-8"))
    moved: list[str] = []
    for prefix, uri in NS.items():
        register_namespace(prefix, uri)
    feed = Element(q("overheidproduct", "scproducten"))
    for svc in filter(is_sc_product, services):
        sc_product(feed, svc)
        if not svc["name"].startswith(IN_BOTH):
            moved.append(svc["id"])
    xml = b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(feed, encoding="utf-8")
    (DEMO / "sc" / "producten.xml").write_bytes(xml)

    urls = []
    web = [s for s in services if s["status"] == "active" and s["name"].startswith(WEB_PAGES)]
    for style, svc in enumerate(web):
        name = slug(svc["name"]) + ".html"
        # One page is windows-1252, as older sites still are; the crawler must read it right.
        charset = "windows-1252" if style == 1 else "utf-8"
        text = page(svc["name"], service_jsonld(svc, style % 3), charset)
        (DEMO / "web" / name).write_bytes(text.encode(charset, errors="xmlcharrefreplace"))
        urls.append(f"web/{name}")
        moved.append(svc["id"])
    teams = []
    for svc in services:
        if svc["status"] == "active" and any(
            t["code"] == "wijkteam" for t in terms(svc, "categorie")
        ):
            area = svc["service_areas"][0]["extent"].split()
            teams.append({"postcodes": area, "answer": service_jsonld(svc, 0)})
            moved.append(svc["id"])
    (DEMO / "wijkteam" / "teams.json").write_text(
        json.dumps(teams, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (DEMO / "hsds" / "served-elsewhere.json").write_text(json.dumps(sorted(moved), indent=1) + "\n")
    write_sitemaps(urls)


def write_sitemaps(urls: list[str]) -> None:
    def urlset(locs: list[str]) -> str:
        body = "".join(f"  <url><loc>/{loc}</loc></url>\n" for loc in locs)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n'

    half = len(urls) // 2
    (DEMO / "web" / "sitemap-organisaties.xml").write_text(urlset(urls[:half]))
    # The last entry is disallowed by robots.txt: the crawler must never fetch it.
    (DEMO / "web" / "sitemap-diensten.xml").write_text(
        urlset([*urls[half:], "web/beheer/concept.html"])
    )
    index = "".join(
        f"  <sitemap><loc>/web/{name}</loc></sitemap>\n"
        for name in ("sitemap-organisaties.xml", "sitemap-diensten.xml")
    )
    (DEMO / "web" / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{index}</sitemapindex>\n'
    )


if __name__ == "__main__":
    main()
