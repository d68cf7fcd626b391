"""All database tables, in one place. Import from here."""

from finder.models.catalogue import (
    ApplyChannel,
    Audience,
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    OfferStatus,
    Organization,
    Schedule,
    SourceKind,
)
from finder.models.crawl import CrawlChange, CrawlRun, DedupKey, HttpCacheEntry, SourceRecord

__all__ = [
    "ApplyChannel",
    "CrawlChange",
    "CrawlRun",
    "DedupKey",
    "HttpCacheEntry",
    "SourceRecord",
    "Audience",
    "Location",
    "Offer",
    "OfferLocation",
    "OfferSource",
    "OfferStatus",
    "Organization",
    "Schedule",
    "SourceKind",
]
