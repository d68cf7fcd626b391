"""Choose the configured search backend."""

from __future__ import annotations

from functools import lru_cache

from finder.search.protocol import SearchBackend
from finder.settings import Settings


@lru_cache(maxsize=8)
def _backend(
    kind: str, index_dir: str, meili_url: str, meili_key: str, meili_index: str
) -> SearchBackend:
    if kind == "meilisearch":
        from finder.search.meili import MeiliBackend

        return MeiliBackend(meili_url, meili_key, meili_index)
    from pathlib import Path

    from finder.search.embedded import EmbeddedBackend

    return EmbeddedBackend(Path(index_dir))


def get_backend(settings: Settings) -> SearchBackend:
    return _backend(
        settings.search_backend,
        str(settings.index_dir.absolute()),
        settings.meili_url,
        settings.meili_key,
        settings.meili_index,
    )
