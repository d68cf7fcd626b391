"""Round trip: the project's own open-referral source kind crawls this app's HSDS export into a
second data folder and finds every offer again, with its details. Both sides speak HSDS 3.0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from finder.db import get_engine
from finder.editorial import corrections
from finder.hours import OpeningPeriod
from finder.models import CorrectedField, Offer, OfferStatus, Organization
from finder.offers import OfferDetail, get_offer
from finder.settings import Settings
from tests.demo_city import ROOT, crawl_demo
from tests.finder.staff.factories import server

CORRECTED = "038-111 22 33"


def _hours(periods: tuple[OpeningPeriod, ...]) -> str:
    return str(
        sorted(
            (
                p.weekday,
                p.opens or "",
                p.closes or "",
                p.closed,
                p.valid_from or "",
                p.valid_to or "",
            )
            for p in periods
        )
    )


def _shape(view: OfferDetail) -> dict[str, Any]:
    o = view
    places = sorted((p.address, p.postcode, p.city, _hours(p.hours)) for p in view.places)
    return {
        "summary": o.summary,
        "phone": o.phone,
        "email": o.email,
        "url": o.url,
        "eligibility": o.eligibility,
        "costs": o.costs,
        "what_to_bring": o.what_to_bring,
        "upl": sorted(o.upl_uris),
        "categories": sorted(o.categories),
        "keywords": sorted(o.keywords),
        "audience": sorted(o.audience),
        "how_to_apply": sorted(o.how_to_apply),
        "application_url": o.application_url,
        "service_area": sorted(o.service_area),
        "languages": sorted(o.languages),
        "wijkteam": o.is_wijkteam,
        "demo": o.is_demo,
        "hours": _hours(view.hours) if not view.places else "",
        "places": places,
    }


def _catalogue(data_dir: Path) -> dict[tuple[str, str], dict[str, Any]]:
    settings = Settings(data_dir=data_dir, environment="test")
    found = {}
    with Session(get_engine(settings)) as db:
        for offer_id in db.exec(select(Offer.id).where(Offer.status == OfferStatus.active)):
            view = get_offer(db, offer_id)
            if view is None:
                continue
            org = view.organization.name if view.organization else ""
            found[(view.title, org)] = _shape(view)
    return found


def test_the_open_referral_source_finds_every_offer_of_the_export_again(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    crawl_demo(first)
    settings = Settings(data_dir=first, environment="test")
    with Session(get_engine(settings)) as db:
        offer = db.exec(select(Offer).where(col(Offer.phone) != "").order_by(col(Offer.id))).first()
        assert offer is not None
        # The export carries corrections: the second catalogue gets the corrected number.
        corrections.save(db, offer, CorrectedField.phone, {"text": CORRECTED}, None)
        db.commit()
        corrected_title = offer.title
        assert db.exec(select(Organization)).first() is not None
    with server(first) as (_process, url):
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[sources]]\nname = "stad-in-verbinding"\nkind = "open-referral"\n'
            f'url = "{url}/hsds"\npage_size = 7\n',
            encoding="utf-8",
        )
        env = {**os.environ, "FINDER_DATA_DIR": str(second), "FINDER_ENVIRONMENT": "test"}
        done = subprocess.run(
            [sys.executable, "-m", "indexer.cli", "crawl", "--sources", str(sources)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    before, after = _catalogue(first), _catalogue(second)
    assert len(before) > 50
    assert set(before) == set(after)
    for key, shape in before.items():
        assert after[key] == shape, key
    assert any(k[0] == corrected_title and v["phone"] == CORRECTED for k, v in after.items())
