"""A tiny HSDS source on disk, crawled by the real indexer command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.demo_city import ROOT

SERVICE_ID = "5b7c2f4e-1d3a-4b6c-9e8f-0a1b2c3d4e5f"


def service(
    phone: str = "038-000 00 01", name: str = "Spreekuur schulden (demo)"
) -> dict[str, Any]:
    return {
        "id": SERVICE_ID,
        "name": name,
        "status": "active",
        "description": "Hulp bij schulden en rekeningen.",
        "organization": {
            "id": "8a1b2c3d-0000-4000-8000-000000000001",
            "name": "Schuldhulp Zwolle (demo)",
            "description": "",
        },
        "phones": [{"id": "8a1b2c3d-0000-4000-8000-000000000002", "number": phone}],
        "service_at_locations": [
            {
                "id": "8a1b2c3d-0000-4000-8000-000000000003",
                "location": {
                    "id": "8a1b2c3d-0000-4000-8000-000000000004",
                    "location_type": "physical",
                    "name": "Wijkcentrum (demo)",
                    "addresses": [
                        {
                            "id": "8a1b2c3d-0000-4000-8000-000000000005",
                            "address_1": "Demostraat 1",
                            "city": "Zwolle",
                            "state_province": "",
                            "postal_code": "8017AB",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
                "schedules": [
                    {
                        "id": "8a1b2c3d-0000-4000-8000-000000000006",
                        "freq": "WEEKLY",
                        "byday": "MO,WE",
                        "opens_at": "09:00",
                        "closes_at": "12:00",
                    }
                ],
            }
        ],
    }


def crawl(folder: Path, data_dir: Path, services: list[dict[str, Any]]) -> None:
    """Writes the source and crawls it into data_dir with `indexer crawl`."""
    (folder / "services.json").write_text(json.dumps(services), encoding="utf-8")
    sources = folder / "sources.toml"
    sources.write_text(
        '[[sources]]\nname = "schuldhulp"\nkind = "open-referral"\nurl = "services.json"\n'
    )
    env = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_ENVIRONMENT": "test"}
    done = subprocess.run(
        [sys.executable, "-m", "indexer.cli", "crawl", "--sources", str(sources)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
