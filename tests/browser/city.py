"""A small demo-like city for the resident pages, built with the factories."""

from __future__ import annotations

from finder.search.indexing import reindex
from finder.settings import Settings
from tests import factories as f

CENTRUM = (52.5114, 6.0929)
ZUID = (52.4834, 6.1021)
VOEDSELBANK = (52.4972, 6.1202)


def build_city(settings: Settings) -> dict[str, str]:
    """Builds the catalogue and its search index; returns offer titles mapped to ids."""
    with f.catalogue_session(settings) as db:
        stadkamer = f.organization(db, "Stadkamer")
        centrum = f.location(db, "Stadkamer Centrum", "8011AB", *CENTRUM, phone="038-000 00 01")
        zuid = f.location(db, "Stadkamer Zwolle-Zuid", "8016AB", *ZUID)
        made = [
            f.offer(
                db,
                "Informatiepunt Digitale Overheid",
                stadkamer,
                places=(centrum, zuid),
                summary="Hulp bij DigiD, MijnOverheid en toeslagen. Loop binnen zonder afspraak.",
                keywords=["DigiD"],
                categories=["Digitale hulp"],
                how_to_apply=["inloop", "digid"],
                audience=["particulier"],
                languages=["nl", "ar"],
                phone="038-000 00 02",
                url="https://www.example.invalid/informatiepunt-digitale-overheid/"
                "hulp-bij-digid-mijnoverheid-en-toeslagen-aanvragen",
                is_demo=True,
                hours=tuple((day, "09:00", "17:00") for day in range(5)),
            ),
            f.offer(
                db,
                "Voedselbank Zwolle",
                f.organization(db, "Voedselbank"),
                places=(f.location(db, "Voedselbank", "8013AB", *VOEDSELBANK),),
                summary="Voedselpakketten voor wie het even niet redt.",
                keywords=["eten"],
                categories=["Eten"],
                phone="038-000 00 03",
                is_demo=True,
            ),
            f.offer(
                db,
                "Hulp bij geldzorgen",
                f.organization(db, "Op Orde"),
                places=(centrum,),
                summary="Hulp bij schulden, kwijtschelding en bijzondere bijstand.",
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
                "Sociaal Wijkteam Centrum",
                f.organization(db, "Sociaal Wijkteam Zwolle"),
                places=(centrum,),
                summary="Het wijkteam helpt bij zorg, geld en opvoeden.",
                keywords=["wijkteam"],
                categories=["Wijkteam"],
                service_area=["8011", "8012", "8017"],
                is_wijkteam=True,
                phone="038-000 00 04",
                is_demo=True,
            ),
        ]
        db.commit()
        ids = {o.title: o.id for o in made}
    reindex(settings)
    return ids
