"""What rebuilding the search index produced, for the crawl summary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rejected:
    """A document the search engine refused, with the engine's own reason."""

    document_id: str
    reason: str
    title: str = ""


@dataclass(frozen=True)
class IndexBuild:
    """A new generation that was swapped in: how many documents it holds, and which were refused."""

    count: int
    rejected: list[Rejected] = field(default_factory=list)


class IndexBuildFailed(RuntimeError):
    """No new generation was swapped in; the live one keeps serving."""

    def __init__(self, reason: str, rejected: list[Rejected] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.rejected = rejected or []
