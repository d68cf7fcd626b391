"""The bundled demo city, crawled by the real indexer command (over its local demo server)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def crawl_demo(data_dir: Path, database_url: str = "") -> None:
    env = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, "-m", "indexer.cli", "crawl-demo"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
