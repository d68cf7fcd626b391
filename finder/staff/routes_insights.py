"""Inzichten: which needs residents search for and which go unanswered, per week and wijk."""

from __future__ import annotations

from typing import Any

from babel.dates import format_date
from fastapi import APIRouter, Request
from fastapi.responses import Response

from finder.insights import charts, report
from finder.insights.recorder import local_day
from finder.query import load_vocabulary
from finder.staff.context import InsightDep, NotFound
from finder.staff.rendering import render
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.i18n import current_locale
from finder.ui.i18n import gettext_ as _

router = APIRouter(prefix="/staff")


def _need(need_id: str) -> str:
    need = load_vocabulary().needs.get(need_id)
    return need.label_in(current_locale.get()) if need else need_id


def _page(overview: report.Overview) -> dict[str, Any]:
    locale = current_locale.get()
    weeks = [format_date(w, format="d MMM", locale=locale) for w in overview.weeks]
    needs = [(_need(s.key), s.points) for s in overview.needs]
    wijken = [(b.label, b.value, [_need(n) for n in b.detail]) for b in overview.wijken]
    words = [(b.label, b.value) for b in overview.words]
    return {
        "overview": overview,
        "weeks": weeks,
        "needs": needs,
        "wijken": wijken,
        "words": words,
        "needs_chart": charts.lines(
            "needs-chart",
            _("Searches per week for the most asked needs"),
            _("A line per need: how many searches were about it in each week."),
            weeks,
            needs,
        ),
        "wijken_chart": charts.bars(
            "wijken-chart",
            _("Searches that found nothing, per wijk"),
            _("A bar per wijk: how many searches from that wijk found nothing."),
            [(w, n) for w, n, _d in wijken],
        ),
        "words_chart": charts.bars(
            "words-chart",
            _("Words of unanswered questions"),
            _("A bar per group of words: how many searches that found nothing used them."),
            words,
        ),
    }


@router.get("/inzichten", name="insights")
def insights(
    request: Request, staff: InsightDep, settings: SettingsDep, db: SessionDep
) -> Response:
    if settings.insights != "on":
        return render(request, "insights.html", {"off": True})
    context = _page(report.overview(db, local_day()))
    return render(request, "insights.html", {"off": False, "k": settings.insights_k, **context})


@router.get("/inzichten.csv", name="insights_csv")
def insights_csv(
    staff: InsightDep, settings: SettingsDep, db: SessionDep, soort: str = ""
) -> Response:
    if settings.insights != "on":
        raise NotFound
    words = soort == "woorden"
    body = report.words_csv(db) if words else report.counts_csv(db)
    name = "inzichten-woorden.csv" if words else "inzichten.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
