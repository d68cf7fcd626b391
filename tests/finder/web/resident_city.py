"""A small city for the resident pages: offers of every kind of help, places, languages and
opening hours, searched for at a fixed moment (Monday 30 November 2026, 10:00 in Zwolle)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from finder.hours import TIMEZONE
from finder.search.indexing import reindex
from finder.settings import Settings
from finder.ui.deps import get_now
from tests import factories as f

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=TIMEZONE)
CENTRUM = (52.5114, 6.0929)
ZUID = (52.4834, 6.1021)
STADSHAGEN = (52.5342, 6.0577)
WEEKDAYS = tuple((day, "09:00", "17:00") for day in range(5))


def build(settings: Settings) -> dict[str, str]:
    with f.catalogue_session(settings) as db:
        stadkamer = f.organization(db, "Stadkamer", phone="038 000 0010")
        gemeente = f.organization(db, "Gemeente Zwolle", phone="14038")
        centrum = f.location(
            db, "Stadkamer Centrum", "8011AB", *CENTRUM, organization_id=stadkamer.id
        )
        hagen = f.location(
            db, "Stadkamer Stadshagen", "8043AB", *STADSHAGEN, organization_id=stadkamer.id
        )
        kantoor = f.location(
            db, "Stadskantoor", "8011AC", 52.5050, 6.0930, organization_id=gemeente.id
        )
        made = [
            f.offer(
                db,
                "Informatiepunt Digitale Overheid",
                stadkamer,
                places=(centrum, hagen),
                summary="Lukt het niet online? In de Stadkamer helpen we u met DigiD.",
                keywords=["DigiD"],
                how_to_apply=["inloop"],
                languages=["nl", "Engels", "ar"],
                audience=["particulier"],
                phone="038 000 0010",
                hours=WEEKDAYS,
            ),
            f.offer(
                db,
                "Paspoort aanvragen met DigiD",
                gemeente,
                places=(kantoor,),
                summary="Vraag een paspoort aan bij de balie.",
                keywords=["DigiD"],
                upl_uris=["http://standaarden.overheid.nl/owms/terms/paspoort"],
                how_to_apply=["balie"],
                languages=["nl"],
                audience=["particulier"],
                hours=((1, "10:00", "12:00"),),
            ),
            f.offer(
                db,
                "Sociaal Wijkteam Centrum",
                f.organization(db, "Sociaal Wijkteam Zwolle"),
                places=(centrum,),
                summary="Het wijkteam helpt ook met DigiD.",
                keywords=["wijkteam", "DigiD"],
                service_area=["8011", "8012"],
                is_wijkteam=True,
                hours=WEEKDAYS,
            ),
            f.offer(
                db,
                "DigiD-hulp voor ondernemers",
                f.organization(db, "Ondernemershuis"),
                summary="Hulp met DigiD en eHerkenning voor uw bedrijf.",
                keywords=["DigiD"],
                languages=["nl", "tr"],
                audience=["ondernemer"],
                hours=((2, "13:00", "15:00"),),
            ),
        ]
        db.commit()
        ids = {o.title: o.id for o in made}
    reindex(settings)
    return ids


def client_at(
    make_client: Callable[[Settings], Any], settings: Settings, moment: datetime = MONDAY_10
) -> Any:
    client = make_client(settings)
    client.app.dependency_overrides[get_now] = lambda: moment
    return client
