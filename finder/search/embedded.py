"""The embedded backend: a tantivy index on disk, so a fresh machine needs no search server."""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from finder.search import generations
from finder.search.analysis import ANALYZER, dutch_analyzer
from finder.search.builds import IndexBuild
from finder.search.documents import SearchDocument
from finder.search.protocol import Candidate, SearchRequest, SearchUnavailable
from finder.search.tantivy_query import ALL_MUNICIPALITY, FIELD_BOOSTS, decode, ranked_query

log = logging.getLogger(__name__)
CANDIDATES = 50
NO_POINT = -999.0
WRITER_HEAP = 128_000_000


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in FIELD_BOOSTS:
        builder.add_text_field(name, stored=False, tokenizer_name=ANALYZER)
    for name in ("category", "audience", "served"):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    # Ranking reads these columns only; whole documents are loaded just for the hits shown.
    builder.add_unsigned_field("offer_key", fast=True)
    builder.add_float_field("lat", fast=True)
    builder.add_float_field("lon", fast=True)
    builder.add_boolean_field("wijkteam", fast=True)
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


def offer_key(offer_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(offer_id.encode(), digest_size=8).digest(), "big")


def _open(path: Path) -> tantivy.Index:
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    # Custom analyzers are not persisted with the index: register again on every open.
    index.register_tokenizer(ANALYZER, dutch_analyzer())
    return index


def _to_tantivy(doc: SearchDocument) -> tantivy.Document:
    row = tantivy.Document(
        id=doc.id,
        title=doc.title,
        keywords=" ".join([*doc.keywords, *doc.categories, *doc.upl]),
        summary=doc.summary,
        organization=doc.organization,
        description=doc.description,
        category=doc.categories,
        audience=doc.audience,
        served=doc.postcodes_served or [ALL_MUNICIPALITY],
    )
    # Typed adds: the constructor would guess integer and float column types.
    row.add_unsigned("offer_key", offer_key(doc.offer_id))
    row.add_float("lat", doc.latitude if doc.latitude is not None else NO_POINT)
    row.add_float("lon", doc.longitude if doc.longitude is not None else NO_POINT)
    row.add_boolean("wijkteam", doc.is_wijkteam)
    row.add_bytes("payload", doc.model_dump_json().encode())
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


_STUB_DEFAULTS = {
    name: field.get_default(call_default_factory=True)
    for name, field in SearchDocument.model_fields.items()
    if not field.is_required()
}


def _ranking_stub(
    doc_id: str, offer: str, point: tuple[float, float] | None, wijkteam: bool
) -> SearchDocument:
    """The fields ranking reads, without loading the stored document.

    Every field is passed, because pydantic's model_construct is slow at filling defaults.
    """
    values: dict[str, Any] = {
        name: (list(v) if isinstance(v, list) else v) for name, v in _STUB_DEFAULTS.items()
    }
    values.update(id=doc_id, offer_id=offer, title="", is_wijkteam=wijkteam)
    values["latitude"], values["longitude"] = point if point else (None, None)
    return SearchDocument.model_construct(**values)


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._stamp = -1
        self._index: tantivy.Index | None = None
        self._searcher: tantivy.Searcher | None = None
        self._schema = build_schema()

    def _live_searcher(self) -> tantivy.Searcher:
        """A generation never changes once swapped in, so one searcher serves it until the next."""
        self._live_index()
        assert self._searcher is not None
        return self._searcher

    def _live_index(self) -> tantivy.Index:
        stamp = generations.pointer_stamp(self.root)
        if stamp != self._stamp or self._index is None:
            with self._lock:
                if stamp != self._stamp or self._index is None:
                    path = generations.current(self.root)
                    if path is None:
                        raise SearchUnavailable(
                            f"no search index under {self.root}; run the indexer"
                        )
                    try:
                        self._index = _open(path)
                        self._searcher = self._index.searcher()
                    except (OSError, ValueError) as exc:
                        raise SearchUnavailable(f"cannot open search index: {exc}") from exc
                    self._stamp = stamp
                    log.info("search index generation %s opened", path.name)
        assert self._index is not None
        return self._index

    def count(self) -> int:
        return int(self._live_searcher().num_docs)

    def healthy(self) -> bool:
        try:
            self._live_index()
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

    def search(self, request: SearchRequest) -> list[Candidate]:
        """One tantivy search that scores the tiers Meilisearch's ranking rules would.

        Each word group adds a constant WORD when it matches anywhere and PRIMARY when it
        matches the title or keywords; with a postcode, AREA or EVERYWHERE says whether the
        offer serves it; a scaled-down BM25 score comes last. Ordering by this one score orders
        the candidates by those tiers, and `decode` reads them back. Ranking itself reads only
        fast fields; `complete` loads whole documents for the hits that are shown.
        """
        query = ranked_query(self._schema, request)
        if query is None:
            return []
        searcher = self._live_searcher()
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
            words, primary_words, coverage, relevance = decode(score, bool(request.postcode))
            point = (
                (float(lat), float(lon))
                if lat not in (None, NO_POINT) and lon is not None
                else None
            )
            candidates.append(
                Candidate(
                    doc=_ranking_stub(
                        f"{address.segment_ord}:{address.doc}",
                        str(key),
                        point,
                        bool(team),
                    ),
                    score=relevance,
                    words_matched=words,
                    primary_matched=primary_words,
                    coverage=coverage,
                    handle=address,
                )
            )
        return candidates

    def complete(self, candidates: list[Candidate]) -> None:
        searcher = self._live_searcher()
        for candidate in candidates:
            if isinstance(candidate.handle, tantivy.DocAddress):
                payload = searcher.doc(candidate.handle)["payload"][0]
                candidate.doc = SearchDocument.model_validate_json(bytes(payload))
                candidate.handle = None
