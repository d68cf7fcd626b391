"""The embedded backend: a tantivy index on disk, so a fresh machine needs no search server."""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tantivy

from finder.search import generations
from finder.search.analysis import ANALYZER, tantivy_analyzer
from finder.search.builds import IndexBuild
from finder.search.documents import SearchDocument
from finder.search.facets import Facets, facets_of
from finder.search.prepare import searchable_fields, tagged
from finder.search.protocol import Candidate, Found, Relevance, SearchRequest, SearchUnavailable
from finder.search.tantivy_query import (
    ALL_MUNICIPALITY,
    FIELD_BOOSTS,
    NEEDS_FIELD,
    decode,
    ranked_query,
)

log = logging.getLogger(__name__)
CANDIDATES = 50
NO_POINT = -999.0
WRITER_HEAP = 128_000_000


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in FIELD_BOOSTS:
        builder.add_text_field(name, stored=False, tokenizer_name=ANALYZER)
    for name in ("category", "audience", "kind", "language", "served", NEEDS_FIELD):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    # Ranking reads these columns only; whole documents are loaded just for the hits shown.
    builder.add_unsigned_field("offer_key", fast=True)
    builder.add_float_field("lat", fast=True)
    builder.add_float_field("lon", fast=True)
    builder.add_boolean_field("wijkteam", fast=True)
    builder.add_bytes_field("payload", stored=True, indexed=False)
    # What filters read of every candidate: small, so it is decoded without the payload.
    builder.add_bytes_field("facets", stored=True, indexed=False)
    return builder.build()


def offer_key(offer_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(offer_id.encode(), digest_size=8).digest(), "big")


def _open(path: Path) -> tantivy.Index:
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    # Custom analyzers are not persisted with the index: register again on every open.
    index.register_tokenizer(ANALYZER, tantivy_analyzer())
    return index


def _to_tantivy(doc: SearchDocument) -> tantivy.Document:
    doc = tagged(doc)
    row = tantivy.Document(
        id=doc.id,
        **searchable_fields(doc),
        category=doc.categories,
        audience=doc.audience,
        kind=doc.kinds,
        language=doc.languages,
        served=doc.postcodes_served or [ALL_MUNICIPALITY],
        needs=doc.needs,
    )
    # Typed adds: the constructor would guess integer and float column types.
    row.add_unsigned("offer_key", offer_key(doc.offer_id))
    row.add_float("lat", doc.latitude if doc.latitude is not None else NO_POINT)
    row.add_float("lon", doc.longitude if doc.longitude is not None else NO_POINT)
    row.add_boolean("wijkteam", doc.is_wijkteam)
    row.add_bytes("payload", doc.model_dump_json().encode())
    row.add_bytes("facets", facets_of(doc).model_dump_json().encode())
    return row


def _build(path: Path, documents: Iterable[SearchDocument]) -> int:
    """Write every document into a fresh index at `path`; the writer is gone when this returns."""
    writer = _open(path).writer(heap_size=WRITER_HEAP, num_threads=2)
    count = 0
    try:
        for doc in documents:
            writer.add_document(_to_tantivy(doc))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise
    finally:
        # The writer holds files open; release it before the directory is swapped or removed.
        del writer
        gc.collect()
    return count


