"""The application: the resident web, the JSON API and the staff side, composed in one place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from finder.db import init_db
from finder.insights.middleware import InsightsMiddleware
from finder.insights.recorder import Recorder
from finder.insights.recorder import install as install_insights
from finder.search import generations
from finder.settings import Settings, get_settings
from finder.staff import wiring as staff
from finder.ui.middleware import LocaleMiddleware, SecurityHeaders, ServerTiming
from finder.ui.templating import build_templates
from finder.web import api, api_docs, bench_page, errors, hsds_api, info_pages, pages, report
from finder.web.page_cache import PageCache

STATIC_DIR = Path(__file__).resolve().parent / "static"


def _generation_of(settings: Settings) -> Callable[[], int]:
    """What invalidates cached answers: the embedded index's pointer; Meilisearch relies on the TTL."""
    if settings.search_backend == "embedded":
        index_dir = settings.index_dir
        return lambda: generations.pointer_stamp(index_dir)
    return lambda: 0


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    init_db(settings)
    app = FastAPI(
        title="Stad in verbinding",
        description="Find help in Zwolle: services of the municipality and social organisations.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        swagger_ui_parameters={"syntaxHighlight": False},
    )
    app.state.settings = settings
    # Shared templates show staff tools (the staff bar, "add to visitor list") to logged-in
    # staff, so the staff side lends its accessor to the one environment of this app.
    app.state.templates = build_templates(staff.template_globals())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(pages.router)
    app.include_router(info_pages.router)
    app.include_router(report.router)
    app.include_router(hsds_api.router)
    app.include_router(api.router)
    app.include_router(api.health_router)
    app.include_router(api_docs.router)
    if settings.bench_page:
        app.include_router(bench_page.router)
    staff.install(app, settings)
    errors.install(app)
    app.add_middleware(
        PageCache, generation=_generation_of(settings), ttl=settings.page_cache_seconds
    )
    if settings.insights == "on":
        # Outside the page cache, so an answer from the cache is counted too.
        recorder = Recorder(settings)
        app.state.insights = recorder
        app.add_middleware(InsightsMiddleware, recorder=recorder)
        install_insights(app, recorder)
    app.add_middleware(LocaleMiddleware, secure_cookie=settings.environment == "production")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ServerTiming)
    return app
