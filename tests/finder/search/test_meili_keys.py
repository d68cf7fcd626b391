"""The two API keys the README tells operators to make, tried on a live Meilisearch."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from finder.search.builds import IndexBuildFailed
from finder.search.documents import SearchDocument
from finder.search.indexing import reindex
from finder.search.meili import MeiliBackend
from finder.settings import Settings
from tests.city import build_city
from tests.meili import drop_indexes, live, meili_settings, needs_meili, unique_index

pytestmark = needs_meili
README = Path(__file__).resolve().parents[3] / "README.md"


def readme_key_requests(index: str) -> dict[str, dict[str, Any]]:
    """The JSON bodies of the README's `POST /keys` commands, by key name, for this index."""
    bodies = [json.loads(b) for b in re.findall(r"--data '(\{.*?\})'", README.read_text())]
    named = {b["name"]: b for b in bodies if b.get("name", "").startswith("finder-")}
    for body in named.values():
        body["indexes"] = [i.replace("offers", index, 1) for i in body["indexes"]]
    return named


@pytest.fixture
def keys() -> Iterator[tuple[str, str, str]]:
    """(index name, indexer key, web key), made with the master key as the README says."""
    index = unique_index()
    url, master_key = live()
    master = {"Authorization": f"Bearer {master_key}"}
    made = []
    for name in ("finder-indexer", "finder-web"):
        answer = httpx.post(f"{url}/keys", headers=master, json=readme_key_requests(index)[name])
        assert answer.status_code not in (401, 403), "FINDER_MEILI_KEY must be the master key"
        answer.raise_for_status()
        made.append(answer.json()["key"])
    yield index, made[0], made[1]
    for key in made:
        httpx.delete(f"{url}/keys/{key}", headers=master)


@pytest.fixture
def city(keys: tuple[str, str, str], tmp_path: Path) -> Iterator[Settings]:
    index, indexer_key, _ = keys
    # The web key is wrong here on purpose: the indexer must use its own key.
    settings = meili_settings(
        tmp_path / "var", key=indexer_key, meili_index=index, meili_search_key="not-a-key"
    )
    build_city(settings, index=False)
    reindex(settings)
    reindex(settings)  # a second crawl drops the first generation with the same key
    yield settings
    drop_indexes(meili_settings(tmp_path / "var", meili_index=index))


def test_the_indexer_key_builds_and_the_web_key_searches(
    keys: tuple[str, str, str], city: Settings, make_client: Callable[[Settings], Any]
) -> None:
    _, _, web_key = keys
    # The admin key is wrong here on purpose: the web app must search with its own key.
    web = city.model_copy(update={"meili_key": "not-a-key", "meili_search_key": web_key})
    client = make_client(web)
    hits = client.get("/api/v1/search", params={"q": "voedselbank"}).json()["hits"]
    assert hits[0]["title"] == "Voedselbank Zwolle"
    assert client.get("/zoeken", params={"q": "voedselbank"}).status_code == 200
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["documents"] >= 9


def test_the_web_key_cannot_write(keys: tuple[str, str, str], city: Settings) -> None:
    index, _, web_key = keys
    url, master_key = live()
    with pytest.raises(IndexBuildFailed) as refused:
        MeiliBackend(url, web_key, index).replace_all(
            [SearchDocument(id="x", offer_id="x", title="Ingebroken")]
        )
    assert "invalid_api_key" in refused.value.reason
    answer = httpx.post(
        f"{url}/indexes/{index}/documents",
        headers={"Authorization": f"Bearer {web_key}"},
        json=[{"id": "x", "title": "Ingebroken"}],
    )
    assert answer.status_code == 403
    assert MeiliBackend(url, web_key, index).count() == MeiliBackend(url, master_key, index).count()
