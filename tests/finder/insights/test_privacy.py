"""No raw question, full postcode or IP address is stored anywhere: not in the database, the
search index or the logs. The real server, as `finder serve` runs it, stopped the normal way
(so it writes its counts on the way out), then every file it left is read byte by byte."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import SearchCount, UnansweredWords
from finder.search.indexing import reindex
from finder.settings import Settings
from tests.demo_city import ROOT
from tests.finder.staff.factories import build_world, free_port

QUESTION = "Wie kan mij helpen met mijn plofkipschulden bij de Zeldzaamstraat"
UNANSWERED = "Hoe kom ik aan een xyzzyvergunning voor mijn quuxbedrijf"
POSTCODES = ("8017 AB", "8017AB", "8017ab")


def test_searches_leave_no_question_postcode_or_address_behind(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    settings = Settings(data_dir=data_dir, environment="test")
    build_world(settings)
    reindex(settings)
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    env = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_ENVIRONMENT": "test"}
    process = subprocess.Popen(
        [sys.executable, "-m", "finder.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        for n in range(settings.insights_k):
            for question in (QUESTION, UNANSWERED, "nederlands leren"):
                answer = httpx.get(
                    f"{base}/zoeken", params={"q": question, "postcode": POSTCODES[n % 3]}
                )
                assert answer.status_code == 200
        httpx.get(f"{base}/api/v1/search", params={"q": QUESTION, "postcode": "8017AB"})
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    with Session(get_engine(settings)) as db:
        assert db.exec(select(SearchCount)).all(), "the searches were counted"
        # Only the words, sorted: never the question as it was typed.
        assert {w.words for w in db.exec(select(UnansweredWords))} == {
            "quuxbedrijf xyzzyvergunning",
            "plofkipschulden zeldzaamstraat",
        }
    stored = [p for p in data_dir.rglob("*") if p.is_file()] + [tmp_path / "server.log"]
    forbidden = [QUESTION, UNANSWERED, "mijn plofkipschulden", *POSTCODES, "127.0.0.1"]
    for path in stored:
        # The server names its own address once ("Uvicorn running on …"); clients share it here.
        lines = path.read_bytes().lower().splitlines(keepends=True)
        content = b"".join(line for line in lines if b"running on http" not in line)
        for text in forbidden:
            assert text.lower().encode() not in content, (text, path.name)
