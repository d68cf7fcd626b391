"""A bare Jinja page, served only when FINDER_BENCH_PAGE is set, as the yardstick for scripts/bench."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from finder.ui.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/bench/bare", response_class=HTMLResponse)
def bare(request: Request) -> HTMLResponse:
    return render(request, "bench-bare.html", {})
