"""Search figures, the embedded engine and Meilisearch side by side on the same data (#2, #10).

For each backend: build the same generated catalogue (offers/s), then ask the same ~200
questions twice: in-process (server side, the app's own Server-Timing) and over HTTP against
`finder serve` on loopback (what an API client sees). The answer cache is off, so every
question is searched. Meilisearch is measured when FINDER_MEILI_URL (and FINDER_MEILI_KEY) name
a server; scripts/bench starts one from FINDER_TEST_MEILI_BIN.
Usage: .venv/bin/python scripts/bench_search.py DEMO_DATA_DIR [--offers 100000] [--questions 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import meilisearch
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_data import generated, queries  # noqa: E402
from bench_server import cpu_seconds, serving  # noqa: E402

from finder.app import create_app  # noqa: E402
from finder.search.backends import get_backend  # noqa: E402
from finder.settings import Settings  # noqa: E402

WARM_UP = 20
Questions = list[tuple[str, str | None]]


@dataclass
class Figures:
    offers: int
    build_seconds: float
    server: tuple[float, float]
    http: tuple[float, float]
    http_cpu_ms: float  # the server process's CPU per API request


def p50_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, round(len(ordered) * 0.95) - 1)]


def params(q: str, postcode: str | None) -> dict[str, str]:
    return {"q": q, **({"postcode": postcode} if postcode else {})}


def server_side(settings: Settings, questions: Questions) -> list[float]:
    client = TestClient(create_app(settings))
    for q, pc in questions[:WARM_UP]:
        client.get("/api/v1/search", params=params(q, pc))
    times = []
    for q, pc in questions:
        response = client.get("/api/v1/search", params=params(q, pc))
        assert response.status_code == 200, response.text
        times.append(float(response.headers["server-timing"].split("dur=")[1]))
    return times


def serve_env(settings: Settings) -> dict[str, str]:
    return {
        "FINDER_DATA_DIR": str(settings.data_dir),
        "FINDER_SEARCH_BACKEND": settings.search_backend,
        "FINDER_MEILI_URL": settings.meili_url,
        "FINDER_MEILI_KEY": settings.meili_key,
        "FINDER_MEILI_INDEX": settings.meili_index,
    }


def over_http(settings: Settings, questions: Questions) -> tuple[list[float], float]:
    """Latencies as a client on loopback sees them, and the server's CPU-ms per request."""
    env = {**serve_env(settings), "FINDER_PAGE_CACHE_SECONDS": "0"}
    with serving(env, workers=1) as (base, pid), httpx.Client(timeout=10) as client:
        url = f"{base}/api/v1/search"
        for q, pc in questions[:WARM_UP]:
            client.get(url, params=params(q, pc))
        times = []
        cpu = cpu_seconds(pid)
        for q, pc in questions:
            start = time.perf_counter()
            response = client.get(url, params=params(q, pc))
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.text
        cpu = cpu_seconds(pid) - cpu
    return times, cpu * 1000 / len(questions)


def measure(settings: Settings, offers: int, questions: Questions) -> Figures:
    start = time.perf_counter()
    built = get_backend(settings, indexing=True).replace_all(generated(offers))
    seconds = time.perf_counter() - start
    assert built.count == offers and not built.rejected, built
    http, cpu_ms = over_http(settings, questions)
    return Figures(
        offers, seconds, p50_p95(server_side(settings, questions)), p50_p95(http), cpu_ms
    )


def demo_latency(data_dir: Path, questions: Questions) -> None:
    settings = Settings(data_dir=data_dir, page_cache_seconds=0)
    p50, p95 = p50_p95(server_side(settings, questions))
    docs = get_backend(settings).count()
    print(
        f"search API latency, demo catalogue, embedded ({docs:,} documents, "
        f"{len(questions)} questions, server side): p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )


def table(results: dict[str, Figures]) -> None:
    names = list(results)
    rows = [
        (
            "index build",
            [
                f"{f.offers / f.build_seconds:,.0f} offers/s ({f.build_seconds:.1f} s)"
                for f in results.values()
            ],
        ),
        (
            "search p50 / p95, server side",
            [f"{f.server[0]:.1f} / {f.server[1]:.1f} ms" for f in results.values()],
        ),
        (
            "search p50 / p95, HTTP API",
            [f"{f.http[0]:.1f} / {f.http[1]:.1f} ms" for f in results.values()],
        ),
        ("server CPU per API request", [f"{f.http_cpu_ms:.2f} ms" for f in results.values()]),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'':{width}}  " + "  ".join(f"{n:>26}" for n in names))
    for label, cells in rows:
        print(f"{label:{width}}  " + "  ".join(f"{c:>26}" for c in cells))
    if len(results) == 2:
        embedded, meili = results["embedded"], results["meilisearch"]
        print(
            f"p95 ratio embedded/Meilisearch: server side {embedded.server[1] / meili.server[1]:.2f}, "
            f"HTTP API {embedded.http[1] / meili.http[1]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("demo_data_dir", type=Path)
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=200)
    args = parser.parse_args()
    questions = queries(args.questions)
    demo_latency(args.demo_data_dir, questions)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        embedded = Settings(data_dir=Path(tmp) / "embedded", page_cache_seconds=0)
        results["embedded"] = measure(embedded, args.offers, questions)
        url, key = os.environ.get("FINDER_MEILI_URL", ""), os.environ.get("FINDER_MEILI_KEY", "")
        if url:
            meili = Settings(
                data_dir=Path(tmp) / "meili",
                page_cache_seconds=0,
                search_backend="meilisearch",
                meili_url=url,
                meili_key=key,
                meili_index=f"bench_{uuid.uuid4().hex[:8]}",
            )
            try:
                results["meilisearch"] = measure(meili, args.offers, questions)
            finally:
                client = meilisearch.Client(url, key or None)
                client.wait_for_task(client.delete_index(meili.meili_index).task_uid)
    print(f"generated catalogue of {args.offers:,} offers, the same {len(questions)} questions:")
    table(results)
    if "meilisearch" not in results:
        print(
            "Meilisearch: NOT MEASURED, no server available "
            "(set FINDER_TEST_MEILI_BIN to a binary, or FINDER_MEILI_URL to a server)"
        )


if __name__ == "__main__":
    main()
