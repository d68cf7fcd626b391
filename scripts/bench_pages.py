"""Results-page throughput as a ratio against a bare Jinja page of the same app (issue #2).

Starts `finder serve --workers 2` on the given data directory and drives both pages with
wrk (2 threads, 50 connections), alternating them so machine noise hits both alike.
Usage: .venv/bin/python scripts/bench_pages.py DATA_DIR [--seconds 8] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = "/zoeken?q=wie+kan+mij+helpen+met+DigiD+bij+mij+in+de+buurt&postcode=8017"
BARE = "/bench/bare"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the app did not start")


def wrk(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses")
    return float(match.group(1)) if match else 0.0


def measure(data_dir: Path, seconds: int, rounds: int, cache_seconds: float) -> tuple[float, float]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "FINDER_DATA_DIR": str(data_dir),
        "FINDER_BENCH_PAGE": "true",
        "FINDER_PAGE_CACHE_SECONDS": str(cache_seconds),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "finder.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base)
        wrk(base + RESULTS, 2)  # warm up both workers
        bare, results = [], []
        for _ in range(rounds):
            bare.append(wrk(base + BARE, seconds))
            results.append(wrk(base + RESULTS, seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return sum(results) / len(results), sum(bare) / len(bare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    for label, cache in (("cache on, as served", 60.0), ("cache off, every page computed", 0.0)):
        results_rps, bare_rps = measure(args.data_dir, args.seconds, args.rounds, cache)
        print(
            f"results page throughput ({label}): {results_rps:,.0f} req/s vs bare Jinja page "
            f"{bare_rps:,.0f} req/s = ratio {results_rps / bare_rps:.2f} (2 workers, 50 connections, wrk)"
        )


if __name__ == "__main__":
    main()
