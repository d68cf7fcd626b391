from __future__ import annotations

from finder.models import OfferStatus
from finder.settings import Settings
from finder.staff.catalogue_search import find_offers, find_organizations
from tests import factories


def test_every_word_must_match_title_organisation_or_keywords(settings: Settings) -> None:
    with factories.catalogue_session(settings) as db:
        cafe = factories.organization(db, "Buurtcafé De Kroon")
        stadkamer = factories.organization(db, "Stadkamer")
        factories.offer(db, "Taalcafé", cafe, keywords=["nederlands", "oefenen"])
        factories.offer(db, "Hulp bij DigiD", stadkamer, keywords=["computer"])
        factories.offer(db, "Oude taalles", stadkamer, status=OfferStatus.defunct)
        db.commit()
        assert [o.title for o in find_offers(db, "TAALCAFE")] == ["Taalcafé"]
        assert [o.title for o in find_offers(db, "kroon oefenen")] == ["Taalcafé"]
        assert [o.title for o in find_offers(db, "stadkamer")] == ["Hulp bij DigiD"]
        assert find_offers(db, "taal digid") == []
        assert find_offers(db, "   ") == []
        assert [o.name for o in find_organizations(db, "buurtcafe")] == ["Buurtcafé De Kroon"]
