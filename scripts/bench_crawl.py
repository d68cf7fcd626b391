"""Crawl-and-index speed: generated offers served over local HTTP (HSDS pages plus an SC feed).

Usage: .venv/bin/python scripts/bench_crawl.py [--sizes 10000 50000 100000]

Each size runs in a fresh process, so its peak memory is its own, and the generated sources
are served by another process, as a remote server would be. Half the offers come from an HSDS
API (500 services a page), half from an SC SRU feed (250 records a page, with
nextRecordPosition). Prints crawl, index and end-to-end rates and the peak resident memory of
the crawling process in each phase.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
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


def hsds_page(total: int, page: int, size: int) -> bytes:
    first = (page - 1) * size
    return json.dumps(
        {
            "total_items": total,
            "total_pages": -(-total // size),
            "page_number": page,
            "size": size,
            "contents": [hsds_service(n) for n in range(first, min(first + size, total))],
        }
    ).encode()


def sru_page(total: int, start: int, size: int) -> bytes:
    last = min(start + size - 1, total)
    records = "".join(
        f"<record><recordData>{sc_product(n)}</recordData></record>" for n in range(start, last + 1)
    )
    following = f"<nextRecordPosition>{last + 1}</nextRecordPosition>" if last < total else ""
    return (
        '<searchRetrieveResponse xmlns:o="http://standaarden.overheid.nl/product/terms/" '
        f'xmlns:d="http://purl.org/dc/terms/"><numberOfRecords>{total}</numberOfRecords>'
        f"<records>{records}</records>{following}</searchRetrieveResponse>"
    ).encode()


def make_handler(hsds_total: int, sc_total: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: int(v[0]) for k, v in parse_qs(parts.query).items() if v[0].isdigit()}
            if parts.path == "/hsds/services":
                page, size = query.get("page", 1), query.get("per_page", HSDS_PAGE)
                body, kind = hsds_page(hsds_total, page, size), "application/json"
            elif parts.path == "/sru":
                start, size = query.get("startRecord", 1), query.get("maximumRecords", SRU_PAGE)
                body, kind = sru_page(sc_total, start, size), "application/xml"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


def serve(total: int) -> None:
    """The sources, in this process: prints the port, then serves until killed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(total // 2, total - total // 2))
    server.daemon_threads = True
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


class Trace:
    """Resident memory and CPU time sampled every 50 ms, so the two phases can be told apart.

    CPU seconds matter on a shared machine: other work stretches wall time, not CPU time.
    """

    def __init__(self) -> None:
        self.samples: list[tuple[float, float, float]] = []
        self._page = os.sysconf("SC_PAGE_SIZE") / 2**20
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            with open("/proc/self/statm", encoding="ascii") as statm:
                rss = int(statm.read().split()[1]) * self._page
            self.samples.append((time.perf_counter(), rss, time.process_time()))

    def peak(self, start: float, end: float) -> float:
        return max((mb for at, mb, _cpu in self.samples if start <= at <= end), default=0.0)

    def cpu(self, start: float, end: float) -> float:
        inside = [cpu for at, _mb, cpu in self.samples if start <= at <= end]
        return inside[-1] - inside[0] if inside else 0.0

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_one(total: int) -> dict[str, float]:
    from finder.settings import Settings
    from indexer.config import load_sources
    from indexer.pipeline import run_crawl
    from indexer.progress import LogProgress

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(total)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        base = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        with tempfile.TemporaryDirectory() as tmp:
            sources = Path(tmp) / "sources.toml"
            sources.write_text(
                f'[[sources]]\nname = "hsds"\nkind = "open-referral"\nurl = "{base}/hsds"\n'
                f"page_size = {HSDS_PAGE}\n"
                f'[[sources]]\nname = "sc"\nkind = "samenwerkende-catalogi"\n'
                f'url = "{base}/sru?operation=searchRetrieve&query=x"\npage_size = {SRU_PAGE}\n'
            )
            settings = Settings(data_dir=Path(tmp) / "var", environment="test")
            trace = Trace()
            started = time.perf_counter()
            result = run_crawl(load_sources(sources, settings), settings, LogProgress(3600))
            ended = time.perf_counter()
            trace.stop()
    finally:
        server.kill()
        server.wait()
    crawl_end = started + result.crawl_seconds
    return {
        "offers": result.indexed,
        "seconds": ended - started,
        "crawl_s": result.crawl_seconds,
        "index_s": result.index_seconds,
        "crawl_mb": trace.peak(started, crawl_end),
        "index_mb": trace.peak(crawl_end, ended),
        "crawl_cpu": trace.cpu(started, crawl_end),
        "index_cpu": trace.cpu(crawl_end, ended),
    }


def measure_size(size: int) -> dict[str, float]:
    """One crawl and index of `size` offers, in a fresh process so its peak memory is its own."""
    output = subprocess.run(
        [sys.executable, __file__, "--one", str(size)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.serve:
        serve(args.serve)
        return
    if args.one:
        sys.stdout.write(json.dumps(run_one(args.one)) + "\n")
        return
    sys.stdout.write("Crawl + index benchmark (HSDS pages + SC SRU feed over local HTTP)\n")
    for size in args.sizes:
        r = measure_size(size)
        n = r["offers"]
        sys.stdout.write(
            f"  {int(n):>6} offers: {n / r['seconds']:6.0f} offers/s end to end "
            f"({r['seconds']:.1f} s) = crawl {n / r['crawl_s']:6.0f}/s ({r['crawl_s']:.1f} s) "
            f"+ index {n / r['index_s']:6.0f}/s ({r['index_s']:.1f} s); CPU {r['crawl_cpu']:.1f} s "
            f"+ {r['index_cpu']:.1f} s; peak memory {r['crawl_mb']:.0f} MB crawling, "
            f"{r['index_mb']:.0f} MB indexing\n"
        )


if __name__ == "__main__":
    main()
