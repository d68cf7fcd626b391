"""The embedded index is rebuilt beside the live one and swapped in atomically."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from finder.query.terms import TermGroup
from finder.search.documents import SearchDocument
from finder.search.embedded import EmbeddedBackend
from finder.search.protocol import SearchRequest, SearchUnavailable


def docs(*titles: str) -> list[SearchDocument]:
    return [SearchDocument(id=f"d{i}", offer_id=f"d{i}", title=t) for i, t in enumerate(titles)]


def found(backend: EmbeddedBackend, word: str) -> list[str]:
    result = backend.search(SearchRequest(groups=(TermGroup(word),)))
    return [doc.title for doc in result.load(result.candidates)]


def test_a_second_worker_picks_up_the_new_generation(tmp_path: Path) -> None:
    indexer, worker = EmbeddedBackend(tmp_path), EmbeddedBackend(tmp_path)
    indexer.replace_all(docs("Voedselbank"))
    assert found(worker, "voedselbank") == ["Voedselbank"]
    indexer.replace_all(docs("Taalpunt"))
    assert found(worker, "taalpunt") == ["Taalpunt"]
    assert found(worker, "voedselbank") == []


def test_a_failed_build_keeps_the_old_generation_serving(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path)
    backend.replace_all(docs("Voedselbank"))

    def broken() -> Iterator[SearchDocument]:
        yield from docs("Taalpunt")
        raise RuntimeError("source died halfway")

    with pytest.raises(RuntimeError):
        backend.replace_all(broken())
    assert found(EmbeddedBackend(tmp_path), "voedselbank") == ["Voedselbank"]
    assert len([p for p in tmp_path.glob("gen-*")]) == 1


def test_orphans_of_a_crashed_build_are_cleaned_up(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path)
    backend.replace_all(docs("Voedselbank"))
    (tmp_path / "gen-00000000000000-orphan").mkdir()
    backend.replace_all(docs("Taalpunt"))
    assert not (tmp_path / "gen-00000000000000-orphan").exists()
    assert len(list(tmp_path.glob("gen-*"))) == 2  # the live one and the one before it


def test_no_index_yet_is_unavailable_not_a_crash(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path / "nothing")
    assert backend.healthy() is False
    with pytest.raises(SearchUnavailable):
        found(backend, "digid")
