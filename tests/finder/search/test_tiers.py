"""One tantivy score carries the relevance tiers and BM25, and decodes back without losing
either, at the precision of tantivy's 32-bit float scores (#11)."""

from __future__ import annotations

import math
import struct

import pytest

from finder.search.tantivy_query import AREA, COVERAGE, EVERYWHERE, LEVEL, MATCH, decode


def as_float32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def score(levels: int, matched: int, coverage: float, bm25: float, scale: float) -> float:
    return as_float32(levels * LEVEL + matched * MATCH + coverage + bm25 * scale)


@pytest.mark.parametrize(("levels", "matched"), [(0, 0), (3, 1), (7, 3), (36, 12)])
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
    scale = (COVERAGE - 1) / 400.0
    values = [5.0 + 0.2 * n for n in range(50)]
    decoded = [decode(score(36, 12, AREA, v, scale), True, scale).bm25 for v in values]
    assert decoded == sorted(decoded)
    assert len(set(decoded)) == len(decoded)  # no ties where BM25 differs
