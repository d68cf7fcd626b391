"""Build a new Meilisearch generation in a staging index, then swap it in.

The live index keeps its name (FINDER_MEILI_INDEX) for good, so a search key restricted to it
keeps working. Each generation is built in `<live>__gen_<time>_<random>`, swapped with the live
index by `swap_indexes` (atomic), and the old content, now under the staging name, is dropped.
A crawl that dies halfway leaves its staging index behind; the next build removes it first.
Every document carries the name of the staging index it was built in, so the web app can read
from a search answer which generation is live: a search-only key can read nothing else.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

import meilisearch

from finder.search.builds import IndexBuild, IndexBuildFailed
from finder.search.documents import SearchDocument
from finder.search.meili_settings import index_settings
from finder.search.meili_tasks import FAILURES, call, run_task, task_reason
from finder.search.meili_upload import Uploader

log = logging.getLogger(__name__)
STAGING = "__gen_"
KEY = {"primaryKey": "id"}


def staging_prefix(live: str) -> str:
    return f"{live}{STAGING}"


class GenerationBuilder:
    def __init__(self, client: meilisearch.Client, live: str, settings: dict[str, Any]) -> None:
        self.client = client
        self.live = live
        self.settings = settings

    def _indexes(self) -> set[str]:
        found: set[str] = set()
        offset, page_size = 0, 100
        while True:
            query = {"limit": page_size, "offset": offset}
            page = call("list the indexes", partial(self.client.get_indexes, query))
            found |= {index.uid for index in page["results"]}
            offset += page_size
            if len(page["results"]) < page_size:
                return found

    def _drop(self, name: str) -> None:
        run_task(self.client, f"drop index {name}", partial(self.client.delete_index, name))

    def build(self, documents: Iterable[SearchDocument]) -> IndexBuild:
        existing = self._indexes()
        for leftover in sorted(n for n in existing if n.startswith(staging_prefix(self.live))):
            log.info("dropping staging index %s left by an interrupted build", leftover)
            self._drop(leftover)
        staging = (
            f"{staging_prefix(self.live)}{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
        )
        client = self.client
        try:
            run_task(client, "create the staging index", partial(client.create_index, staging, KEY))
            created = self._born(staging)
            index = client.index(staging)
            run_task(
                client, "apply the index settings", partial(index.update_settings, self.settings)
            )
            uploader = Uploader(client, index)
            count = uploader.upload(documents, staging)
            if uploader.rejected and not count:
                raise IndexBuildFailed("Meilisearch refused every document", uploader.rejected)
            if self.live not in existing:
                run_task(
                    client, "create the live index", partial(client.create_index, self.live, KEY)
                )
            # Another crawl may have dropped it, and Meilisearch silently makes a new, empty,
            # unconfigured index for documents added to a missing one: never swap that in.
            if self._born(staging) != created:
                raise IndexBuildFailed(
                    "the staging index was replaced during the build; was another crawl running?"
                )
            swap: list[Mapping[str, list[str] | bool]] = [{"indexes": [self.live, staging]}]
            task = call("swap in the new generation", partial(client.swap_indexes, swap))
        except BaseException:
            # The live index was never touched: drop the half-built one and keep serving.
            try:
                self._drop(staging)
            except IndexBuildFailed:
                log.warning("could not drop staging index %s; the next build will", staging)
            raise
        # Swapped, the staging index holds the old generation; not swapped, an unused new one.
        # Either way it goes, and Meilisearch runs the swap before this drop.
        try:
            self._drop(staging)
        except IndexBuildFailed as exc:
            log.warning("%s; the next build will", exc)
        self._confirm_swap(created, task)
        return IndexBuild(count, uploader.rejected)

    def _born(self, name: str) -> str:
        return str(
            call(f"read index {name}", partial(self.client.get_raw_index, name))["createdAt"]
        )

    def _confirm_swap(self, created: str, task: Any) -> None:
        """Read the swap's outcome from the live index, which now bears the staging index's birth.

        A key limited to these indexes may not read swap tasks: they belong to no single index.
        """
        live = call("read the live index", partial(self.client.get_raw_index, self.live))
        if live.get("createdAt") == created:
            return
        try:
            reason = task_reason(self.client.get_task(task.task_uid).error)
        except FAILURES:
            reason = "the swap task is not visible to this key"
        raise IndexBuildFailed(f"could not swap in the new generation: {reason}")


def build_generation(
    client: meilisearch.Client, live: str, documents: Iterable[SearchDocument]
) -> IndexBuild:
    return GenerationBuilder(client, live, index_settings()).build(documents)
