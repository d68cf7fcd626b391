"""How search works, privacy and accessibility: plain language, in every locale."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from finder.models import OfferSource, SourceKind
from finder.settings import Settings
from finder.ui.i18n import LOCALES
from finder.web.info_pages import LIGHTHOUSE
from tests import factories as f

PAGES = ("/hoe-werkt-zoeken", "/privacy", "/toegankelijkheid", "/over")


@pytest.mark.parametrize("path", PAGES)
def test_info_pages_exist_in_every_language_and_are_linked(
    settings: Settings, make_client: Callable[[Settings], Any], path: str
) -> None:
    client = make_client(settings)
    for locale in LOCALES:
        response = client.get(f"{path}?lang={locale}")
        assert response.status_code == 200
        assert f'<html lang="{locale}"' in response.text
    home = client.get("/?lang=nl").text
    assert f'{path}">' in home


def test_how_search_works_explains_the_order_and_lists_sources_with_their_last_update(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    with f.catalogue_session(settings) as db:
        org = f.organization(db)
        f.offer(db, "Taalpunt", org)
        digid = f.offer(db, "Informatiepunt Digitale Overheid", org)
        db.add(
            OfferSource(
                offer_id=digid.id,
                kind=SourceKind.samenwerkende_catalogi,
                source_ref="upl-1",
                fetched_at=datetime(2026, 11, 20, 6, 0, tzinfo=UTC),
            )
        )
        db.add(
            OfferSource(
                offer_id=digid.id,
                kind=SourceKind.samenwerkende_catalogi,
                source_ref="upl-2",
                fetched_at=datetime(2026, 10, 2, tzinfo=UTC),
            )
        )
        db.commit()
    html = make_client(settings).get("/hoe-werkt-zoeken").text
    order = html[html.index('id="order-heading"') : html.index('id="stored-heading"')]
    assert (
        order.index("past bij uw vraag") < order.index("Uw eigen wijkteam") < order.index("afstand")
    )
    assert "We houden niet bij wat u eerder zocht." in html
    open_referral = html[html.index("Overzichten van maatschappelijke organisaties") :]
    assert "<td>1 november 2026</td>" in open_referral[:200] and "<td>2</td>" in open_referral[:200]
    catalogi = html[html.index("Producten van de gemeente") :]
    assert "<td>20 november 2026</td>" in catalogi[:200] and "<td>1</td>" in catalogi[:200]


def test_privacy_statement_names_the_only_cookie(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    html = make_client(settings).get("/privacy").text
    assert "“lang”" in html and "een jaar lang" in html
    assert "Er is geen tracking." in html


def test_accessibility_statement_gives_measured_status_and_how_to_report(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    html = make_client(settings).get("/toegankelijkheid").text
    assert "WCAG 2.1 op niveau AA" in html
    assert f"zoekpagina {LIGHTHOUSE['home']}, resultaten {LIGHTHOUSE['results']}" in html
    assert 'id="report-heading">Meld een probleem' in html
    assert "Bel de gemeente op 14038" in html


def test_about_page_tells_website_owners_how_to_stop_the_crawler(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    html = make_client(settings).get("/over").text
    assert "StadInVerbinding-indexer" in html and "robots.txt" in html
    assert "bel 14038" in html
    assert settings.user_agent.endswith("/over)")
