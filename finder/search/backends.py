"""Choose the configured search backend."""

from __future__ import annotations

from functools import lru_cache

from finder.search.protocol import SearchBackend
from finder.settings import Settings

# Uploading a batch of documents may take a while; searching never should (FINDER_MEILI_TIMEOUT).
INDEXING_TIMEOUT = 120.0


@lru_cache(maxsize=8)
def _backend(
    kind: str, index_dir: str, meili_url: str, meili_key: str, meili_index: str, timeout: float
) -> SearchBackend:
    if kind == "meilisearch":
        from finder.search.meili import MeiliBackend

        return MeiliBackend(meili_url, meili_key, meili_index, timeout)
    from pathlib import Path

    from finder.search.embedded import EmbeddedBackend

    return EmbeddedBackend(Path(index_dir))


def get_backend(settings: Settings, *, indexing: bool = False) -> SearchBackend:
    """The backend for searching (the search-only key), or with `indexing` for rebuilding it."""
    return _backend(
        settings.search_backend,
        str(settings.index_dir.absolute()),
        settings.meili_url,
        settings.meili_key if indexing else settings.meili_search_key or settings.meili_key,
        settings.meili_index,
        INDEXING_TIMEOUT if indexing else settings.meili_timeout,
    )
