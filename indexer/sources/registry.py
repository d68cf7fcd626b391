"""Which reader handles which source kind."""

from __future__ import annotations

from finder.models import SourceKind
from indexer.sources.base import SourceReader
from indexer.sources.open_referral import OpenReferralSource
from indexer.sources.samenwerkende_catalogi import SamenwerkendeCatalogiSource
from indexer.sources.webpages import WebpagesSource
from indexer.sources.wijkteam_checker import WijkteamCheckerSource

READERS: dict[SourceKind, SourceReader] = {
    SourceKind.open_referral: OpenReferralSource(),
    SourceKind.samenwerkende_catalogi: SamenwerkendeCatalogiSource(),
    SourceKind.webpages: WebpagesSource(),
    SourceKind.wijkteam_checker: WijkteamCheckerSource(),
}


def reader_for(kind: SourceKind) -> SourceReader:
    return READERS[kind]
