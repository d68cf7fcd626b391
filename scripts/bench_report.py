"""Every speed figure of issue #15 in one run, the two engines side by side (scripts/bench).

1. Search: the same generated catalogue (100,000 offers) built in each engine, the same ~200
   varied questions asked server side (the app's Server-Timing) and over the HTTP API, with
   the server's CPU per request (scripts/bench_search.py).
2. Pages, on that catalogue: the computed results page (answer cache off, 1,000 varied
   questions) against the home page, and 1 worker against 2 (scripts/bench_pages.py).
3. Crawl + index over loopback HTTP at 10,000, 50,000 and 100,000 offers, with CPU seconds
   and peak memory (scripts/bench_crawl.py).
Then one table with every figure, its target, and the machine's load while it ran.
Meilisearch is measured when FINDER_MEILI_URL names a server (scripts/bench starts one from
FINDER_TEST_MEILI_BIN); otherwise its column says NOT MEASURED.
Usage: .venv/bin/python scripts/bench_report.py DEMO_DATA_DIR [--offers 100000]
       [--sizes 10000 50000 100000] [--seconds 8]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_crawl
import bench_pages
import bench_search
import meilisearch
from bench_data import queries
from bench_server import load_average

from finder.settings import Settings

Row = tuple[str, str, str, str]


def step(text: str) -> None:
    sys.stdout.write(f"== {text} (load average {load_average()})\n")
    sys.stdout.flush()


def engines(tmp: Path, offers: int, seconds: int) -> dict[str, dict[str, object]]:
    questions = queries(200)
    configured = {"embedded": Settings(data_dir=tmp / "embedded", page_cache_seconds=0)}
    url, key = os.environ.get("FINDER_MEILI_URL", ""), os.environ.get("FINDER_MEILI_KEY", "")
    if url:
        configured["meilisearch"] = Settings(
            data_dir=tmp / "meili",
            page_cache_seconds=0,
            search_backend="meilisearch",
            meili_url=url,
            meili_key=key,
            meili_index=f"bench_{uuid.uuid4().hex[:8]}",
        )
    found: dict[str, dict[str, object]] = {}
    for name, settings in configured.items():
        try:
            step(f"{name}: building {offers:,} offers and asking {len(questions)} questions")
            search = bench_search.measure(settings, offers, questions)
            step(f"{name}: results page and home page")
            env = bench_search.serve_env(settings)
            found[name] = {"search": search, "pages": bench_pages.measure(env, seconds)}
            if name == "embedded":
                step(f"{name}: 1 worker and 2 workers")
                found[name]["workers"] = bench_pages.workers_scaling(env, seconds)
        finally:
            if settings.search_backend == "meilisearch":
                client = meilisearch.Client(url, key or None)
                client.wait_for_task(client.delete_index(settings.meili_index).task_uid)
    return found


def rows(found: dict[str, dict[str, object]], crawl: list[dict[str, float]]) -> list[Row]:
    def cell(name: str, render: object) -> str:
        if name not in found:
            return "NOT MEASURED"
        return str(render(found[name]))  # type: ignore[operator]

    def both(label: str, render: object, target: str) -> Row:
        return (label, cell("embedded", render), cell("meilisearch", render), target)

    table: list[Row] = [
        both(
            "index build, generated offers",
            lambda f: f"{f['search'].offers / f['search'].build_seconds:,.0f} offers/s",
            "",
        ),
        both(
            "API p50 / p95, server side",
            lambda f: f"{f['search'].server[0]:.1f} / {f['search'].server[1]:.1f} ms",
            "p95 <= 5 ms (embedded)",
        ),
        both(
            "API p50 / p95, over HTTP",
            lambda f: f"{f['search'].http[0]:.1f} / {f['search'].http[1]:.1f} ms",
            "",
        ),
        both("API, server CPU per request", lambda f: f"{f['search'].http_cpu_ms:.2f} ms", ""),
        both(
            "results page, computed (req/s, CPU)",
            lambda f: f"{f['pages'].results.per_second:,.0f}/s, {f['pages'].results.cpu_ms:.2f} ms",
            "",
        ),
        both(
            "home page (req/s, CPU)",
            lambda f: f"{f['pages'].home.per_second:,.0f}/s, {f['pages'].home.cpu_ms:.2f} ms",
            "",
        ),
        both("results page / home page", lambda f: f"{f['pages'].ratio:.2f}", ">= 0.3"),
    ]
    if "embedded" in found:
        one, two = found["embedded"]["workers"]  # type: ignore[misc]
        table.append(
            (
                "results page, 1 -> 2 workers",
                f"{one.per_second:,.0f} -> {two.per_second:,.0f}/s = {two.per_second / one.per_second:.2f}x",
                "",
                ">= 1.7x",
            )
        )
    for r in crawl:
        n = r["offers"]
        table.append(
            (
                f"crawl + index, {int(n):,} offers",
                f"{n / r['seconds']:,.0f} offers/s; CPU {r['crawl_cpu']:.1f} + {r['index_cpu']:.1f} s;"
                f" peak {r['crawl_mb']:.0f} / {r['index_mb']:.0f} MB",
                "",
                ">= 2,000 offers/s, flat memory",
            )
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("demo_data_dir", type=Path)
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 50_000, 100_000])
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()
    started, load_before = time.strftime("%Y-%m-%d %H:%M"), load_average()
    step("search API latency on the demo city")
    bench_search.demo_latency(args.demo_data_dir, queries(200))
    with tempfile.TemporaryDirectory() as tmp:
        found = engines(Path(tmp), args.offers, args.seconds)
    crawl = []
    for size in args.sizes:
        step(f"crawl + index, {size:,} offers")
        crawl.append(bench_crawl.measure_size(size))
    table = rows(found, crawl)
    widths = [
        max(len(r[i]) for r in [("", "embedded", "Meilisearch", "target"), *table])
        for i in range(4)
    ]
    print(
        f"\n{started}, {os.cpu_count()} cores; load average {load_before} at the start, "
        f"{load_average()} at the end; {args.offers:,} generated offers"
    )
    for r in [("", "embedded", "Meilisearch", "target"), *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)).rstrip())
    print(
        "(CPU: milliseconds of the server's processes per request; crawl: CPU seconds of crawl + index)"
    )


if __name__ == "__main__":
    main()
