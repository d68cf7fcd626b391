"""The tantivy query that scores Meilisearch's ranking tiers, and reading them back.

Kept apart from the backend so the scoring scheme can be read, and changed, in one place.
"""

from __future__ import annotations

import tantivy

from finder.query.terms import TermGroup
from finder.search.analysis import allowed_typos, analyse
from finder.search.protocol import Coverage, SearchRequest

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
# Score layers, far enough apart that BM25 (scaled down) never spills into a tier.
WORD = 1_000_000.0
PRIMARY = 1_000.0
AREA = 200.0
EVERYWHERE = 100.0
BM25_SCALE = 0.005
SLACK = 8.0
MAX_GROUPS = 12
# A synonym counts as a matched word, but the word the resident typed wins a tie, like
# Meilisearch's exactness rule.
SYNONYM_WEIGHT = 0.5
FUZZY_FIELDS = frozenset({"title", "keywords", "summary"})


def ranked_query(schema: tantivy.Schema, request: SearchRequest) -> tantivy.Query | None:
    """Each word group adds WORD when it matches anywhere and PRIMARY when it matches the title
    or keywords; with a postcode, AREA or EVERYWHERE says whether the offer serves it; a
    scaled-down BM25 score comes last. None when nothing searchable is left."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for group in request.groups[:MAX_GROUPS]:
        anywhere = _group_query(schema, group, FIELD_BOOSTS)
        primary = _group_query(schema, group, {f: FIELD_BOOSTS[f] for f in PRIMARY_FIELDS})
        if anywhere is None or primary is None:
            continue
        clauses += [
            (tantivy.Occur.Should, tantivy.Query.const_score_query(anywhere, WORD)),
            (tantivy.Occur.Should, tantivy.Query.const_score_query(primary, PRIMARY)),
            (tantivy.Occur.Should, tantivy.Query.boost_query(anywhere, BM25_SCALE)),
        ]
    if not clauses:
        return None
    query = tantivy.Query.boolean_query(clauses)
    if request.postcode:
        # Coverage only adds to the score of documents that match the words.
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), *_coverage_clauses(schema, request.postcode)]
        )
    return _filtered(schema, query, request)


def decode(score: float, with_coverage: bool) -> tuple[int, int, Coverage | None, float]:
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


def _coverage_clauses(
    schema: tantivy.Schema, postcode: str
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """Score layers telling ranking whether an offer serves the resident's postcode."""
    served = [(postcode[:4], AREA), (ALL_MUNICIPALITY, EVERYWHERE)]
    return [
        (
            tantivy.Occur.Should,
            tantivy.Query.const_score_query(
                tantivy.Query.term_query(schema, "served", term), layer
            ),
        )
        for term, layer in served
    ]


def _group_query(
    schema: tantivy.Schema, group: TermGroup, fields: dict[str, float]
) -> tantivy.Query | None:
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
                query = _term(schema, field, terms_flat[0], typos, prefix and loose)
            else:
                query = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, _term(schema, field, t, 0, False)) for t in terms_flat]
                )
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, boost * weight)))
    if not clauses:
        return None
    return tantivy.Query.boolean_query(clauses)


def _term(schema: tantivy.Schema, field: str, term: str, typos: int, prefix: bool) -> tantivy.Query:
    exact = tantivy.Query.term_query(schema, field, term)
    if not typos and not prefix:
        return exact
    loose = tantivy.Query.fuzzy_term_query(
        schema, field, term, distance=typos, transposition_cost_one=True, prefix=prefix
    )
    # An exact match must outrank a typo or prefix match of the same word.
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, tantivy.Query.boost_query(exact, 2.0)),
            (tantivy.Occur.Should, tantivy.Query.boost_query(loose, 0.5)),
        ]
    )


def _filtered(
    schema: tantivy.Schema, query: tantivy.Query, request: SearchRequest
) -> tantivy.Query:
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = [(tantivy.Occur.Must, query)]
    if request.categories:
        clauses.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.term_set_query(schema, "category", list(request.categories)),
            )
        )
    if request.audience:
        clauses.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.term_query(schema, "audience", request.audience),
            )
        )
    if request.serves_postcode:
        served = [request.serves_postcode[:4], ALL_MUNICIPALITY]
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(schema, "served", served)))
    return tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else query
