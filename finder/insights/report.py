"""What the Inzichten page and its CSV show, read from the counts."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from finder.insights.store import week_of
from finder.insights.tally import ALL
from finder.models import SearchCount, UnansweredWords


@dataclass(frozen=True)
class Series:
    key: str
    points: tuple[int, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class Overview:
    since: date
    until: date
    weeks: tuple[date, ...]
    searches: int
    empty: int
    refined: int
    needs: tuple[Series, ...]
    wijken: tuple[Bar, ...]
    words: tuple[Bar, ...]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def overview(db: Session, until: date, weeks: int = 8, top: int = 5) -> Overview:
    first = _monday(until) - timedelta(weeks=weeks - 1)
    mondays = tuple(first + timedelta(weeks=i) for i in range(weeks))
    rows = db.exec(
        select(SearchCount).where(col(SearchCount.day) >= first, col(SearchCount.day) <= until)
    ).all()
    totals = [0, 0, 0]
    per_need: dict[str, list[int]] = defaultdict(lambda: [0] * weeks)
    wijk_empty: dict[str, int] = defaultdict(int)
    wijk_needs: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        if r.need == ALL:
            totals[0] += r.searches
            totals[1] += r.empty
            totals[2] += r.refined
            if r.wijk:
                wijk_empty[r.wijk] += r.empty
            continue
        if r.need:
            per_need[r.need][(_monday(r.day) - first).days // 7] += r.searches
            if r.wijk and r.empty:
                wijk_needs[r.wijk][r.need] += r.empty
    ranked = sorted(per_need.items(), key=lambda item: (-sum(item[1]), item[0]))[:top]
    wijken = sorted(
        ((w, n) for w, n in wijk_empty.items() if n), key=lambda item: (-item[1], item[0])
    )
    return Overview(
        since=first,
        until=until,
        weeks=mondays,
        searches=totals[0],
        empty=totals[1],
        refined=totals[2],
        needs=tuple(Series(need, tuple(points)) for need, points in ranked),
        wijken=tuple(
            Bar(w, n, tuple(sorted(wijk_needs[w], key=lambda k: -wijk_needs[w][k])[:3]))
            for w, n in wijken
        ),
        words=tuple(Bar(words, n) for words, n in top_words(db, first, until)),
    )


def top_words(db: Session, since: date, until: date, limit: int = 15) -> list[tuple[str, int]]:
    weeks = {week_of(since + timedelta(days=d)) for d in range((until - since).days + 1)}
    query = (
        select(UnansweredWords.words, func.sum(UnansweredWords.count))
        .where(col(UnansweredWords.week).in_(weeks))
        .group_by(col(UnansweredWords.words))
        .order_by(func.sum(UnansweredWords.count).desc(), col(UnansweredWords.words))
        .limit(limit)
    )
    return [(words, int(n)) for words, n in db.exec(query).all()]


def counts_csv(db: Session) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["day", "need", "wijk", "searches", "found_nothing", "refined"])
    query = select(SearchCount).order_by(
        col(SearchCount.day), col(SearchCount.need), col(SearchCount.wijk)
    )
    for r in db.exec(query):
        writer.writerow([r.day.isoformat(), r.need, r.wijk, r.searches, r.empty, r.refined])
    return out.getvalue()


def words_csv(db: Session) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["week", "words", "searches"])
    query = select(UnansweredWords).order_by(col(UnansweredWords.week), col(UnansweredWords.words))
    for r in db.exec(query):
        writer.writerow([r.week, r.words, r.count])
    return out.getvalue()
