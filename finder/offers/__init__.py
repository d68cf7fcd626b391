"""The catalogue as pages read it: read models of offers, and facts derived from them."""

from finder.offers.kinds import KINDS, help_kinds
from finder.offers.languages import language_code, language_codes
from finder.offers.models import OfferDetail, OrganizationInfo, Place, SourceInfo, TeamInfo
from finder.offers.read import (
    get_offer,
    organisation_places,
    organization_info,
    source_info,
    wijkteam_for,
)

__all__ = [
    "KINDS",
    "OfferDetail",
    "OrganizationInfo",
    "Place",
    "SourceInfo",
    "TeamInfo",
    "get_offer",
    "help_kinds",
    "language_code",
    "language_codes",
    "organisation_places",
    "organization_info",
    "source_info",
    "wijkteam_for",
]
