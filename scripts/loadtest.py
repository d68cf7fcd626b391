"""The load and fault suite (issue #9): many residents at once, alone and during re-crawls.

Indexes the demo city into a temporary folder, starts `finder serve` on a free loopback port and
drives it with wrk: CLIENTS concurrent connections for SECONDS on a mix of results pages (35%),
API searches (35%) and offer pages (30%), where UNIQUE of the questions were never asked before.
The second run repeats the first while `indexer crawl-demo` re-crawls into the same data folder
again and again. Reports requests, errors, p50/p95/p99 latency (as the client sees it) and the
resident set size of the server's processes, sampled every second.

Stays on this machine (127.0.0.1 only) and bounded: at most 300 s and 1,000 clients per run.
Usage: .venv/bin/python scripts/loadtest.py [--clients 200] [--seconds 60] [--unique 0.2]
                                            [--workers N] [--crawl-pause 5]
Exit status 1 when a target is missed: no errors, p95 under 1 s, memory flat.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
QUESTIONS = (
    "wie kan mij helpen met DigiD bij mij in de buurt",
    "digid",
    "voedselbank",
    "ik heb geldzorgen",
    "waar kan ik Nederlands leren",
    "welk wijkteam hoort bij mij",
    "hulp bij belastingaangifte",
    "schulden",
    "toeslagen aanvragen",
    "paspoort",
    "computerles",
    "eenzaam",
    "mantelzorg",
    "huurtoeslag",
    "formulieren invullen",
)
# Unique questions combine two of these words with a word nobody asked before.
WORDS = (
    "hulp", "digid", "geld", "schulden", "taal", "werk", "wonen", "zorg", "eten", "kinderen",
    "belasting", "toeslag", "computer", "formulier", "paspoort", "uitkering", "wijkteam",
    "budget", "jongeren", "ouderen",
)  # fmt: skip
POSTCODES = ("8011", "8012", "8013", "8014", "8016", "8017", "8021", "8022", "8025", "8043")
# Targets of issue #9.
MAX_P95_MS = 1000.0
MAX_GROWTH_MB = 50.0

LUA = r"""
local questions = {%(questions)s}
local words = {%(words)s}
local postcodes = {%(postcodes)s}
local offers = {%(offers)s}
local unique = %(unique)f
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
  asked = 0
  statuses = {}
end

