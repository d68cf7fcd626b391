"""The `indexer` command: exit codes, the end summary, and the bundled demo city."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Offer, OfferLocation, OfferStatus
from finder.settings import Settings, get_settings
from indexer.cli import main
from tests.indexer.helpers import hsds_service, source


@pytest.fixture(autouse=True)
def _data_dir(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINDER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("FINDER_ENVIRONMENT", "test")
    get_settings.cache_clear()


def test_invalid_config_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[sources]]\nkind = "rss"\nurl = "x"\n')
    assert main(["crawl", "--sources", str(path)]) == 2
    assert main(["crawl", "--sources", str(tmp_path / "missing.toml")]) == 2


def test_nothing_indexed_exits_1_and_summary_names_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(source("open-referral", "http://127.0.0.1:9/hsds", retries=0))
    assert main(["crawl", "--sources", str(path)]) == 1
    out = capsys.readouterr().out
    assert "src [open-referral] FAILED" in out
    assert "error: http://127.0.0.1:9/hsds/services?page=1&per_page=100: connection failed" in out


def test_bad_records_still_exit_0_with_skips_in_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "services.json"
    data.write_text(
        json.dumps(
            [hsds_service("a", "Goed"), hsds_service("b", "Weg", status="defunct"), {"id": "c"}]
        )
    )
    path = tmp_path / "sources.toml"
    path.write_text(source("open-referral", "services.json"))
    assert main(["crawl", "--sources", str(path)]) == 0
    out = capsys.readouterr().out
    assert "indexed 1 (added 1" in out and "skipped 1x: status defunct" in out


def test_crawl_demo_serves_and_crawls_the_four_demo_sources(settings: Settings) -> None:
    assert main(["crawl-demo"]) == 0
    with Session(get_engine(settings)) as session:
        active = session.exec(select(Offer).where(Offer.status == OfferStatus.active)).all()
        assert len(active) >= 40
        point = next(o for o in active if o.title.startswith("Informatiepunt Digitale Overheid"))
        assert (
            len(session.exec(select(OfferLocation).where(OfferLocation.offer_id == point.id)).all())
            == 4
        )
        west = [o for o in active if o.is_wijkteam and "8043" in o.service_area]
        assert [o.title for o in west] == ["Sociaal Wijkteam West"]
        assert all(o.is_demo for o in active)
