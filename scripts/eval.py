"""Answer quality of the finder on a labelled question set over the demo city (issues #8, #10).

Crawls the bundled demo city once, then asks every question of scripts/eval_questions.toml and
prints success@3 and MRR@10 per language and overall, and the forbidden hits. It does so on the
embedded engine and, when a Meilisearch server is available (FINDER_MEILI_URL, or the binary
named by FINDER_TEST_MEILI_BIN), on Meilisearch from the same catalogue, with the top-3 overlap
of the two per question.

A question may also name the need it is about (`need`, one id or a list of which any counts).
The vocabulary set (scripts/eval_questions_vocabulary.toml) labels every question so: most needs
have no offer in the demo city, so what it measures first is whether the question was understood
as that need ("need found"), and success@3 only where the demo city holds a right answer.

Usage: .venv/bin/python scripts/eval.py [--questions FILE] [--verbose]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from finder.query import load_vocabulary  # noqa: E402
from finder.search.indexing import reindex  # noqa: E402
from finder.search.meili import MeiliBackend  # noqa: E402
from finder.search.service import run_search  # noqa: E402
from finder.settings import Settings  # noqa: E402
from tests.meili import meilisearch_server, on_meilisearch  # noqa: E402

QUESTIONS = Path(__file__).with_name("eval_questions.toml")
LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk")
TARGETS = {"nl": 0.95, "other": 0.90, "mrr": 0.90, "need": 0.90}


@dataclass(frozen=True)
class Question:
    lang: str
    q: str
    expect: tuple[str, ...]
    postcode: str | None = None
    place: str | None = None
    needs: tuple[str, ...] = ()  # the question is about any one of these needs


@dataclass
class Answer:
    question: Question
    shown: list[tuple[str, str]]  # (title, place) of the top 10
    rank: int | None  # 1-based rank of the first right answer
    forbidden: int
    understood: tuple[str, ...] = ()  # the needs the question was understood as

    @property
    def need_found(self) -> bool:
        return bool(set(self.question.needs) & set(self.understood))

    @property
    def top3(self) -> list[str]:
        return [title for title, _ in self.shown[:3]]


@dataclass
class Figures:
    answers: list[Answer] = field(default_factory=list)

    def scored(self, lang: str | None = None) -> list[Answer]:
        return [
            a
            for a in self.answers
            if a.question.expect and (lang is None or a.question.lang == lang)
        ]

    def success_at_3(self, lang: str | None = None) -> float:
        scored = self.scored(lang)
        return sum(1 for a in scored if a.rank is not None and a.rank <= 3) / max(1, len(scored))

    def mrr_at_10(self, lang: str | None = None) -> float:
        scored = self.scored(lang)
        return sum(1 / a.rank for a in scored if a.rank is not None) / max(1, len(scored))

    def labelled(self, lang: str | None = None) -> list[Answer]:
        return [
            a
            for a in self.answers
            if a.question.needs and (lang is None or a.question.lang == lang)
        ]

    def need_found(self, lang: str | None = None) -> float:
        labelled = self.labelled(lang)
        return sum(1 for a in labelled if a.need_found) / max(1, len(labelled))

    def wrong_need(self, lang: str | None = None) -> int:
        """Questions understood as other needs only: worse than not understood at all."""
        return sum(1 for a in self.labelled(lang) if a.understood and not a.need_found)

    @property
    def forbidden(self) -> int:
        return sum(a.forbidden for a in self.answers)

    def meets_targets(self) -> bool:
        languages_ok = all(
            self.success_at_3(lang) >= TARGETS["nl" if lang == "nl" else "other"]
            for lang in LANGUAGES
            if self.scored(lang)
        )
        needs_ok = all(
            self.need_found(lang) >= TARGETS["need"] for lang in LANGUAGES if self.labelled(lang)
        )
        mrr_ok = not self.scored() or self.mrr_at_10() >= TARGETS["mrr"]
        return languages_ok and needs_ok and mrr_ok and self.forbidden == 0


def load_questions(path: Path = QUESTIONS) -> tuple[list[Question], tuple[str, ...]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    questions = [
        Question(
            lang=item["lang"],
            q=item["q"],
            expect=tuple(item.get("expect", ())),
            postcode=item.get("postcode"),
            place=item.get("place"),
            needs=_ids(item.get("need", ())),
        )
        for item in data["question"]
    ]
    return questions, tuple(data.get("forbidden", ()))


def _ids(need: str | list[str]) -> tuple[str, ...]:
    return (need,) if isinstance(need, str) else tuple(need)


def _right(question: Question, title: str, place: str) -> bool:
    if not any(title.startswith(expected) for expected in question.expect):
        return False
    return question.place is None or place == question.place


def ask(settings: Settings, question: Question, forbidden: tuple[str, ...]) -> Answer:
    outcome = run_search(settings, question.q, question.postcode, limit=10)
    shown = [(hit.doc.title, hit.doc.location_name) for hit in outcome.hits]
    rank = next(
        (n for n, (title, place) in enumerate(shown, 1) if _right(question, title, place)), None
    )
    bad = sum(1 for title, _ in shown if any(title.startswith(f) for f in forbidden))
    return Answer(question, shown, rank, bad, outcome.understood.needs)


def evaluate(settings: Settings, questions: list[Question], forbidden: tuple[str, ...]) -> Figures:
    return Figures([ask(settings, question, forbidden) for question in questions])


def report(name: str, figures: Figures, verbose: bool = False) -> None:
    print(f"== {name}")
    labelled = bool(figures.labelled())
    header = f"{'language':<10}{'questions':>10}{'success@3':>11}{'MRR@10':>9}"
    if labelled:
        header += f"{'labelled':>10}{'need found':>12}{'wrong need':>12}"
    print(header)
    for lang in (*LANGUAGES, None):
        line = (
            f"{lang or 'overall':<10}{len(figures.scored(lang)):>10}"
            f"{figures.success_at_3(lang):>11.3f}{figures.mrr_at_10(lang):>9.3f}"
        )
        if labelled:
            line += (
                f"{len(figures.labelled(lang)):>10}"
                f"{figures.need_found(lang):>12.3f}{figures.wrong_need(lang):>12}"
            )
        print(line)
    print(f"forbidden hits: {figures.forbidden}")
    print(f"targets met: {'yes' if figures.meets_targets() else 'no'}")
    for answer in figures.answers:
        q = answer.question
        missed = q.expect and (answer.rank is None or answer.rank > 3)
        need_missed = q.needs and not answer.need_found
        if missed or need_missed or answer.forbidden or verbose:
            print(
                f"  [{q.lang}] {q.q!r}{' @' + q.postcode if q.postcode else ''}: "
                f"rank {answer.rank}, top 3 {answer.top3}"
            )
        if need_missed or (verbose and q.needs):
            print(f"      need {'|'.join(q.needs)}, understood as {list(answer.understood)}")


def compare(embedded: Figures, meili: Figures) -> None:
    print("== parity: embedded vs meilisearch")
    overlaps = []
    for a, b in zip(embedded.answers, meili.answers, strict=True):
        top_a, top_b = set(a.top3), set(b.top3)
        # Both showing nothing (a need the demo city has no offer for) is agreement too.
        overlap = len(top_a & top_b) / len(top_a | top_b) if top_a | top_b else 1.0
        overlaps.append(overlap)
        if overlap < 1:
            print(f"  {a.question.q!r}: overlap {overlap:.2f}  {a.top3} | {b.top3}")
    diff = meili.success_at_3() - embedded.success_at_3()
    print(f"mean top-3 overlap: {sum(overlaps) / max(1, len(overlaps)):.3f}")
    print(f"success@3 difference (meilisearch - embedded): {diff:+.3f}")


def crawl_demo(data_dir: Path) -> None:
    env = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_DATABASE_URL": ""}
    env.pop("FINDER_SEARCH_BACKEND", None)
    subprocess.run(
        [sys.executable, "-m", "indexer.cli", "crawl-demo"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--verbose", action="store_true", help="list every question's top 3")
    args = parser.parse_args()
    questions, forbidden = load_questions(args.questions)
    known = load_vocabulary().needs
    unknown = sorted({n for q in questions for n in q.needs if n not in known})
    if unknown:
        print(f"questions name needs the vocabulary does not have: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "var"
        crawl_demo(data_dir)
        embedded = Settings(data_dir=data_dir, environment="test")
        figures = evaluate(embedded, questions, forbidden)
        report("embedded", figures, args.verbose)
        ok = figures.meets_targets()
        with meilisearch_server() as server:
            if server is None:
                print("== meilisearch: no server (set FINDER_MEILI_URL or FINDER_TEST_MEILI_BIN)")
                return 0 if ok else 1
            meili = on_meilisearch(embedded, server)
            reindex(meili)
            try:
                meili_figures = evaluate(meili, questions, forbidden)
            finally:
                MeiliBackend(meili.meili_url, meili.meili_key, meili.meili_index).drop()
            report("meilisearch", meili_figures, args.verbose)
            compare(figures, meili_figures)
            ok = ok and meili_figures.meets_targets()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
