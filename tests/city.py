"""The one small city every test that needs a catalogue builds with the factories: Zwolle's
library branches, the city office, three wijkteams and the help around them, with hours,
languages, kinds of help and audiences, searched for at a fixed moment (Monday 30 November
2026, 10:00 in Zwolle)."""

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
STADSKANTOOR = (52.5050, 6.0930)
VOEDSELBANK = (52.4972, 6.1202)
WEEKDAYS = tuple((day, "09:00", "17:00") for day in range(5))


def build_city(settings: Settings, *, index: bool = True) -> dict[str, str]:
    """Builds the catalogue, and its search index unless `index` is false; returns offer titles
    mapped to ids."""
    with f.catalogue_session(settings) as db:
        stadkamer = f.organization(db, "Stadkamer", phone="038 000 0010")
        gemeente = f.organization(db, "Gemeente Zwolle", phone="14038")
        swt = f.organization(db, "Sociaal Wijkteam Zwolle")

        def branch(name: str, postcode: str, point: tuple[float, float], **fields: Any) -> Any:
            return f.location(db, name, postcode, *point, organization_id=stadkamer.id, **fields)

        centrum = branch("Stadkamer Centrum", "8011AB", CENTRUM, phone="038-000 00 01")
        zuid = branch("Stadkamer Zwolle-Zuid", "8016AB", ZUID)
        hagen = branch("Stadkamer Stadshagen", "8043AB", STADSHAGEN)
        kantoor = f.location(
            db, "Stadskantoor", "8011AC", *STADSKANTOOR, organization_id=gemeente.id
        )
        made = [
            f.offer(
                db,
                "Informatiepunt Digitale Overheid",
                stadkamer,
                places=(centrum, zuid, hagen),
                summary=(
                    "Lukt het niet online? In de Stadkamer helpen we u met DigiD, MijnOverheid "
                    "en toeslagen."
                ),
                keywords=["DigiD"],
                categories=["Digitale hulp"],
                audience=["particulier"],
                how_to_apply=["inloop", "digid"],
                # Both ways catalogues name languages: a code and a Dutch name.
                languages=["nl", "Engels", "Arabisch"],
                phone="038-000 00 02",
                url="https://www.example.invalid/informatiepunt-digitale-overheid/"
                "hulp-bij-digid-mijnoverheid-en-toeslagen-aanvragen",
                is_demo=True,
                hours=WEEKDAYS,
            ),
            f.offer(
                db,
                "Cursus Digisterker",
                stadkamer,
                places=(centrum,),
                summary="Leer werken met de e-overheid.",
                description_html=(
                    "<p>Voor wie nog geen DigiD heeft.</p>"
                    "<ul><li>Inloggen</li><li>Uitnodigingsbrieven</li></ul>"
                ),
                categories=["Digitale hulp"],
                audience=["particulier"],
                hours=((3, "13:30", "15:30"),),
            ),
            f.offer(
                db,
                "Taalhuis: beter leren lezen",
                stadkamer,
                places=(zuid,),
                summary="Oefenen met taal, samen met een vrijwilliger.",
                categories=["Taal"],
            ),
            f.offer(
                db,
                "Paspoort aanvragen",
                gemeente,
                places=(kantoor,),
                summary="Vraag een nieuw paspoort aan bij de balie. Maak uw afspraak met DigiD.",
                upl_uris=["http://standaarden.overheid.nl/owms/terms/paspoort"],
                categories=["Documenten"],
                audience=["particulier"],
                how_to_apply=["balie"],
                hours=((1, "10:00", "12:00"),),
            ),
            f.offer(
                db,
                "Identiteitskaart aanvragen",
                gemeente,
                places=(kantoor,),
                summary="Vraag een identiteitskaart aan. Neem uw oude paspoort mee.",
                categories=["Documenten"],
                audience=["particulier"],
            ),
            f.offer(
                db,
                "Parkeerabonnement woon-werkverkeer",
                gemeente,
                places=(kantoor,),
                summary="Parkeren voor werknemers van bedrijven.",
                categories=["Ondernemen"],
                audience=["ondernemer"],
            ),
            f.offer(
                db,
                "Schuldhulpverlening",
                gemeente,
                places=(hagen,),
                summary="Hulp bij geldzorgen: schulden, kwijtschelding en bijzondere bijstand.",
                keywords=["schuldhulp"],
                categories=["Geld"],
                eligibility="Voor inwoners van Zwolle met geldzorgen.",
                audience=["particulier"],
                what_to_bring="Uw laatste loonstrook\nBrieven over uw schulden",
                description_html="<p>Wij helpen ook met de <strong>Wmo</strong>.</p>",
                is_demo=True,
            ),
            f.offer(
                db,
                "Oude dienst die niet meer bestaat",
                gemeente,
                summary="Voedselbank van vroeger.",
                status="defunct",
            ),
            f.offer(
                db,
                "Voedselbank Zwolle",
                f.organization(db, "Voedselbank"),
                places=(f.location(db, "Voedselbank", "8013AB", *VOEDSELBANK),),
                summary="Voedselpakketten voor wie het even niet redt.",
                keywords=["eten"],
                categories=["Eten"],
                audience=["particulier"],
                phone="038-000 00 03",
                is_demo=True,
            ),
            f.offer(
                db,
                "Hulp bij belastingaangifte",
                f.organization(db, "Humanitas"),
                places=(zuid,),
                summary="Vrijwilligers helpen met uw belastingaangifte en uw toeslagen.",
                keywords=["belastingaangifte"],
                categories=["Geld"],
                is_demo=True,
            ),
            f.offer(
                db,
                "Toeslag voor de kinderopvang",
                f.organization(db, "Toeslagenwinkel"),
                places=(zuid,),
                summary="Wij helpen u met het aanvragen.",
            ),
            f.offer(
                db,
                "Hulp met eHerkenning voor ondernemers",
                f.organization(db, "Ondernemershuis"),
                summary="Hulp met DigiD en eHerkenning voor uw bedrijf.",
                keywords=["DigiD"],
                languages=["nl", "tr"],
                audience=["ondernemer"],
                hours=((2, "13:00", "15:00"),),
            ),
            f.offer(
                db,
                "Scootmobiel lenen",
                f.organization(db, "Zorgcentrum"),
                places=(centrum,),
                summary="Een scootmobiel voor een dag.",
            ),
            f.offer(
                db,
                "Koken voor de buurt",
                f.organization(db, "Buurthuis"),
                places=(centrum,),
                summary="Samen eten in het buurthuis.",
                description_html="<p>Iedereen is welkom, ook als u schulden heeft.</p>",
            ),
            f.offer(
                db,
                "Rijbewijskeuring",
                f.organization(db, "Keuringsarts"),
                places=(zuid,),
                summary="Een medische keuring voor ouderen en chauffeurs.",
            ),
        ]
        # Only the Centrum team says it helps with DigiD too; each serves its own postcodes.
        for name, area, place, digid in (
            ("Sociaal Wijkteam Centrum", ["8011", "8012", "8017", "8021"], centrum, True),
            (
                "Sociaal Wijkteam West",
                ["8019", "8041", "8042", "8043", "8044", "8045"],
                hagen,
                False,
            ),
            ("Sociaal Wijkteam Zuid", ["8013", "8014", "8015", "8016"], zuid, False),
        ):
            made.append(
                f.offer(
                    db,
                    name,
                    swt,
                    places=(place,),
                    summary="Het wijkteam helpt bij zorg, geld en opvoeden."
                    + (" Ook met DigiD." if digid else ""),
                    keywords=["wijkteam"],
                    categories=["Wijkteam"],
                    service_area=area,
                    is_wijkteam=True,
                    hours=WEEKDAYS,
                    **({"phone": "038-000 00 04", "is_demo": True} if digid else {}),
                )
            )
        db.commit()
        ids = {o.title: o.id for o in made}
    if index:
        reindex(settings)
    return ids


def client_at(
    make_client: Callable[[Settings], Any], settings: Settings, moment: datetime = MONDAY_10
) -> Any:
    """A test client whose clock stands still at `moment`."""
    client = make_client(settings)
    client.app.dependency_overrides[get_now] = lambda: moment
    return client
