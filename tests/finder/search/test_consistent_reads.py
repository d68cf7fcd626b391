"""A search answers from one index generation, even while a crawl swaps in new ones (#9)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlmodel import select

from finder.models import Offer, OfferStatus
from finder.search.indexing import reindex
from finder.search.service import run_search
from finder.settings import Settings
from tests import factories as f

SWAPS = 25


def _city(settings: Settings) -> None:
    with f.catalogue_session(settings) as db:
        org = f.organization(db)
        for n in range(30):
            f.offer(db, f"DigiD spreekuur {n}", org, summary="Hulp bij DigiD.")
            f.offer(db, f"Tuinieren {n}", org, summary="Samen de tuin in.")
        db.commit()


def _shuffle_catalogue(settings: Settings, round_: int) -> None:
    """Each generation numbers its documents differently, so an address from one generation
    names another offer in the next."""
    with f.catalogue_session(settings) as db:
        org = f.organization(db)
        for offer in db.exec(select(Offer).where(Offer.title.startswith("Tuinieren"))).all():  # type: ignore[attr-defined]
            offer.status = OfferStatus.defunct
            db.add(offer)
        for n in range(round_ % 7 + 3):
            f.offer(db, f"Tuinieren {round_}-{n}", org, summary="Samen de tuin in.")
        db.commit()


def test_every_search_during_swaps_shows_what_it_ranked(settings: Settings) -> None:
    _city(settings)
    reindex(settings)
    done = threading.Event()
    problems: list[str] = []
    generations: set[str] = set()

    def search_in_a_loop() -> None:
        while not done.is_set():
            try:
                outcome = run_search(settings, "digid", limit=20)
            except Exception as exc:  # any failure is the finding
                problems.append(repr(exc))
                continue
            generations.add(outcome.generation or "")
            problems.extend(h.doc.title for h in outcome.hits if "DigiD" not in h.doc.title)

    searcher = threading.Thread(target=search_in_a_loop)
    searcher.start()
    try:
        for round_ in range(SWAPS):
            _shuffle_catalogue(settings, round_)
            reindex(settings)
    finally:
        done.set()
        searcher.join(timeout=60)
    assert problems == []
    assert len(generations) > 1


def test_api_and_page_name_the_generation_that_answered(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    _city(settings)
    reindex(settings)
    client = make_client(settings)
    first = client.get("/api/v1/search", params={"q": "digid"}).json()["generation"]
    page = client.get("/zoeken", params={"q": "digid"})
    assert page.headers["x-search-generation"] == first
    _shuffle_catalogue(settings, 1)
    reindex(settings)
    second = client.get("/api/v1/search", params={"q": "digid", "limit": 5}).json()["generation"]
    assert first and second and first != second
