"""A small city built with the factories, shared by the search behaviour tests."""

from __future__ import annotations

from finder.settings import Settings
from tests import factories as f

CENTRUM = (52.5114, 6.0929)
ZUID = (52.4834, 6.1021)
STADSHAGEN = (52.5342, 6.0577)


def build_city(settings: Settings) -> dict[str, str]:
    """Returns offer titles mapped to ids."""
    ids: dict[str, str] = {}
    with f.catalogue_session(settings) as db:
        stadkamer = f.organization(db, "Stadkamer")
        gemeente = f.organization(db, "Gemeente Zwolle")
        swt = f.organization(db, "Sociaal Wijkteam Zwolle")
        centrum = f.location(db, "Stadkamer Centrum", "8011AB", *CENTRUM)
        zuid = f.location(db, "Stadkamer Zwolle-Zuid", "8016AB", *ZUID)
        hagen = f.location(db, "Stadkamer Stadshagen", "8043AB", *STADSHAGEN)
        stadskantoor = f.location(db, "Stadskantoor", "8011AC", 52.5050, 6.0930)
        made = [
            f.offer(
                db,
                "Informatiepunt Digitale Overheid",
                stadkamer,
                places=(centrum, zuid, hagen),
                summary="Hulp bij DigiD, MijnOverheid en toeslagen.",
                keywords=["DigiD"],
                categories=["Digitale hulp"],
                audience=["particulier"],
                how_to_apply=["inloop"],
                languages=["nl", "Arabisch"],
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
            ),
            f.offer(
                db,
                "Paspoort aanvragen",
                gemeente,
                places=(stadskantoor,),
                summary="Vraag een nieuw paspoort aan bij de balie.",
                categories=["Documenten"],
                audience=["particulier"],
            ),
            f.offer(
                db,
                "Identiteitskaart aanvragen",
                gemeente,
                places=(stadskantoor,),
                summary="Vraag een identiteitskaart aan. Neem uw oude paspoort mee.",
                categories=["Documenten"],
                audience=["particulier"],
            ),
            f.offer(
                db,
                "Voedselbank Zwolle",
                f.organization(db, "Voedselbank"),
                places=(f.location(db, "Voedselbank", "8013AB", 52.4972, 6.1202),),
                summary="Voedselpakketten voor wie het even niet redt.",
                keywords=["eten"],
                categories=["Eten"],
                audience=["particulier"],
            ),
            f.offer(
                db,
                "Parkeerabonnement woon-werkverkeer",
                gemeente,
                places=(stadskantoor,),
                summary="Parkeren voor werknemers van bedrijven.",
                categories=["Ondernemen"],
                audience=["ondernemer"],
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
                "Scootmobiel lenen",
                f.organization(db, "Zorgcentrum"),
                places=(centrum,),
                summary="Een scootmobiel voor een dag.",
            ),
            f.offer(
                db,
                "Schuldhulpverlening",
                gemeente,
                places=(hagen,),
                summary="De gemeente helpt u uw geldzaken op orde te krijgen.",
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
            f.offer(
                db,
                "Toeslag voor de kinderopvang",
                f.organization(db, "Toeslagenwinkel"),
                places=(zuid,),
                summary="Wij helpen u met het aanvragen.",
            ),
            f.offer(
                db,
                "Oude dienst die niet meer bestaat",
                gemeente,
                summary="Voedselbank van vroeger.",
                status="defunct",
            ),
        ]
        for name, area, place in (
            ("Sociaal Wijkteam Centrum", ["8011", "8012", "8017", "8021"], centrum),
            ("Sociaal Wijkteam West", ["8019", "8041", "8042", "8043", "8044", "8045"], hagen),
            ("Sociaal Wijkteam Zuid", ["8013", "8014", "8015", "8016"], zuid),
        ):
            made.append(
                f.offer(
                    db,
                    name,
                    swt,
                    places=(place,),
                    summary="Het wijkteam helpt bij zorg, geld en opvoeden.",
                    keywords=["wijkteam"],
                    categories=["Wijkteam"],
                    service_area=area,
                    is_wijkteam=True,
                )
            )
        db.commit()
        ids = {o.title: o.id for o in made}
    return ids
