"""Rebuild the search index after a crawl, and say in the summary what the engine refused."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from finder.search.builds import IndexBuildFailed, Rejected
from finder.search.indexing import reindex
from finder.settings import Settings

log = logging.getLogger(__name__)
MAX_REJECTED_SHOWN = 10


@dataclass
class SearchIndexReport:
    count: int | None = None
    rejected: list[Rejected] = field(default_factory=list)
    failed: str = ""

    def lines(self) -> list[str]:
        if self.failed:
            head = f"search index FAILED (the previous generation keeps serving): {self.failed}"
        else:
            head = f"search index ok | {self.count} documents, {len(self.rejected)} refused"
        lines = [head]
        lines += [
            f"  refused: {r.title} ({r.document_id}): {r.reason}"
            for r in self.rejected[:MAX_REJECTED_SHOWN]
        ]
        if len(self.rejected) > MAX_REJECTED_SHOWN:
            lines.append(f"  … and {len(self.rejected) - MAX_REJECTED_SHOWN} more refused")
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "count": self.count,
            "failed": self.failed,
            "rejected": [
                {"id": r.document_id, "title": r.title, "reason": r.reason} for r in self.rejected
            ],
        }


def rebuild_search_index(settings: Settings) -> SearchIndexReport:
    try:
        build = reindex(settings)
    except IndexBuildFailed as exc:
        log.error("search index not rebuilt: %s", exc.reason)
        return SearchIndexReport(rejected=exc.rejected, failed=exc.reason)
    return SearchIndexReport(count=build.count, rejected=build.rejected)
