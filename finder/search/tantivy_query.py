"""The tantivy query that scores the shared relevance tiers, and reading them back.

Kept apart from the backend so the scoring scheme can be read, and changed, in one place.

One tantivy score carries everything ranking needs, in layers far enough apart that a lower
layer never spills into a higher one, at the precision of tantivy's 32-bit float scores:

    levels x LEVEL  +  matched x MATCH  +  coverage x COVERAGE  +  BM25 x scale

Each word group adds LEVEL times the weight of its best level (LEVEL_WEIGHTS: level 3 when it
matches the title, keywords or need tags, 2 for the summary or organisation, 1 for the
description only), and MATCH once when it matches at all. BM25 is scaled by an upper bound of what it can reach in
this index, so it always stays below one COVERAGE step.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from finder.query.terms import TermGroup
from finder.search.analysis import allowed_typos, analyse
from finder.search.protocol import LEVEL_WEIGHTS, MAX_GROUPS, Coverage, SearchRequest

# Field weights for BM25, like the order of Meilisearch's searchableAttributes.
FIELD_BOOSTS = {
    "title": 4.0,
    "keywords": 3.0,
    "summary": 2.0,
    "organization": 1.0,
    "description": 1.0,
}
LEVEL_FIELDS = {3: ("title", "keywords"), 2: ("summary", "organization"), 1: ("description",)}
NEEDS_FIELD = "needs"
ALL_MUNICIPALITY = "*"
MATCH = 1_024.0
# Above every lower layer: MAX_GROUPS matched words, coverage and BM25.
LEVEL = (MAX_GROUPS + 1) * MATCH
COVERAGE = 256.0
AREA = 2 * COVERAGE
EVERYWHERE = COVERAGE
# Scores reach about 1.8 million, where float32 steps are 0.125 apart.
SLACK = 0.25
# The word the resident typed outweighs the catalogue words it stands for, like Meilisearch's
# exactness rule; a typo or prefix match weighs less than an exact one.
ALTERNATIVE_WEIGHT = 0.5
LOOSE_WEIGHT = 0.5
FUZZY_FIELDS = frozenset({"title", "keywords", "summary"})
# tantivy's BM25 (k1 = 1.2): one term scores at most idf x (k1 + 1).
BM25_K1 = 1.2
# Of the ways a word matches, the best counts, and each further one a little.
TIE_BREAKER = 0.2


@dataclass(frozen=True)
class Tiers:
    levels: int
    matched: int
    coverage: Coverage | None
    bm25: float


def ranked_query(
    schema: tantivy.Schema, request: SearchRequest, doc_count: int, known: Callable[[str], bool]
) -> tuple[tantivy.Query, float] | None:
    """The scoring query and the BM25 scale it used; None when nothing searchable is left.

    `known(term)` says whether an analysed term exists in the index as typed: typo tolerance
    never turns a word that exists into another one.
    """
    groups = []
    for group in request.groups[:MAX_GROUPS]:
        variants = _variants(group, known)
        if variants:
            groups.append(variants)
    if not groups:
        return None
    bound = sum(_bm25_bound(variants, doc_count) for variants in groups)
    scale = (COVERAGE - 1.0) / bound
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for variants in groups:
        tiers = []
        for level, fields in LEVEL_FIELDS.items():
            matcher = _match_query(schema, variants, fields, level == 3)
            if matcher is not None:
                tiers.append(
                    tantivy.Query.const_score_query(matcher, LEVEL_WEIGHTS[level] * LEVEL + MATCH)
                )
        specificity = _match_query(schema, variants, tuple(FIELD_BOOSTS), False, scored=True)
        clauses.append((tantivy.Occur.Should, tantivy.Query.disjunction_max_query(tiers)))
        if specificity is not None:
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(specificity, scale)))
    query = tantivy.Query.boolean_query(clauses)
    if request.postcode:
        # Coverage only adds to the score of documents that match the words.
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), *_coverage_clauses(schema, request.postcode)]
        )
    return _filtered(schema, query, request), scale


def decode(score: float, with_coverage: bool, scale: float) -> Tiers:
    levels = int((score + SLACK) // LEVEL)
    rest = score - levels * LEVEL
    matched = int((rest + SLACK) // MATCH)
    rest -= matched * MATCH
    coverage: Coverage | None = None
    if with_coverage:
        if rest + SLACK >= AREA:
            coverage, rest = "area", rest - AREA
        elif rest + SLACK >= EVERYWHERE:
            coverage, rest = "everywhere", rest - EVERYWHERE
        else:
            coverage = "elsewhere"
    return Tiers(levels, matched, coverage, max(0.0, rest) / scale)


@dataclass(frozen=True)
class _Variant:
    terms: tuple[str, ...]  # analysed terms that must all match in one field
    weight: float
    typos: int = 0
    prefix: bool = False
    need: bool = False  # a need id, matched against the need tags only


def _variants(group: TermGroup, known: Callable[[str], bool]) -> list[_Variant]:
    variants: list[_Variant] = []
    typed = analyse(group.word)
    if typed:
        single = len(typed) == 1
        typos = group.typos if group.typos is not None else allowed_typos(group.word)
        if not single or known(typed[0]):
            typos = 0
        variants.append(_Variant(tuple(typed), 1.0, typos, group.prefix and single))
    others = [(a, ALTERNATIVE_WEIGHT) for a in group.alternatives]
    if group.parts:
        others.append((" ".join(group.parts), 1.0))
    for text, weight in others:
        terms = tuple(t for word in text.split() for t in analyse(word))
        if terms and all(v.terms != terms for v in variants):
            variants.append(_Variant(terms, weight))
    return variants + [_Variant((need,), 1.0, need=True) for need in group.needs]


def _bm25_bound(variants: list[_Variant], doc_count: int) -> float:
    """No document can score more than this for one word group (see _match_query)."""
    per_term = math.log1p(max(doc_count, 1)) * (BM25_K1 + 1) + LOOSE_WEIGHT
    subqueries = len(variants) * len(FIELD_BOOSTS)
    return max(FIELD_BOOSTS.values()) * per_term * (1 + TIE_BREAKER * (subqueries - 1))


def _match_query(
    schema: tantivy.Schema,
    variants: list[_Variant],
    fields: tuple[str, ...],
    with_needs: bool,
    scored: bool = False,
) -> tantivy.Query | None:
    """Any variant in any of `fields`. Scored: the best single field and variant, so the score
    stays under the bound; otherwise only whether it matches."""
    subqueries = []
    for variant in variants:
        if variant.need:
            if with_needs:
                subqueries.append(tantivy.Query.term_query(schema, NEEDS_FIELD, variant.terms[0]))
            continue
        for name in fields:
            query = _variant_query(schema, name, variant)
            if scored:
                # A phrase scores per word, so it never outweighs a single word for its length.
                boost = FIELD_BOOSTS[name] * variant.weight / len(variant.terms)
                query = tantivy.Query.boost_query(query, boost)
            subqueries.append(query)
    if not subqueries:
        return None
    return tantivy.Query.disjunction_max_query(subqueries, TIE_BREAKER if scored else None)


def _variant_query(schema: tantivy.Schema, field: str, variant: _Variant) -> tantivy.Query:
    if len(variant.terms) > 1:
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(schema, field, t))
                for t in variant.terms
            ]
        )
    loose = field in FUZZY_FIELDS
    return _term(
        schema, field, variant.terms[0], variant.typos if loose else 0, variant.prefix and loose
    )


def _term(schema: tantivy.Schema, field: str, term: str, typos: int, prefix: bool) -> tantivy.Query:
    exact = tantivy.Query.term_query(schema, field, term)
    if not typos and not prefix:
        return exact
    loose = tantivy.Query.fuzzy_term_query(
        schema, field, term, distance=typos, transposition_cost_one=True, prefix=prefix
    )
    # The loose match scores a constant below any exact BM25 match of the same word.
    return tantivy.Query.disjunction_max_query(
        [exact, tantivy.Query.boost_query(loose, LOOSE_WEIGHT)]
    )


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
    for name, values in (("kind", request.kinds), ("language", request.languages)):
        if values:
            clauses.append(
                (tantivy.Occur.Must, tantivy.Query.term_set_query(schema, name, list(values)))
            )
    if request.serves_postcode:
        served = [request.serves_postcode[:4], ALL_MUNICIPALITY]
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(schema, "served", served)))
    return tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else query
