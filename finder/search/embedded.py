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
from finder.search.analysis import ANALYZER, allowed_typos, analyse, dutch_analyzer
from finder.search.documents import SearchDocument
from finder.search.protocol import (
    Candidate,
    Coverage,
    SearchRequest,
    SearchUnavailable,
    TermGroup,
)

log = logging.getLogger(__name__)

# Field weights play the part of Meilisearch's searchableAttributes order.
FIELD_BOOSTS = {
    "title": 4.0,
    "keywords": 3.0,
    "summary": 2.0,
    "organization": 1.0,
    "description": 1.0,
}
PRIMARY_FIELDS = ("title", "keywords")
ALL_MUNICIPALITY = "*"
CANDIDATES = 50
# Score layers, far enough apart that BM25 (scaled down) never spills into a tier.
WORD = 1_000_000.0
PRIMARY = 1_000.0
BM25_SCALE = 0.005
SLACK = 8.0
MAX_GROUPS = 12
# A synonym counts as a matched word, but the word the resident typed wins a tie, like
# Meilisearch's exactness rule.
SYNONYM_WEIGHT = 0.5
AREA = 200.0
EVERYWHERE = 100.0
NO_POINT = -999.0
FUZZY_FIELDS = frozenset({"title", "keywords", "summary"})
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


def _decode(score: float, with_coverage: bool) -> tuple[int, int, Coverage | None, float]:
    """Split a score into words matched, primary words matched, coverage and BM25 relevance."""
    # Scores are 32-bit floats: nudge up before flooring so rounding never drops a tier.
    words = int((score + SLACK) // WORD)
    rest = score - words * WORD
    primary = int((rest + SLACK) // PRIMARY)
    rest -= primary * PRIMARY
    coverage: Coverage | None = None
    if with_coverage:
        if rest + SLACK >= AREA:
            coverage, rest = "area", rest - AREA
        elif rest + SLACK >= EVERYWHERE:
            coverage, rest = "everywhere", rest - EVERYWHERE
        else:
            coverage = "elsewhere"
    return words, primary, coverage, max(0.0, rest)


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

    def replace_all(self, documents: Iterable[SearchDocument]) -> int:
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
        return count

    def search(self, request: SearchRequest) -> list[Candidate]:
        """One tantivy search that scores the tiers Meilisearch's ranking rules would.

        Each word group adds a constant WORD when it matches anywhere and PRIMARY when it
        matches the title or keywords; with a postcode, AREA or EVERYWHERE says whether the
        offer serves it; a scaled-down BM25 score comes last. Ordering by this one score orders
        the candidates by those tiers, and `_decode` reads them back. Ranking itself reads only
        fast fields; `complete` loads whole documents for the hits that are shown.
        """
        searcher = self._live_searcher()
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for group in request.groups[:MAX_GROUPS]:
            anywhere = self._group_query(group, FIELD_BOOSTS)
            primary = self._group_query(group, {f: FIELD_BOOSTS[f] for f in PRIMARY_FIELDS})
            if anywhere is None or primary is None:
                continue
            clauses += [
                (tantivy.Occur.Should, tantivy.Query.const_score_query(anywhere, WORD)),
                (tantivy.Occur.Should, tantivy.Query.const_score_query(primary, PRIMARY)),
                (tantivy.Occur.Should, tantivy.Query.boost_query(anywhere, BM25_SCALE)),
            ]
        if not clauses:
            return []
        query = tantivy.Query.boolean_query(clauses)
        if request.postcode:
            # Coverage only adds to the score of documents that match the words.
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), *self._coverage_clauses(request.postcode)]
            )
        query = self._filtered(query, request)
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
            words, primary_words, coverage, relevance = _decode(score, bool(request.postcode))
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

    def _coverage_clauses(self, postcode: str) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        """Score layers telling ranking whether an offer serves the resident's postcode."""
        served = [(postcode[:4], AREA), (ALL_MUNICIPALITY, EVERYWHERE)]
        return [
            (
                tantivy.Occur.Should,
                tantivy.Query.const_score_query(
                    tantivy.Query.term_query(self._schema, "served", term), layer
                ),
            )
            for term, layer in served
        ]

    def _group_query(self, group: TermGroup, fields: dict[str, float]) -> tantivy.Query | None:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        variants = [(group.word, 1.0, group.prefix)] + [
            (a, SYNONYM_WEIGHT, False) for a in group.alternatives
        ]
        for text, weight, prefix in variants:
            words = text.split()
            terms = [analyse(w) for w in words]
            terms_flat = [t for ts in terms for t in ts]
            if not terms_flat:
                continue
            for field, boost in fields.items():
                if len(terms_flat) == 1:
                    # Typos and prefixes only where they pay off; long text matches exactly.
                    loose = field in FUZZY_FIELDS
                    typos = allowed_typos(words[0]) if len(words) == 1 and loose else 0
                    query = self._term(field, terms_flat[0], typos, prefix and loose)
                else:
                    query = tantivy.Query.boolean_query(
                        [(tantivy.Occur.Must, self._term(field, t, 0, False)) for t in terms_flat]
                    )
                clauses.append(
                    (tantivy.Occur.Should, tantivy.Query.boost_query(query, boost * weight))
                )
        if not clauses:
            return None
        return tantivy.Query.boolean_query(clauses)

    def _term(self, field: str, term: str, typos: int, prefix: bool) -> tantivy.Query:
        exact = tantivy.Query.term_query(self._schema, field, term)
        if not typos and not prefix:
            return exact
        loose = tantivy.Query.fuzzy_term_query(
            self._schema, field, term, distance=typos, transposition_cost_one=True, prefix=prefix
        )
        # An exact match must outrank a typo or prefix match of the same word.
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.boost_query(exact, 2.0)),
                (tantivy.Occur.Should, tantivy.Query.boost_query(loose, 0.5)),
            ]
        )

    def _filtered(self, query: tantivy.Query, request: SearchRequest) -> tantivy.Query:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = [(tantivy.Occur.Must, query)]
        if request.categories:
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.term_set_query(
                        self._schema, "category", list(request.categories)
                    ),
                )
            )
        if request.audience:
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.term_query(self._schema, "audience", request.audience),
                )
            )
        if request.serves_postcode:
            served = [request.serves_postcode[:4], ALL_MUNICIPALITY]
            clauses.append(
                (tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, "served", served))
            )
        return tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else query
