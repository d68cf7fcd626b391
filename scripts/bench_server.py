"""`finder serve` for the benchmarks: started on a free loopback port, driven, stopped.

Also counts the CPU seconds of the server's processes (the master and its workers), read from
/proc: on a shared machine other work stretches wall time, not the CPU a request costs.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


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


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            text = handle.read()
    except OSError:
        return None
    # The command name may hold spaces: fields start after its closing parenthesis.
    return text[text.rindex(")") + 2 :].split()


def _tree(pid: int) -> list[int]:
    pids, parents = [pid], {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields:
                parents[int(entry)] = int(fields[1])
    for child, parent in parents.items():
        if parent in pids and child not in pids:
            pids.append(child)
    return pids


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its children that are still running."""
    total = 0
    for member in _tree(pid):
        fields = _stat(member)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


@contextmanager
def serving(
    env: Mapping[str, str], workers: int = 1, up_seconds: float = 120
) -> Iterator[tuple[str, int]]:
    """The base URL and the pid of a running `finder serve`; stopped afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "finder.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, up_seconds)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


def wrk(url: str, seconds: int, script: Path | None = None, threads: int = 2) -> tuple[float, int]:
    """Requests per second and requests completed, with 50 connections."""
    command = ["wrk", f"-t{threads}", "-c50", f"-d{seconds}s"]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    done = re.search(r"(\d+) requests in", out)
    return (float(rate.group(1)) if rate else 0.0), (int(done.group(1)) if done else 0)
