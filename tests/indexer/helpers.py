"""Helpers for the indexer tests: a routable local site, and small source factories."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

Responder = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


@dataclass
class LocalSite:
    """A tiny web server: routes by path (with or without query), and a log of what was asked."""

    routes: dict[str, Responder] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base: str = ""

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        extra = {"Content-Type": content_type, **(headers or {})}

        def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
            etag = extra.get("ETag")
            if etag and request.headers.get("If-None-Match") == etag:
                return 304, {"ETag": etag}, b""
            return status, extra, data

        self.routes[path] = respond

    def url(self, path: str) -> str:
        return self.base + path

    def asked(self, path: str) -> int:
        return sum(1 for r in self.requests if r == path or r.split("?")[0] == path)


def site_handler(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
            status, headers, body = route(self) if route else (404, {}, b"not found")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers and status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


def source(kind: str, url: str, name: str = "src", **extra: Any) -> str:
    """One [[sources]] entry; quick retries so failing servers don't slow the tests."""
    lines = [f'name = "{name}"', f'kind = "{kind}"', f'url = "{url}"', "retry_backoff = 0.01"]
    for key, value in extra.items():
        lines.append(f"{key} = {value!r}".replace("'", '"'))
    return "[[sources]]\n" + "\n".join(lines) + "\n"


def hsds_service(ref: str, name: str, **fields: Any) -> dict[str, Any]:
    """A minimal HSDS 3.0 service with one location in Zwolle; override any field."""
    service: dict[str, Any] = {
        "id": ref,
        "name": name,
        "status": "active",
        "description": f"{name}: korte uitleg.\n\n<p>Meer over {name}.</p>",
        "organization": {"id": "org-1", "name": "Stichting Voorbeeld", "description": "Demo"},
        "service_at_locations": [
            {
                "id": f"sal-{ref}",
                "location": {
                    "id": f"loc-{ref}",
                    "location_type": "physical",
                    "name": "Wijkcentrum Voorbeeld",
                    "addresses": [
                        {
                            "id": "a1",
                            "address_1": "Voorbeeldstraat 1",
                            "city": "Zwolle",
                            "state_province": "Overijssel",
                            "postal_code": "8017 AB",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
                "schedules": [
                    {
                        "id": "s1",
                        "freq": "WEEKLY",
                        "byday": "MO,WE",
                        "opens_at": "09:00",
                        "closes_at": "12:00",
                    }
                ],
            }
        ],
    }
    return service | fields


def hsds_envelope(services: list[dict[str, Any]], page: int, total_pages: int) -> dict[str, Any]:
    return {
        "total_items": len(services) * total_pages,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(services),
        "contents": services,
    }


def serve_hsds(site: LocalSite, services: list[dict[str, Any]], per_page: int = 100) -> None:
    """Serve these services as the one page of an HSDS API at /hsds (page_size = per_page)."""
    body = json.dumps(hsds_envelope(services, 1, 1))
    site.add(f"/hsds/services?page=1&per_page={per_page}", body, content_type="application/json")


def sc_product(n: int) -> str:
    """A minimal SC 4.0 product (namespace prefixes o: and d:, declared by the wrapper)."""
    return (
        '<o:scproduct owms-version="4.0"><o:meta><o:owmskern>'
        f"<d:identifier>https://example.invalid/p/{n}</d:identifier><d:title>Product {n}</d:title>"
        "</o:owmskern><o:owmsmantel><d:audience>particulier</d:audience>"
        f"<d:abstract>Uitleg over product {n}.</d:abstract></o:owmsmantel><o:scmeta>"
        f"<o:productID>{n}</o:productID></o:scmeta></o:meta></o:scproduct>"
    )


def sru_server(
    total: int, cap: int, announced: int | None = None, stop_after: int = 0
) -> Responder:
    """An SRU server that returns at most `cap` records a page, whatever maximumRecords asks.

    `announced` overrides numberOfRecords; `stop_after` ends paging after that many records.
    """

    def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        query = {
            k: int(v[0])
            for k, v in parse_qs(urlsplit(request.path).query).items()
            if v[0].isdigit()
        }
        start = query.get("startRecord", 1)
        last = min(total, start - 1 + min(cap, query.get("maximumRecords", cap)))
        if stop_after:
            last = min(last, stop_after)
        records = "".join(
            f"<record><recordData>{sc_product(n)}</recordData><recordPosition>{n}</recordPosition></record>"
            for n in range(start, last + 1)
        )
        following = (
            f"<nextRecordPosition>{last + 1}</nextRecordPosition>"
            if last < total and (not stop_after or last < stop_after)
            else ""
        )
        body = (
            '<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/" '
            'xmlns:o="http://standaarden.overheid.nl/product/terms/" '
            'xmlns:d="http://purl.org/dc/terms/"><version>1.2</version>'
            f"<numberOfRecords>{total if announced is None else announced}</numberOfRecords>"
            f"<records>{records}</records>{following}</searchRetrieveResponse>"
        )
        return 200, {"Content-Type": "application/xml; charset=utf-8"}, body.encode()

    return respond


def hsds_server(
    services: list[dict[str, Any]],
    cap: int,
    paging: str = "total_pages",
    announced: int | None = None,
) -> Responder:
    """An HSDS API that returns at most `cap` services a page, whatever per_page asks.

    `paging` names the envelope field that tells where the catalogue ends: total_pages,
    last_page, or none (the server then claims a single page).
    """

    def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        query = {
            k: int(v[0])
            for k, v in parse_qs(urlsplit(request.path).query).items()
            if v[0].isdigit()
        }
        size = min(cap, query.get("per_page", cap))
        number = query.get("page", 1)
        pages = max(1, -(-len(services) // size))
        envelope: dict[str, Any] = {
            "total_items": len(services) if announced is None else announced,
            "page_number": number,
            "size": size,
            "contents": services[(number - 1) * size : number * size],
        }
        if paging == "total_pages":
            envelope["total_pages"] = pages
        elif paging == "last_page":
            envelope["last_page"] = number >= pages
        else:
            envelope["total_pages"] = 1
        return 200, {"Content-Type": "application/json"}, json.dumps(envelope).encode()

    return respond
