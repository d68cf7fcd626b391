"""The demo city's four sources over HTTP, so `crawl-demo` takes the production code path.

Serves indexer/demo/: static files (web pages, sitemaps, robots.txt) plus three small
endpoints: the HSDS API (/hsds/services?page=&per_page=), the SC SRU service
(/sc/sru?startRecord=&maximumRecords=) and the wijkteam checker (/wijkteam?postcode=).
Every answer carries an ETag, so re-crawls get 304 Not Modified.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import tostring

from indexer.xml import local, parse_xml

log = logging.getLogger(__name__)
DEMO_DIR = Path(__file__).parent / "demo"
_TYPES = {
    ".html": "text/html",
    ".xml": "application/xml",
    ".json": "application/json",
    ".txt": "text/plain",
}
ROBOTS = "User-agent: *\nDisallow: /web/beheer/\n"


class DemoData:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cached_property
    def services(self) -> list[dict[str, Any]]:
        elsewhere = set(json.loads((self.folder / "hsds" / "served-elsewhere.json").read_text()))
        every = json.loads((self.folder / "hsds" / "services.json").read_text(encoding="utf-8"))
        return [s for s in every if s["id"] not in elsewhere]

    @cached_property
    def products(self) -> list[str]:
        root = parse_xml((self.folder / "sc" / "producten.xml").read_bytes())
        return [tostring(el, encoding="unicode") for el in root if local(el.tag) == "scproduct"]

    @cached_property
    def teams(self) -> dict[str, dict[str, Any]]:
        teams = json.loads((self.folder / "wijkteam" / "teams.json").read_text(encoding="utf-8"))
        return {pc4: team["answer"] for team in teams for pc4 in team["postcodes"]}

    def hsds_page(self, page: int, per_page: int) -> dict[str, Any]:
        total = len(self.services)
        pages = max(1, -(-total // per_page))
        return {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": per_page,
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": total == 0,
            "contents": self.services[(page - 1) * per_page : page * per_page],
        }

    def sru_page(self, start: int, size: int) -> str:
        chosen = self.products[start - 1 : start - 1 + size]
        records = "".join(
            "<record><recordSchema>http://standaarden.overheid.nl/sru/</recordSchema>"
            "<recordPacking>xml</recordPacking><recordData>"
            '<gzd xmlns="http://standaarden.overheid.nl/sru"><originalData>'
            f"{product}</originalData></gzd></recordData>"
            f"<recordPosition>{start + i}</recordPosition></record>"
            for i, product in enumerate(chosen)
        )
        after = start + len(chosen)
        following = (
            f"<nextRecordPosition>{after}</nextRecordPosition>"
            if after <= len(self.products)
            else ""
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/">'
            f"<version>1.2</version><numberOfRecords>{len(self.products)}</numberOfRecords>"
            f"<records>{records}</records>{following}</searchRetrieveResponse>"
        )

    def wijkteam_page(self, pc4: str) -> str | None:
        answer = self.teams.get(pc4)
        if answer is None:
            return None
        blob = json.dumps(answer, ensure_ascii=False).replace("</", "<\\/")
        return (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            f"<title>Uw wijkteam voor {pc4} (demo)</title>"
            f'<script type="application/ld+json">{blob}</script></head>'
            f"<body><h1>Postcode {pc4}: {html.escape(answer['name'])}</h1>"
            "<p><em>Demo: de indeling in wijken is verzonnen.</em></p></body></html>"
        )


def make_handler(data: DemoData) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "StadInVerbindingDemo/1.0"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            path = parts.path
            try:
                if path == "/robots.txt":
                    self._send(ROBOTS.encode(), "text/plain; charset=utf-8")
                elif path.rstrip("/") == "/hsds/services":
                    page = data.hsds_page(int(query.get("page", 1)), int(query.get("per_page", 50)))
                    self._send(json.dumps(page, ensure_ascii=False).encode(), "application/json")
                elif path.rstrip("/") == "/sc/sru":
                    xml = data.sru_page(
                        int(query.get("startRecord", 1)), int(query.get("maximumRecords", 10))
                    )
                    self._send(xml.encode(), "application/xml; charset=utf-8")
                elif path.rstrip("/") == "/wijkteam":
                    answer = data.wijkteam_page(query.get("postcode", "")[:4])
                    if answer is None:
                        self.send_error(404, "Onbekende postcode")
                    else:
                        self._send(answer.encode(), "text/html; charset=utf-8")
                else:
                    self._static(path)
            except ValueError:
                self.send_error(400, "Bad request")

        def _static(self, path: str) -> None:
            target = (data.folder / path.lstrip("/")).resolve()
            if not target.is_relative_to(data.folder.resolve()) or not target.is_file():
                self.send_error(404)
                return
            body = target.read_bytes()
            if target.name.startswith("sitemap"):
                # Sitemaps hold absolute URLs; the demo's host and port are only known now.
                base = f"http://{self.headers.get('Host', '127.0.0.1')}"
                body = body.replace(b"<loc>/", f"<loc>{base}/".encode())
            kind = _TYPES.get(target.suffix, "application/octet-stream")
            if target.suffix == ".html" and b"windows-1252" in body[:200]:
                kind += "; charset=windows-1252"
            self._send(body, kind)

        def _send(self, body: bytes, content_type: str) -> None:
            etag = '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("demo server: " + format, *args)

    return Handler


def make_server(host: str, port: int, folder: Path = DEMO_DIR) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), make_handler(DemoData(folder)))
    server.daemon_threads = True
    return server


def serve_forever(host: str, port: int) -> None:
    server = make_server(host, port)
    log.info("demo sources at http://%s:%d/ (Ctrl+C stops)", host, server.server_address[1])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("demo server stopped")
    finally:
        server.server_close()


@contextmanager
def running_demo_server(folder: Path = DEMO_DIR) -> Iterator[str]:
    """Starts the demo server on an ephemeral 127.0.0.1 port; yields its base URL."""
    server = make_server("127.0.0.1", 0, folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
