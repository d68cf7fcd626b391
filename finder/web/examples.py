"""Example questions and need tiles, in the interface language."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finder.query import load_vocabulary

EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "data" / "examples.toml"


@dataclass(frozen=True)
class Tile:
    """A link to the results for one need, labelled in the interface language."""

    need: str
    icon: str
    label: str
    query: str


def need_labels(needs: tuple[str, ...] | list[str], locale: str) -> tuple[str, ...]:
    vocabulary = load_vocabulary()
    return tuple(vocabulary.needs[n].label_in(locale) for n in needs if n in vocabulary.needs)


@lru_cache(maxsize=1)
def _examples() -> dict[str, dict[str, list[str]]]:
    with EXAMPLES_FILE.open("rb") as handle:
        return tomllib.load(handle)


def examples(locale: str, kind: str = "home") -> list[str]:
    """Example questions in the interface language (finder/data/examples.toml)."""
    found = _examples()
    return list((found.get(locale) or found["nl"])[kind])


def tile(need_id: str, locale: str) -> Tile:
    # The label is also the question: every label is in the vocabulary, in every language.
    need = load_vocabulary().needs[need_id]
    return Tile(need.id, need.icon, need.label_in(locale), need.label_in(locale))


def tiles(locale: str) -> list[Tile]:
    return [tile(need.id, locale) for need in load_vocabulary().tiles]
