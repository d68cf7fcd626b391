"""The embedded backend: a tantivy index on disk, so a fresh machine needs no search server."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable
from pathlib import Path

import tantivy

from finder.search import generations
from finder.search.analysis import ANALYZER, allowed_typos, analyse, dutch_analyzer
from finder.search.documents import SearchDocument
from finder.search.protocol import Candidate, SearchRequest, SearchUnavailable, TermGroup

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
BM25_SCALE = 0.01
SLACK = 8.0
MAX_GROUPS = 12
FUZZY_FIELDS = frozenset({"title", "keywords", "summary"})
WRITER_HEAP = 128_000_000


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in FIELD_BOOSTS:
        builder.add_text_field(name, stored=False, tokenizer_name=ANALYZER)
    for name in ("category", "audience", "served"):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


def _open(path: Path) -> tantivy.Index:
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    # Custom analyzers are not persisted with the index: register again on every open.
    index.register_tokenizer(ANALYZER, dutch_analyzer())
    return index


def _to_tantivy(doc: SearchDocument) -> tantivy.Document:
    return tantivy.Document(
        id=doc.id,
        title=doc.title,
        keywords=" ".join([*doc.keywords, *doc.categories, *doc.upl]),
        summary=doc.summary,
        organization=doc.organization,
        description=doc.description,
        category=doc.categories,
        audience=doc.audience,
        served=doc.postcodes_served or [ALL_MUNICIPALITY],
        payload=doc.model_dump_json().encode(),
    )


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


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._stamp = -1
        self._index: tantivy.Index | None = None
        self._schema = build_schema()

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
                    except (OSError, ValueError) as exc:
                        raise SearchUnavailable(f"cannot open search index: {exc}") from exc
                    self._stamp = stamp
                    log.info("search index generation %s opened", path.name)
        assert self._index is not None
        return self._index

    def count(self) -> int:
        return int(self._live_index().searcher().num_docs)

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
        matches the title or keywords, plus a scaled-down BM25 score. Ordering by this score
        orders by (words matched, primary words matched, BM25), and the tiers decode from it.
        """
        searcher = self._live_index().searcher()
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
        query = self._filtered(tantivy.Query.boolean_query(clauses), request)
        found = searcher.search(query, limit=min(request.limit, CANDIDATES), count=False).hits
        candidates = []
        for score, address in found:
            # Scores are 32-bit floats: nudge up before flooring so rounding never drops a tier.
            words = int((score + SLACK) // WORD)
            primary_words = int((score - words * WORD + SLACK) // PRIMARY)
            relevance = max(0.0, score - words * WORD - primary_words * PRIMARY)
            payload = searcher.doc(address)["payload"][0]
            candidates.append(
                Candidate(
                    doc=SearchDocument.model_validate_json(bytes(payload)),
                    score=relevance,
                    words_matched=int(words),
                    primary_matched=int(primary_words),
                )
            )
        return candidates

    def _group_query(self, group: TermGroup, fields: dict[str, float]) -> tantivy.Query | None:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        variants = [(group.word, 1.0, group.prefix)] + [(a, 0.9, False) for a in group.alternatives]
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
