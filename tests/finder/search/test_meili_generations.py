"""Meilisearch generations, live: built in a staging index, swapped in, never half-served."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from finder.query.terms import TermGroup
from finder.search import meili_upload
from finder.search.builds import IndexBuildFailed
from finder.search.documents import SearchDocument
from finder.search.meili import MeiliBackend
from finder.search.meili_build import GenerationBuilder, staging_prefix
from finder.search.protocol import SearchRequest
from finder.settings import Settings
from tests.meili import admin, drop_indexes, index_names, meili_settings, needs_meili

pytestmark = needs_meili


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Settings]:
    settings = meili_settings(tmp_path / "var")
    yield settings
    drop_indexes(settings)


def backend(settings: Settings) -> MeiliBackend:
    return MeiliBackend(settings.meili_url, settings.meili_key, settings.meili_index)


def docs(*titles: str, **fields: object) -> list[SearchDocument]:
    return [
        SearchDocument(id=f"d{i}", offer_id=f"d{i}", title=t, **fields)  # type: ignore[arg-type]
        for i, t in enumerate(titles)
    ]


def found(settings: Settings, word: str) -> list[str]:
    found = backend(settings).search(SearchRequest(groups=(TermGroup(word),)))
    return [doc.title for doc in found.load(found.candidates)]


def staging_left(settings: Settings) -> set[str]:
    return index_names(admin(), settings.meili_index) - {settings.meili_index}


def test_a_new_generation_replaces_the_live_one(live: Settings) -> None:
    first = backend(live).replace_all(docs("Voedselbank", "Taalcafé"))
    assert first.count == 2 and first.rejected == []
    assert found(live, "voedselbank") == ["Voedselbank"]
    backend(live).replace_all(docs("Klussendienst"))
    assert found(live, "klussendienst") == ["Klussendienst"]
    assert found(live, "voedselbank") == []
    assert backend(live).count() == 1
    assert staging_left(live) == set()


def test_the_live_generation_can_be_read_with_a_search(live: Settings) -> None:
    watcher = backend(live)
    backend(live).replace_all(docs("Voedselbank"))
    first = _generation_once_known(watcher, "")
    assert first.startswith(staging_prefix(live.meili_index))
    backend(live).replace_all(docs("Taalcafé"))
    assert _generation_once_known(watcher, first) != first


def _generation_once_known(watcher: MeiliBackend, old: str) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if (value := watcher.generation()) != old:
            return value
        time.sleep(0.1)
    raise AssertionError("the generation never changed")


def test_a_failed_build_keeps_the_live_index_serving(live: Settings) -> None:
    backend(live).replace_all(docs("Voedselbank"))

    def dies_halfway() -> Iterator[SearchDocument]:
        yield from docs("Taalcafé")
        raise RuntimeError("the catalogue went away")

    with pytest.raises(RuntimeError):
        backend(live).replace_all(dies_halfway())
    assert found(live, "voedselbank") == ["Voedselbank"]
    assert staging_left(live) == set()


def test_the_next_build_drops_leftover_staging_indexes(live: Settings) -> None:
    client = admin()
    leftover = f"{staging_prefix(live.meili_index)}19990101000000_dead00"
    client.wait_for_task(client.create_index(leftover, {"primaryKey": "id"}).task_uid)
    backend(live).replace_all(docs("Voedselbank"))
    assert staging_left(live) == set()


@pytest.mark.parametrize("batch", [meili_upload.BATCH, 3])
def test_refused_documents_are_reported_and_the_rest_indexed(
    live: Settings, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches put the refused documents in different batches, several in flight at once.
    monkeypatch.setattr(meili_upload, "BATCH", batch)
    good = docs(*(f"Aanbod {n}" for n in range(7)))
    bad_id = SearchDocument(id="not a valid id", offer_id="x", title="Spaties in de id")
    not_a_number = SearchDocument(
        id="nan", offer_id="nan", title="Kapotte plaats", latitude=float("nan"), longitude=6.1
    )
    build = backend(live).replace_all([*good[:3], bad_id, *good[3:], not_a_number])
    assert build.count == 7
    refused = {r.document_id: r.reason for r in build.rejected}
    assert set(refused) == {"not a valid id", "nan"}
    assert "invalid_document_id" in refused["not a valid id"]
    assert backend(live).count() == 7


def test_a_staging_index_dropped_mid_build_is_never_swapped_in(
    live: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend(live).replace_all(docs("Voedselbank"))
    monkeypatch.setattr(meili_upload, "BATCH", 2)
    client = admin()

    def another_crawl_cleans_up_meanwhile() -> Iterator[SearchDocument]:
        yield from docs("Taalcafé", "Klussendienst")
        for name in staging_left(live):
            client.wait_for_task(client.delete_index(name).task_uid)
        # Meilisearch makes a new, unconfigured index for these: it must not go live.
        yield SearchDocument(id="late", offer_id="late", title="Repair café")

    with pytest.raises(IndexBuildFailed, match="another crawl"):
        backend(live).replace_all(another_crawl_cleans_up_meanwhile())
    assert found(live, "voedselbank") == ["Voedselbank"]
    assert staging_left(live) == set()


def test_when_every_document_is_refused_the_live_index_stays(live: Settings) -> None:
    backend(live).replace_all(docs("Voedselbank"))
    broken = [SearchDocument(id=f"bad id {n}", offer_id="x", title="Kapot") for n in range(3)]
    with pytest.raises(IndexBuildFailed) as failure:
        backend(live).replace_all(broken)
    assert len(failure.value.rejected) == 3
    assert found(live, "voedselbank") == ["Voedselbank"]
    assert staging_left(live) == set()


def test_a_bad_setting_fails_the_build_with_the_engine_reason(live: Settings) -> None:
    backend(live).replace_all(docs("Voedselbank"))
    builder = GenerationBuilder(admin(), live.meili_index, {"rankingRules": ["bogus"]})
    with pytest.raises(IndexBuildFailed) as failure:
        builder.build(docs("Taalcafé"))
    assert "invalid_settings_ranking_rules" in failure.value.reason
    assert found(live, "voedselbank") == ["Voedselbank"]
    assert staging_left(live) == set()
