"""The wijkteam checker: one offer per team, serving exactly the postcodes it answered for."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Offer
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import LocalSite, source


def _answer(team: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": team,
        "provider": {"@type": "GovernmentOrganization", "name": "Sociaal Wijkteam"},
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_answers_are_grouped_by_team_and_unknown_postcodes_recorded(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    for pc4, team in {
        "8011": "Wijkteam Centrum",
        "8012": "Wijkteam Centrum",
        "8013": "Wijkteam Zuid",
    }.items():
        site.add(f"/check?pc={pc4}", _answer(team))

    result = crawl(
        source("wijkteam-checker", site.url("/check?pc={postcode}"), postcodes=["8011-8014"])
    )

    report = result.reports[0]
    assert report.fetched == 4 and report.skipped == {"unknown postcode (HTTP 404)": 1}
    with Session(get_engine(settings)) as session:
        teams = {o.title: o for o in session.exec(select(Offer))}
        assert teams["Wijkteam Centrum"].service_area == ["8011", "8012"]
        assert teams["Wijkteam Zuid"].service_area == ["8013"]
        assert all(o.is_wijkteam for o in teams.values())
