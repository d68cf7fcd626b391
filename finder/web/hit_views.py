"""The compact result card: what one hit shows, built from its search document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from finder.hours import DayGroup, Status, compact, status, week
from finder.query.terms import TermGroup
from finder.search.highlight import highlight
from finder.search.service import Hit
from finder.text import one_line
from finder.web.examples import need_labels

SUMMARY_CHARS = 90
SENTENCES = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class HitView:
    offer_id: str
    title: str
    organization: str
    summary: Markup  # one line, the resident's words marked
    place: str  # the nearest place's name, or its address
    distance_km: float | None
    status: Status
    week: tuple[DayGroup, ...]  # printed under the card: the week's hours
    phone: str
    about: tuple[str, ...]  # labels of the needs it is about, in the interface language
    words: tuple[str, ...]  # other words of the question it holds
    own_wijkteam: bool
    elsewhere: bool  # it does not serve the resident's postcode
    is_demo: bool


def _summary(text: str, groups: tuple[TermGroup, ...], typed: tuple[str, ...]) -> Markup:
    """One line: the sentence that best shows why the hit fits (the resident's own words first,
    then the most marked words), else the first sentence."""
    best, best_key = highlight(one_line(text, SUMMARY_CHARS), groups), (False, 0)
    words = [w.casefold() for w in typed if w]
    for sentence in (s for s in SENTENCES.split(text.strip()) if s):
        line = one_line(sentence, SUMMARY_CHARS)
        marked = highlight(line, groups)
        key = (any(w in line.casefold() for w in words), marked.count("<mark>"))
        if key > best_key:
            best, best_key = marked, key
    return best


def hit_view(
    hit: Hit,
    groups: tuple[TermGroup, ...],
    typed: tuple[str, ...],
    locale: str,
    moment: datetime,
) -> HitView:
    d = hit.doc
    return HitView(
        offer_id=d.offer_id,
        title=d.title,
        organization=d.organization,
        summary=_summary(d.summary, groups, typed),
        place=d.location_name or d.address,
        distance_km=hit.distance_km,
        status=status(d.hours, moment),
        week=compact(week(d.hours, moment.date())),
        phone=d.phone,
        about=need_labels(hit.why.needs, locale),
        words=hit.why.words,
        own_wijkteam=hit.own_wijkteam,
        elsewhere=hit.serves_postcode is False,
        is_demo=d.is_demo,
    )


def hit_views(
    hits: list[Hit],
    groups: tuple[TermGroup, ...],
    typed: tuple[str, ...],
    locale: str,
    moment: datetime,
) -> list[HitView]:
    return [hit_view(h, groups, typed, locale, moment) for h in hits]
