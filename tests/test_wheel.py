"""The app installs from a wheel and runs outside the checkout, in Dutch and in Arabic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import httpx
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
HOME_TITLE = "Find help in Zwolle"


def translated(locale: str, msgid: str) -> str:
    with (ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return str(read_po(po, locale=locale)[msgid].string)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def install_wheel(tmp_path: Path) -> Path:
    """Build the wheel and install it alone into a fresh venv; returns the venv's bin folder."""
    dist, venv = tmp_path / "dist", tmp_path / "venv"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this test run's environment, so no network is needed. Added
    # after the install, so pip did not see the checkout's editable install there.
    (site,) = venv.glob("lib/python*/site-packages")
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def test_the_wheel_runs_outside_the_checkout_in_dutch_and_arabic(tmp_path: Path) -> None:
    bin_dir = install_wheel(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("FINDER_")}
    env |= {"FINDER_DATA_DIR": str(elsewhere / "var"), "FINDER_ENVIRONMENT": "test"}
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import finder, indexer; print(finder.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(tmp_path / "venv")), where
    crawl = subprocess.run(
        [str(bin_dir / "indexer"), "crawl-demo"], cwd=elsewhere, env=env, capture_output=True
    )
    assert crawl.returncode == 0, crawl.stderr.decode()[-2000:]

    port = free_port()
    server = subprocess.Popen(
        [str(bin_dir / "finder"), "serve", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                dutch = httpx.get(f"{base}/", headers={"accept-language": "nl"}, timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "finder serve did not start"
                time.sleep(0.2)
        arabic = httpx.get(f"{base}/", params={"lang": "ar"}, timeout=5)
        results = httpx.get(f"{base}/zoeken", params={"q": "digid", "lang": "ar"}, timeout=10)
        css = httpx.get(f"{base}/static/finder.css", timeout=5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(20)
    assert dutch.status_code == 200 and 'lang="nl"' in dutch.text
    assert f"<h1>{translated('nl', HOME_TITLE)}</h1>" in dutch.text
    assert arabic.status_code == 200 and 'lang="ar" dir="rtl"' in arabic.text
    assert f"<h1>{translated('ar', HOME_TITLE)}</h1>" in arabic.text
    assert results.status_code == 200 and "Informatiepunt Digitale Overheid" in results.text
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
