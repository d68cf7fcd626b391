"""Searches are counted per day, need and wijk, in memory and flushed in the background; words
of unanswered questions are kept only when k searches in a week used them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from finder.db import get_engine, init_db
from finder.insights.facts import SearchFact
from finder.insights.recorder import local_day
from finder.insights.store import end_of_day, flush
from finder.insights.tally import Tally
from finder.models import SearchCount, UnansweredToday, UnansweredWeek, UnansweredWords, WeekKey
from finder.search.indexing import reindex
from finder.settings import Settings
from tests.finder.staff.factories import build_world, login


@pytest.fixture
def town(settings: Settings, make_client: Any) -> dict[str, Any]:
    world = build_world(settings)
    reindex(settings)
    return {"world": world, "client": make_client(settings)}


def _rows(settings: Settings) -> dict[tuple[str, str], tuple[int, int, int]]:
    with Session(get_engine(settings)) as db:
        return {
            (r.need, r.wijk): (r.searches, r.empty, r.refined) for r in db.exec(select(SearchCount))
        }


def _search(client: Any, q: str, postcode: str = "", **extra: str) -> Any:
    response = client.get("/zoeken", params={"q": q, "postcode": postcode, **extra})
    assert response.status_code == 200
    assert "x-finder-insight" not in response.headers
    return response


def test_searches_are_counted_per_need_and_wijk_also_from_the_cache(
    town: dict[str, Any], settings: Settings
) -> None:
    client = town["client"]
    _search(client, "nederlands leren", "8017AB")
    second = _search(client, "nederlands leren", "8017AB")
    assert second.headers.get("x-cache") == "hit"
    _search(client, "xyzzy plofkip", "8011")
    assert _rows(settings) == {}  # nothing written on the request path
    client.app.state.insights.flush()
    rows = _rows(settings)
    assert rows[("*", "Assendorp")] == (2, 0, 0)
    assert rows[("taal", "Assendorp")] == (2, 0, 0)
    assert rows[("", "Binnenstad")] == (1, 1, 0)
    assert rows[("*", "Binnenstad")] == (1, 1, 0)


def test_a_search_asked_again_from_the_results_page_counts_as_refined(
    town: dict[str, Any], settings: Settings
) -> None:
    client = town["client"]
    page = _search(client, "nederlands leren", "8017")
    marker = re.search(r'name="na" value="([^"]+)"', page.text)
    assert marker
    refined = _search(client, "nederlands les", "8017", na=marker.group(1))
    assert marker.group(1) not in refined.text.split('name="na"')[0]  # not echoed into links
    stale = f"{int(marker.group(1).split(':')[0]) - 60}:taal"
    _search(client, "taalcursus", "8017", na=stale)  # an hour later: a new question
    client.app.state.insights.flush()
    rows = _rows(settings)
    assert rows[("taal", "Assendorp")][2] == 1
    assert rows[("*", "Assendorp")] == (3, 0, 1)


def test_words_of_unanswered_questions_are_kept_only_from_k_searches_a_week(
    town: dict[str, Any], settings: Settings
) -> None:
    client = town["client"]
    for n in range(settings.insights_k):
        _search(client, f"Wie helpt mij met plofkip xyzzy bij 8017 AB {n}?")
    for _ in range(settings.insights_k - 1):
        _search(client, "zeldzaam gevraagd ding")
    client.app.state.insights.flush()
    with Session(get_engine(settings)) as db:
        kept = {r.words: r.count for r in db.exec(select(UnansweredWords))}
        waiting = {r.words for r in db.exec(select(UnansweredToday))}
    assert kept == {"plofkip xyzzy": settings.insights_k}
    assert waiting == {"ding gevraagd zeldzaam"}
    assert (
        end_of_day(get_engine(settings), local_day() + timedelta(days=1), settings.insights_k) == 1
    )
    with Session(get_engine(settings)) as db:
        assert db.exec(select(UnansweredToday)).all() == []
        assert {r.words for r in db.exec(select(UnansweredWords))} == {"plofkip xyzzy"}
    end_of_day(get_engine(settings), local_day() + timedelta(days=8), settings.insights_k)
    with Session(get_engine(settings)) as db:
        assert db.exec(select(UnansweredWeek)).all() == [] and db.exec(select(WeekKey)).all() == []


def test_word_groups_that_reach_k_over_several_days_of_one_week_are_kept(
    settings: Settings,
) -> None:
    monday = date(2026, 11, 23)
    tally = Tally()
    fact = SearchFact(needs=(), wijk="", empty=True, words="bingo kaart")
    engine = init_db(settings)
    for day in range(3):
        for _ in range(2):
            tally.add(monday + timedelta(days=day), fact)
        flush(engine, tally.drain(), 5)
        end_of_day(engine, monday + timedelta(days=day + 1), 5)
    with Session(engine) as db:
        assert {r.words: r.count for r in db.exec(select(UnansweredWords))} == {"bingo kaart": 6}


def test_the_inzichten_page_draws_charts_and_offers_a_csv(
    town: dict[str, Any], settings: Settings, make_client: Any
) -> None:
    client = town["client"]
    for _ in range(2):
        _search(client, "nederlands leren", "8017")
    for n in range(settings.insights_k):
        _search(client, f"plofkip xyzzy {n}", "8011")
    client.app.state.insights.flush()
    editor = make_client(settings)
    login(editor, town["world"].users["editor"])
    page = editor.get("/staff/inzichten?lang=en")
    assert page.status_code == 200
    assert page.text.count("<svg") >= 3
    assert "needs-chart" in page.text and "wijken-chart" in page.text and "words-chart" in page.text
    assert "Binnenstad" in page.text and "plofkip xyzzy" in page.text
    csv_text = editor.get("/staff/inzichten.csv").text
    assert csv_text.startswith("day,need,wijk,searches,found_nothing,refined\n")
    assert f"{local_day().isoformat()},taal,Assendorp,2,0,0" in csv_text
    words = editor.get("/staff/inzichten.csv", params={"soort": "woorden"}).text
    assert f"plofkip xyzzy,{settings.insights_k}" in words


def test_switched_off_nothing_is_counted_and_the_page_says_so(
    tmp_path: Any, make_client: Any
) -> None:
    settings = Settings(data_dir=tmp_path / "off", environment="test", insights="off")
    world = build_world(settings)
    reindex(settings)
    client = make_client(settings)
    page = _search(client, "nederlands leren", "8017")
    assert 'name="na"' not in page.text
    assert not hasattr(client.app.state, "insights")
    editor = make_client(settings)
    login(editor, world.users["editor"])
    assert 'id="insights-off"' in editor.get("/staff/inzichten").text
    assert editor.get("/staff/inzichten.csv").status_code == 404
    assert _rows(settings) == {}
