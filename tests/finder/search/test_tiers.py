"""One tantivy score carries the relevance tiers and BM25, and decodes back without losing
either, at the precision of tantivy's 32-bit float scores (#11)."""

from __future__ import annotations

import math
import struct

import pytest

from finder.search.protocol import LEVEL_WEIGHTS, MAX_GROUPS
from finder.search.tantivy_query import AREA, COVERAGE, EVERYWHERE, LEVEL, MATCH, decode

# Every word matched in the title: the highest score a question can reach.
MOST = MAX_GROUPS * LEVEL_WEIGHTS[3]


def as_float32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def score(levels: int, matched: int, coverage: float, bm25: float, scale: float) -> float:
    return as_float32(levels * LEVEL + matched * MATCH + coverage + bm25 * scale)


@pytest.mark.parametrize(
    ("levels", "matched"),
    [
        (0, 0),
        (LEVEL_WEIGHTS[3], 1),
        (LEVEL_WEIGHTS[3] + LEVEL_WEIGHTS[2] + LEVEL_WEIGHTS[1], 3),
        (MOST, MAX_GROUPS),
    ],
)
@pytest.mark.parametrize(
    ("layer", "name"), [(0.0, "elsewhere"), (EVERYWHERE, "everywhere"), (AREA, "area")]
)
def test_tiers_decode_exactly(levels: int, matched: int, layer: float, name: str) -> None:
    # The scale is chosen so BM25 stays under one coverage step, even at its bound.
    bound = 250.0
    scale = (COVERAGE - 1) / bound
    for bm25 in (0.0, 0.5, 12.3, bound):
        tiers = decode(score(levels, matched, layer, bm25, scale), True, scale)
        assert (tiers.levels, tiers.matched, tiers.coverage) == (levels, matched, name)
        assert math.isclose(tiers.bm25, bm25, abs_tol=0.1)


def test_bm25_keeps_its_order_within_a_tier() -> None:
    # Even for the longest question, BM25 values 0.3 apart (of 400) stay apart.
    scale = (COVERAGE - 1) / 400.0
    values = [5.0 + 0.3 * n for n in range(50)]
    decoded = [decode(score(MOST, MAX_GROUPS, AREA, v, scale), True, scale).bm25 for v in values]
    assert decoded == sorted(decoded)
    assert len(set(decoded)) == len(decoded)  # no ties where BM25 differs


def test_one_word_the_offer_is_about_outweighs_any_number_it_only_mentions() -> None:
    # "About this" (title, keywords, need tags) against every other word in the summary.
    assert LEVEL_WEIGHTS[3] > (MAX_GROUPS - 1) * max(LEVEL_WEIGHTS[2], LEVEL_WEIGHTS[1])
    assert LEVEL_WEIGHTS[2] > LEVEL_WEIGHTS[1]
