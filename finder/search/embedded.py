"""The embedded backend: a tantivy index on disk, so a fresh machine needs no search server."""

from __future__ import annotations

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
FIELD_BOOSTS = {"title": 4.0, "keywords": 3.0, "summary": 2.0, "organization": 1.0, "description": 1.0}
PRIMARY_FIELDS = ("title", "keywords")
ALL_MUNICIPALITY = "*"
CANDIDATES = 100
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
                        raise SearchUnavailable(f"no search index under {self.root}; run the indexer")
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
                index = _open(path)
                writer = index.writer(heap_size=WRITER_HEAP, num_threads=2)
                count = 0
                for doc in documents:
                    writer.add_document(_to_tantivy(doc))
                    count += 1
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                generations.discard(path)
                raise
            generations.swap_in(self.root, path)
            generations.prune(self.root)
        return count

    def search(self, request: SearchRequest) -> list[Candidate]:
        index = self._live_index()
        searcher = index.searcher()
        group_queries = [self._group_query(g, FIELD_BOOSTS) for g in request.groups]
        group_queries = [q for q in group_queries if q is not None]
        if not group_queries:
            return []
        query = self._filtered(
            tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in group_queries]), request
        )
        found = searcher.search(query, limit=min(request.limit, CANDIDATES), count=False).hits
        if not found:
            return []
        docs = [(score, searcher.doc(address)) for score, address in found]
        ids = [d["id"][0] for _, d in docs]
        words = self._matches_per_doc(searcher, request.groups, ids, FIELD_BOOSTS)
        primary = self._matches_per_doc(
            searcher, request.groups, ids, {f: FIELD_BOOSTS[f] for f in PRIMARY_FIELDS}
        )
        return [
            Candidate(
                doc=SearchDocument.model_validate_json(bytes(d["payload"][0])),
                score=float(score),
                words_matched=words.get(doc_id, 0),
                primary_matched=primary.get(doc_id, 0),
            )
            for (score, d), doc_id in zip(docs, ids, strict=True)
        ]

    def _matches_per_doc(
        self,
        searcher: tantivy.Searcher,
        groups: tuple[TermGroup, ...],
        ids: list[str],
        fields: dict[str, float],
    ) -> dict[str, int]:
        """How many of the resident's words each candidate matches, like Meilisearch's 'words'."""
        only_candidates = tantivy.Query.term_set_query(self._schema, "id", ids)
        counts: dict[str, int] = {}
        for group in groups:
            group_query = self._group_query(group, fields)
            if group_query is None:
                continue
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, group_query), (tantivy.Occur.Must, only_candidates)]
            )
            for _, address in searcher.search(query, limit=len(ids), count=False).hits:
                doc_id = searcher.doc(address)["id"][0]
                counts[doc_id] = counts.get(doc_id, 0) + 1
        return counts

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
                    typos = allowed_typos(words[0]) if len(words) == 1 else 0
                    query = self._term(field, terms_flat[0], typos, prefix)
                else:
                    query = tantivy.Query.boolean_query(
                        [(tantivy.Occur.Must, self._term(field, t, 0, False)) for t in terms_flat]
                    )
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, boost * weight)))
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
                    tantivy.Query.term_set_query(self._schema, "category", list(request.categories)),
                )
            )
        if request.audience:
            clauses.append(
                (tantivy.Occur.Must, tantivy.Query.term_query(self._schema, "audience", request.audience))
            )
        if request.serves_postcode:
            served = [request.serves_postcode[:4], ALL_MUNICIPALITY]
            clauses.append(
                (tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, "served", served))
            )
        return tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else query