@dataclass(frozen=True)
class _Live:
    """One index generation and its searcher, swapped in as one value."""

    generation: str
    index: tantivy.Index
    searcher: tantivy.Searcher
    stamp: int


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._live: _Live | None = None
        self._schema = build_schema()

    def _current(self) -> _Live:
        """A generation never changes once swapped in, so one searcher serves it until the next."""
        stamp = generations.pointer_stamp(self.root)
        live = self._live
        if live is not None and live.stamp == stamp:
            return live
        with self._lock:
            live = self._live
            if live is None or live.stamp != stamp:
                live = self._open_current(stamp)
                self._live = live
        return live

    def _open_current(self, stamp: int) -> _Live:
        path = generations.current(self.root)
        if path is None:
            raise SearchUnavailable(f"no search index under {self.root}; run the indexer")
        try:
            index = _open(path)
            searcher = index.searcher()
        except (OSError, ValueError) as exc:
            raise SearchUnavailable(f"cannot open search index: {exc}") from exc
        log.info("search index generation %s opened", path.name)
        return _Live(path.name, index, searcher, stamp)

    def count(self) -> int:
        return int(self._current().searcher.num_docs)

    def healthy(self) -> bool:
        try:
            self._current()
        except SearchUnavailable:
            return False
        return True

    def generation(self) -> str:
        return str(generations.pointer_stamp(self.root))

    def replace_all(self, documents: Iterable[SearchDocument]) -> IndexBuild:
        with generations.build_lock(self.root):
            generations.prune(self.root)
            path = generations.new_generation(self.root)
            try:
                count = _build(path, documents)
            except BaseException:
                generations.discard(path)
                raise
            generations.swap_in(self.root, path)
            generations.prune(self.root)
        return IndexBuild(count)

    def search(self, request: SearchRequest) -> Found:
        """One tantivy search that scores the shared relevance tiers (see tantivy_query).

        Ranking reads only fast fields; documents are loaded, from the same searcher, only for
        the hits that are shown.
        """
        live = self._current()
        searcher = live.searcher

        def known(term: str) -> bool:
            return any(searcher.doc_freq(name, term) for name in FIELD_BOOSTS)

        built = ranked_query(self._schema, request, searcher.num_docs, known)
        if built is None:
            return Found(live.generation, [], _loader(searcher), _facet_loader(searcher))
        query, scale = built
        found = searcher.search(query, limit=min(request.limit, CANDIDATES), count=False).hits
        addresses = [address for _, address in found]
        keys = searcher.fast_field_values("offer_key", addresses)
        lats = searcher.fast_field_values("lat", addresses)
        lons = searcher.fast_field_values("lon", addresses)
        teams = searcher.fast_field_values("wijkteam", addresses)
        candidates = []
        for (score, address), key, lat, lon, team in zip(
            found, keys, lats, lons, teams, strict=True
        ):
            tiers = decode(score, bool(request.postcode), scale)
            point = (
                (float(lat), float(lon))
                if lat not in (None, NO_POINT) and lon is not None
                else None
            )
            candidates.append(
                Candidate(
                    # Ranking's last tie-break: the same for every build of the same catalogue,
                    # which the address, that depends on how the writer's threads split the
                    # documents into segments, is not.
                    doc_id=f"{key:020d}:{lat}:{lon}:{address.segment_ord}:{address.doc}",
                    offer_key=str(key),
                    point=point,
                    is_wijkteam=bool(team),
                    relevance=Relevance(tiers.levels, tiers.matched, tiers.bm25),
                    coverage=tiers.coverage,
                    handle=address,
                )
            )
        return Found(live.generation, candidates, _loader(searcher), _facet_loader(searcher))


def _loader(searcher: tantivy.Searcher) -> Callable[[Sequence[Candidate]], list[SearchDocument]]:
    def load(chosen: Sequence[Candidate]) -> list[SearchDocument]:
        documents = []
        for candidate in chosen:
            assert isinstance(candidate.handle, tantivy.DocAddress)
            payload = searcher.doc(candidate.handle)["payload"][0]
            documents.append(SearchDocument.model_validate_json(bytes(payload)))
        return documents

    return load


def _facet_loader(searcher: tantivy.Searcher) -> Callable[[Sequence[Candidate]], list[Facets]]:
    def load(chosen: Sequence[Candidate]) -> list[Facets]:
        found = []
        for candidate in chosen:
            assert isinstance(candidate.handle, tantivy.DocAddress)
            found.append(_facets(bytes(searcher.doc(candidate.handle)["facets"][0])))
        return found

    return load


@lru_cache(maxsize=8192)
def _facets(stored: bytes) -> Facets:
    # Filter counts read the facets of every candidate, and offers share them (the same kinds,
    # languages and opening hours): parsed once, not once per candidate and question.
    return Facets.model_validate_json(stored)