local function question()
  if math.random() < unique then
    asked = asked + 1
    return words[math.random(#words)] .. "+" .. words[math.random(#words)] ..
      "+nieuw" .. id .. "x" .. asked
  end
  local q = questions[math.random(#questions)]
  if math.random() < 0.5 then q = q .. "&postcode=" .. postcodes[math.random(#postcodes)] end
  return q
end

function request()
  local r = math.random()
  if r < 0.35 then return wrk.format("GET", "/zoeken?q=" .. question()) end
  if r < 0.70 then return wrk.format("GET", "/api/v1/search?q=" .. question()) end
  return wrk.format("GET", "/aanbod/" .. offers[math.random(#offers)])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[tostring(status)] = (counts[tostring(status)] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%%s": %%d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "seconds": %%.3f, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"timeout": %%d, "status": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d, ' ..
    '"statuses": {%%s}}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    table.concat(parts, ", ")))
end
"""


@dataclass
class Run:
    name: str
    requests: int = 0
    seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    rss: list[float] = field(default_factory=list)
    crawls: int = 0
    crawl_failures: int = 0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def growth(self) -> float:
        """MB between the first and the last fifth of the run's samples, by their medians."""
        if len(self.rss) < 10:
            return 0.0
        fifth = len(self.rss) // 5
        first, last = sorted(self.rss[:fifth]), sorted(self.rss[-fifth:])
        return last[len(last) // 2] - first[len(first) // 2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def lua_list(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(json.dumps(v) for v in values)


def server_rss_mb(pid: int) -> float:
    """Resident set size of the server and all its worker processes."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
        )
        todo.extend(int(c) for c in children)
    return total / 1024


def get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=10) as response:
        result: dict[str, object] = json.loads(response.read())
        return result


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            get_json(base + "/healthz")
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("loadtest: the server did not start")


def offer_ids(base: str) -> list[str]:
    found: set[str] = set()
    for q in (*QUESTIONS, *WORDS):
        url = f"{base}/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": 50})
        hits = get_json(url)["hits"]
        found.update(str(hit["id"]) for hit in hits)  # type: ignore[attr-defined]
    return sorted(found)


def crawl(data_dir: Path) -> bool:
    env = {**os.environ, "FINDER_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "indexer.cli", "crawl-demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return done.returncode == 0


def drive(run: Run, base: str, script: Path, clients: int, seconds: int) -> None:
    threads = min(2, clients)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next((line for line in out.splitlines() if line.startswith("WRK ")), None)
    if line is None:
        raise SystemExit(f"loadtest: wrk printed no summary:\n{out}")
    data = json.loads(line[4:])
    run.requests, run.seconds = data["requests"], data["seconds"]
    run.errors = {k: data[k] for k in ("connect", "read", "write", "timeout", "status") if data[k]}
    run.statuses = data["statuses"]
    run.p50, run.p95, run.p99 = (data[k] / 1000 for k in ("p50", "p95", "p99"))


def measure(
    name: str, pid: int, base: str, script: Path, args: argparse.Namespace, data_dir: Path | None
) -> Run:
    run = Run(name)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            run.rss.append(server_rss_mb(pid))
            stop.wait(1.0)

    def recrawl() -> None:
        assert data_dir is not None
        while not stop.is_set():
            if crawl(data_dir):
                run.crawls += 1
            else:
                run.crawl_failures += 1
            stop.wait(args.crawl_pause)

    helpers = [threading.Thread(target=sample)]
    if data_dir is not None:
        helpers.append(threading.Thread(target=recrawl))
    for helper in helpers:
        helper.start()
    try:
        drive(run, base, script, args.clients, args.seconds)
    finally:
        stop.set()
        for helper in helpers:
            helper.join()
    return run


def engine() -> str:
    """The search engine the server and the re-crawls use, as `FINDER_SEARCH_BACKEND` sets it."""
    return os.environ.get("FINDER_SEARCH_BACKEND") or "embedded"


def report(runs: list[Run], args: argparse.Namespace) -> bool:
    print(
        f"\n{args.clients} clients for {args.seconds} s, {args.unique:.0%} unique questions, "
        f"{args.workers} workers, {engine()} search engine, loopback, wrk"
    )
    header = (
        "| Run | Requests | Req/s | Errors | p50 | p95 | p99 | RSS start → peak → end | Growth |"
    )
    print(header + "\n|---|---|---|---|---|---|---|---|---|")
    met = True
    for run in runs:
        errors = ", ".join(f"{k} {v}" for k, v in run.errors.items()) or "0"
        rss = f"{run.rss[0]:.0f} → {max(run.rss):.0f} → {run.rss[-1]:.0f} MB" if run.rss else "-"
        print(
            f"| {run.name} | {run.requests:,} | {run.requests / run.seconds:,.0f} | {errors} | "
            f"{run.p50:.0f} ms | {run.p95:.0f} ms | {run.p99:.0f} ms | {rss} | "
            f"{run.growth():+.0f} MB |"
        )
        if run.crawls or run.crawl_failures:
            print(
                f"  re-crawls during the run: {run.crawls} completed, {run.crawl_failures} failed"
            )
        print(f"  statuses: {run.statuses}")
        met &= run.error_count == 0 and run.crawl_failures == 0
        met &= run.p95 < MAX_P95_MS and run.growth() < MAX_GROWTH_MB
    print(
        f"targets (0 errors, p95 < {MAX_P95_MS:.0f} ms, memory growth < {MAX_GROWTH_MB:.0f} MB): "
        + ("met" if met else "MISSED")
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--unique", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--crawl-pause", type=float, default=5.0, help="seconds between re-crawls")
    args = parser.parse_args()
    if not 1 <= args.clients <= 1000 or not 1 <= args.seconds <= 300:
        parser.error("clients must be 1-1000 and seconds 1-300")
    if not shutil.which("wrk"):
        raise SystemExit("loadtest: wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="finder-loadtest-") as tmp:
        data_dir = Path(tmp) / "var"
        print("== indexing the demo city")
        if not crawl(data_dir):
            raise SystemExit("loadtest: indexing the demo city failed")
        port = free_port()
        base = f"http://{HOST}:{port}"
        env = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_ENVIRONMENT": "development"}
        log = (Path(tmp) / "server.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "finder.cli", "serve", "--host", HOST, "--port", str(port),
             "--workers", str(args.workers)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_until_up(base)
            script = Path(tmp) / "mix.lua"
            substitutions = {
                "questions": lua_list([urllib.parse.quote_plus(q) for q in QUESTIONS]),
                "words": lua_list(WORDS),
                "postcodes": lua_list(POSTCODES),
                "offers": lua_list(offer_ids(base)),
                "unique": args.unique,
            }
            script.write_text(LUA % substitutions)
            # At full load, so the measured runs start from the memory a busy worker settles at.
            print(f"== warming up the workers ({args.clients} clients, 10 s, not counted)")
            drive(Run("warm-up"), base, script, args.clients, 10)
            print(f"== {args.clients} clients for {args.seconds} s")
            alone = measure("alone", server.pid, base, script, args, None)
            print(f"== {args.clients} clients for {args.seconds} s during re-crawls")
            crawling = measure("during re-crawls", server.pid, base, script, args, data_dir)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        if server.returncode not in (0, -15):
            print((Path(tmp) / "server.log").read_text()[-3000:], file=sys.stderr)
        return 0 if report([alone, crawling], args) else 1


if __name__ == "__main__":
    raise SystemExit(main())
