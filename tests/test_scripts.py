"""The README's first command: scripts/run indexes the demo city and serves it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_scripts_run_serves_the_demo_city_on_the_chosen_port(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "FINDER_DATA_DIR": str(tmp_path / "var")}
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run"), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        page = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                page = httpx.get(
                    f"http://127.0.0.1:{port}/zoeken",
                    params={
                        "q": "wie kan mij helpen met DigiD bij mij in de buurt",
                        "postcode": "8017",
                    },
                    timeout=5,
                )
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert page is not None, process.stdout.read().decode() if process.stdout else ""
        assert page.status_code == 200
        assert "Informatiepunt Digitale Overheid" in page.text
        assert (tmp_path / "var" / "index" / "CURRENT").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    output = process.stdout.read().decode() if process.stdout else ""
    assert "Serving on http://127.0.0.1" in output
    # No access log: a resident's question and postcode are not written anywhere.
    assert "wie+kan+mij" not in output and "8017" not in output


def test_scripts_run_explains_a_wrong_option() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "run"), "--prot", "8000"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown option --prot" in result.stderr


def test_check_css_fails_on_a_stale_style_sheet(tmp_path: Path) -> None:
    fresh = subprocess.run([str(ROOT / "scripts" / "check-css")], capture_output=True, text=True)
    assert fresh.returncode == 0, fresh.stderr
    for sheet in ("finder.css", "staff.css"):
        (tmp_path / sheet).write_text((ROOT / "finder" / "static" / sheet).read_text())
    (tmp_path / "staff.css").write_text((tmp_path / "staff.css").read_text() + "a{color:red}")
    result = subprocess.run(
        [str(ROOT / "scripts" / "check-css"), str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "stale" in result.stderr
