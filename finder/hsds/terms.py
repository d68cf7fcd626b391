"""Every taxonomy term the catalogue uses, plus the whole needs vocabulary."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from finder.hsds import taxonomy
from finder.hsds.taxonomy import term
from finder.models import Offer, OfferStatus

BATCH = 2000


def all_terms(db: Session) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {t["id"]: t for t in taxonomy.need_terms()}
    last = ""
    while True:
        rows = db.exec(
            select(Offer)
            .where(Offer.status == OfferStatus.active, col(Offer.id) > last)
            .order_by(col(Offer.id))
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for o in rows:
            terms = [taxonomy.upl_term(u) for u in o.upl_uris]
            terms += [term("categorie", c, c) for c in o.categories]
            terms += [term("zoekwoorden", k, k) for k in o.keywords]
            terms += [term("doelgroep", a, a) for a in o.audience]
            terms += [term("aanvragen", a, a) for a in o.how_to_apply]
            terms += [term("wijkteam", "wijkteam", "Wijkteam")] if o.is_wijkteam else []
            terms += [term("demo", "demo", "Demogegevens")] if o.is_demo else []
            for t in terms:
                found.setdefault(t["id"], t)
        last = rows[-1].id
        db.expunge_all()
    return sorted(found.values(), key=lambda t: (t["taxonomy"], t["code"]))
