"""Crawl-and-index speed: generated offers served over local HTTP (HSDS pages plus an SC feed).

Usage: .venv/bin/python scripts/bench_crawl.py [--sizes 2500 5000 10000]
Each size runs in a fresh process, so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HSDS_PAGE = 500
SRU_PAGE = 250
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


def hsds_service(n: int) -> dict[str, Any]:
    pc4 = 8011 + n % 35
    return {
        "id": f"bench-{n}",
        "name": f"Buurthulp {n}",
        "status": "active",
        "description": f"Hulp bij vraag {n} in de buurt.\n\n<p>Meer uitleg over aanbod {n}.</p>",
        "organization": {
            "id": f"o{n % 50}",
            "name": f"Organisatie {n % 50}",
            "description": "Bench",
        },
        "attributes": [
            {"id": "k", "taxonomy_term": {"taxonomy": "zoekwoorden", "name": f"thema{n % 20}"}}
        ],
        "service_at_locations": [
            {
                "id": f"sal{n}",
                "location": {
                    "id": f"loc{n % 400}",
                    "location_type": "physical",
                    "name": f"Wijkpunt {n % 400}",
                    "latitude": 52.5,
                    "longitude": 6.09,
                    "addresses": [
                        {
                            "id": "a",
                            "address_1": f"Benchstraat {n % 400}",
                            "city": "Zwolle",
                            "state_province": "Overijssel",
                            "postal_code": str(pc4),
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
                "schedules": [
                    {
                        "id": "s",
                        "freq": "WEEKLY",
                        "byday": WEEKDAYS[n % 5],
                        "opens_at": "09:00",
                        "closes_at": "12:00",
                    }
                ],
            }
        ],
    }


def sc_product(n: int) -> str:
    return (
        '<o:scproduct owms-version="4.0"><o:meta><o:owmskern>'
        f"<d:identifier>https://example.invalid/p/{n}</d:identifier><d:title>Product {n}</d:title>"
        "<d:modified>2025-01-01</d:modified></o:owmskern><o:owmsmantel>"
        f"<d:audience>particulier</d:audience><d:abstract>Uitleg over product {n}.</d:abstract>"
        f"</o:owmsmantel><o:scmeta><o:productID>{n}</o:productID><o:onlineAanvragen>digid"
        "</o:onlineAanvragen></o:scmeta></o:meta></o:scproduct>"
    )


def make_handler(hsds_total: int, sc_total: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: int(v[0]) for k, v in parse_qs(parts.query).items() if v[0].isdigit()}
            if parts.path == "/hsds/services":
                page, size = query.get("page", 1), query.get("per_page", HSDS_PAGE)
                first = (page - 1) * size
                body = json.dumps(
                    {
                        "total_items": hsds_total,
                        "total_pages": -(-hsds_total // size),
                        "page_number": page,
                        "contents": [
                            hsds_service(n) for n in range(first, min(first + size, hsds_total))
                        ],
                    }
                ).encode()
            elif parts.path == "/sru":
                start, size = query.get("startRecord", 1), query.get("maximumRecords", SRU_PAGE)
                last = min(start + size - 1, sc_total)
                records = "".join(
                    f"<record><recordData>{sc_product(n)}</recordData></record>"
                    for n in range(start, last + 1)
                )
                following = (
                    f"<nextRecordPosition>{last + 1}</nextRecordPosition>"
                    if last < sc_total
                    else ""
                )
                body = (
                    '<searchRetrieveResponse xmlns:o="http://standaarden.overheid.nl/product/terms/" '
                    f'xmlns:d="http://purl.org/dc/terms/"><numberOfRecords>{sc_total}</numberOfRecords>'
                    f"<records>{records}</records>{following}</searchRetrieveResponse>"
                ).encode()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


def run_one(total: int) -> dict[str, float]:
    from finder.settings import Settings
    from indexer.config import load_sources
    from indexer.pipeline import run_crawl
    from indexer.progress import LogProgress

    hsds_total, sc_total = total // 2, total - total // 2
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(hsds_total, sc_total))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.toml"
        sources.write_text(
            f'[[sources]]\nname = "hsds"\nkind = "open-referral"\nurl = "{base}/hsds"\npage_size = {HSDS_PAGE}\n'
            f'[[sources]]\nname = "sc"\nkind = "samenwerkende-catalogi"\n'
            f'url = "{base}/sru?operation=searchRetrieve&query=x"\npage_size = {SRU_PAGE}\n'
        )
        settings = Settings(data_dir=Path(tmp) / "var", environment="test")
        started = time.perf_counter()
        result = run_crawl(load_sources(sources, settings), settings, LogProgress(interval=3600))
        elapsed = time.perf_counter() - started
    server.shutdown()
    return {
        "offers": result.indexed,
        "seconds": elapsed,
        "offers_per_s": result.indexed / elapsed,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.one:
        sys.stdout.write(json.dumps(run_one(args.one)) + "\n")
        return
    sys.stdout.write("Crawl + index benchmark (HSDS pages + SC SRU feed over local HTTP)\n")
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        sys.stdout.write(
            f"  {int(r['offers']):>6} offers: {r['offers_per_s']:7.0f} offers/s end to end "
            f"({r['seconds']:.1f} s), peak memory {r['peak_mb']:.0f} MB\n"
        )


if __name__ == "__main__":
    main()
