"""Results-page throughput against the home page of the same app, and 1 worker against 2 (#15).

Starts `finder serve` on the given data directory with the answer cache off, so every results
page is computed, and drives it with wrk (2 threads, 50 connections): the results page cycles
through a varied mix of questions and postcodes (scripts/bench_data.py), the home page is the
yardstick. The two alternate, so machine noise hits both alike. Besides requests per second it
counts the CPU milliseconds the server's processes spent per request, the figure to compare on
a shared machine.
Usage: .venv/bin/python scripts/bench_pages.py DATA_DIR [--seconds 8] [--rounds 2]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import queries
from bench_server import cpu_seconds, serving, wrk

HOME = "/"
MIX = 1000


@dataclass(frozen=True)
class Rate:
    per_second: float
    cpu_ms: float  # server CPU per request


@dataclass(frozen=True)
class PageFigures:
    results: Rate
    home: Rate

    @property
    def ratio(self) -> float:
        return self.results.per_second / self.home.per_second if self.home.per_second else 0.0


def results_paths(count: int = MIX) -> list[str]:
    paths = []
    for q, postcode in queries(count, seed=23):
        paths.append(
            "/zoeken?" + urlencode({"q": q, **({"postcode": postcode} if postcode else {})})
        )
    return paths


def lua_script(paths: list[str], folder: Path) -> Path:
    """A wrk script that asks the paths in turn (each wrk thread starts at its own offset)."""
    quoted = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script = folder / "mix.lua"
    script.write_text(
        f"local paths = {{\n{quoted}\n}}\n"
        "local i = math.random(#paths)\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n",
        encoding="utf-8",
    )
    return script


def _driven(base: str, pid: int, url_or_script: str | Path, seconds: int) -> Rate:
    script = url_or_script if isinstance(url_or_script, Path) else None
    url = base + (url_or_script if isinstance(url_or_script, str) else "/")
    before = cpu_seconds(pid)
    rate, done = wrk(url, seconds, script)
    spent = cpu_seconds(pid) - before
    return Rate(rate, spent * 1000 / done if done else 0.0)


def _warm(base: str, pid: int, script: Path, paths: list[str]) -> None:
    """Load what every worker reads once (vocabulary, word lists, the index) before measuring."""
    for path in paths[:20]:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
    _driven(base, pid, script, 2)


def _mean(rates: list[Rate]) -> Rate:
    return Rate(
        sum(r.per_second for r in rates) / len(rates), sum(r.cpu_ms for r in rates) / len(rates)
    )


def measure(
    env: Mapping[str, str], seconds: int = 8, rounds: int = 2, workers: int = 2
) -> PageFigures:
    """Results page (varied mix, computed) and home page, alternately."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = results_paths()
        script = lua_script(paths, Path(tmp))
        with serving({**env, "FINDER_PAGE_CACHE_SECONDS": "0"}, workers) as (base, pid):
            _warm(base, pid, script, paths)
            _driven(base, pid, HOME, 1)
            home, results = [], []
            for _ in range(rounds):
                home.append(_driven(base, pid, HOME, seconds))
                results.append(_driven(base, pid, script, seconds))
    return PageFigures(_mean(results), _mean(home))


def workers_scaling(env: Mapping[str, str], seconds: int = 8) -> tuple[Rate, Rate]:
    """The computed results page with 1 worker, then with 2."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = results_paths()
        script = lua_script(paths, Path(tmp))
        for workers in (1, 2):
            with serving({**env, "FINDER_PAGE_CACHE_SECONDS": "0"}, workers) as (base, pid):
                _warm(base, pid, script, paths)
                found.append(_driven(base, pid, script, seconds))
    return found[0], found[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    env = {"FINDER_DATA_DIR": str(args.data_dir)}
    f = measure(env, args.seconds, args.rounds)
    print(
        f"results page (computed, {MIX} varied questions) {f.results.per_second:,.0f} req/s, "
        f"{f.results.cpu_ms:.2f} CPU-ms each; home page {f.home.per_second:,.0f} req/s, "
        f"{f.home.cpu_ms:.2f} CPU-ms each; ratio {f.ratio:.2f} (2 workers, 50 connections)"
    )
    one, two = workers_scaling(env, args.seconds)
    print(
        f"results page, 1 worker {one.per_second:,.0f} req/s, 2 workers {two.per_second:,.0f} req/s"
        f" = {two.per_second / one.per_second:.2f}x"
    )


if __name__ == "__main__":
    main()
