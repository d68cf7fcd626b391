"""The one small city every test that needs a catalogue builds with the factories: Zwolle's
library branches, the city office, three wijkteams and the help around them, with hours,
languages, kinds of help and audiences, searched for at a fixed moment (Monday 30 November
2026, 10:00 in Zwolle)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from finder.hours import TIMEZONE
from finder.models import Location, Offer, Organization
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
        made: list[Offer] = []

        def add(
            title: str, org: Organization, places: tuple[Location, ...], summary: str, **fields: Any
        ) -> None:
            made.append(f.offer(db, title, org, places=places, summary=summary, **fields))

        def org(name: str, **fields: Any) -> Organization:
            return f.organization(db, name, **fields)

        stadkamer = org("Stadkamer", phone="038 000 0010")
        gemeente = org("Gemeente Zwolle", phone="14038")
        swt = org("Sociaal Wijkteam Zwolle")
        library = stadkamer.id
        centrum = f.location(
            db,
            "Stadkamer Centrum",
            "8011AB",
            *CENTRUM,
            phone="038-000 00 01",
            organization_id=library,
        )
        zuid = f.location(db, "Stadkamer Zwolle-Zuid", "8016AB", *ZUID, organization_id=library)
        hagen = f.location(
            db, "Stadkamer Stadshagen", "8043AB", *STADSHAGEN, organization_id=library
        )
        kantoor = f.location(
            db, "Stadskantoor", "8011AC", *STADSKANTOOR, organization_id=gemeente.id
        )
        voedselbank = f.location(db, "Voedselbank", "8013AB", *VOEDSELBANK)
        for_residents = {"audience": ["particulier"]}

        add(
            "Informatiepunt Digitale Overheid",
            stadkamer,
            (centrum, zuid, hagen),
            "Lukt het niet online? In de Stadkamer helpen we u met DigiD, MijnOverheid en toeslagen.",
            keywords=["DigiD"],
            categories=["Digitale hulp"],
            how_to_apply=["inloop", "digid"],
            # Both ways catalogues name languages: a code and a Dutch name.
            languages=["nl", "Engels", "Arabisch"],
            phone="038-000 00 02",
            url="https://www.example.invalid/informatiepunt-digitale-overheid/"
            "hulp-bij-digid-mijnoverheid-en-toeslagen-aanvragen",
            is_demo=True,
            hours=WEEKDAYS,
            **for_residents,
        )
        add(
            "Cursus Digisterker",
            stadkamer,
            (centrum,),
            "Leer werken met de e-overheid.",
            description_html=(
                "<p>Voor wie nog geen DigiD heeft.</p>"
                "<ul><li>Inloggen</li><li>Uitnodigingsbrieven</li></ul>"
            ),
            categories=["Digitale hulp"],
            hours=((3, "13:30", "15:30"),),
            **for_residents,
        )
        add(
            "Taalhuis: beter leren lezen",
            stadkamer,
            (zuid,),
            "Oefenen met taal, samen met een vrijwilliger.",
            categories=["Taal"],
        )
        add(
            "Paspoort aanvragen",
            gemeente,
            (kantoor,),
            "Vraag een nieuw paspoort aan bij de balie. Maak uw afspraak met DigiD.",
            upl_uris=["http://standaarden.overheid.nl/owms/terms/paspoort"],
            categories=["Documenten"],
            how_to_apply=["balie"],
            hours=((1, "10:00", "12:00"),),
            **for_residents,
        )
        add(
            "Identiteitskaart aanvragen",
            gemeente,
            (kantoor,),
            "Vraag een identiteitskaart aan. Neem uw oude paspoort mee.",
            categories=["Documenten"],
            **for_residents,
        )
        add(
            "Parkeerabonnement woon-werkverkeer",
            gemeente,
            (kantoor,),
            "Parkeren voor werknemers van bedrijven.",
            categories=["Ondernemen"],
            audience=["ondernemer"],
        )
        add(
            "Schuldhulpverlening",
            gemeente,
            (hagen,),
            "Hulp bij geldzorgen: schulden, kwijtschelding en bijzondere bijstand.",
            keywords=["schuldhulp"],
            categories=["Geld"],
            eligibility="Voor inwoners van Zwolle met geldzorgen.",
            what_to_bring="Uw laatste loonstrook\nBrieven over uw schulden",
            description_html="<p>Wij helpen ook met de <strong>Wmo</strong>.</p>",
            is_demo=True,
            **for_residents,
        )
        add(
            "Oude dienst die niet meer bestaat",
            gemeente,
            (),
            "Voedselbank van vroeger.",
            status="defunct",
        )
        add(
            "Voedselbank Zwolle",
            org("Voedselbank"),
            (voedselbank,),
            "Voedselpakketten voor wie het even niet redt.",
            keywords=["eten"],
            categories=["Eten"],
            phone="038-000 00 03",
            is_demo=True,
            **for_residents,
        )
        add(
            "Hulp bij belastingaangifte",
            org("Humanitas"),
            (zuid,),
            "Vrijwilligers helpen met uw belastingaangifte en uw toeslagen.",
            keywords=["belastingaangifte"],
            categories=["Geld"],
            is_demo=True,
        )
        add(
            "Toeslag voor de kinderopvang",
            org("Toeslagenwinkel"),
            (zuid,),
            "Wij helpen u met het aanvragen.",
        )
        add(
            "Hulp met eHerkenning voor ondernemers",
            org("Ondernemershuis"),
            (),
            "Hulp met DigiD en eHerkenning voor uw bedrijf.",
            keywords=["DigiD"],
            languages=["nl", "tr"],
            audience=["ondernemer"],
            hours=((2, "13:00", "15:00"),),
        )
        add("Scootmobiel lenen", org("Zorgcentrum"), (centrum,), "Een scootmobiel voor een dag.")
        add(
            "Koken voor de buurt",
            org("Buurthuis"),
            (centrum,),
            "Samen eten in het buurthuis.",
            description_html="<p>Iedereen is welkom, ook als u schulden heeft.</p>",
        )
        add(
            "Rijbewijskeuring",
            org("Keuringsarts"),
            (zuid,),
            "Een medische keuring voor ouderen en chauffeurs.",
        )
        team = "Het wijkteam helpt bij zorg, geld en opvoeden."
        wijkteam = {
            "keywords": ["wijkteam"],
            "categories": ["Wijkteam"],
            "is_wijkteam": True,
            "hours": WEEKDAYS,
        }
        # Only the Centrum team says it helps with DigiD too; each serves its own postcodes.
        add(
            "Sociaal Wijkteam Centrum",
            swt,
            (centrum,),
            f"{team} Ook met DigiD.",
            service_area=["8011", "8012", "8017", "8021"],
            phone="038-000 00 04",
            is_demo=True,
            **wijkteam,
        )
        add(
            "Sociaal Wijkteam West",
            swt,
            (hagen,),
            team,
            service_area=["8019", "8041", "8042", "8043", "8044", "8045"],
            **wijkteam,
        )
        add(
            "Sociaal Wijkteam Zuid",
            swt,
            (zuid,),
            team,
            service_area=["8013", "8014", "8015", "8016"],
            **wijkteam,
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
