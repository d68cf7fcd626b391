"""The application: the resident web, the JSON API and the staff side, composed in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from finder.db import init_db
from finder.editorial import revision
from finder.insights.recorder import Recorder
from finder.insights.recorder import install as install_insights
from finder.search.backends import get_backend
from finder.settings import Settings, get_settings
from finder.staff import wiring as staff
from finder.ui.cookies import OneCookieHeader
from finder.ui.middleware import (
    HeadAsGet,
    LocaleMiddleware,
    SecurityHeaders,
    ServerTiming,
    TransportSecurity,
)
from finder.ui.templating import build_templates
from finder.ui.turns import TakeTurns
from finder.web import (
    api,
    api_docs,
    bench_page,
    errors,
    hsds_api,
    info_pages,
    pages,
    print_qr,
    report,
)
from finder.web.limits import RequestLimits
from finder.web.page_cache import PageCache
from finder.web.search_counter import InsightsMiddleware

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Threads per worker for pages and the API (anyio's default is 40). TakeTurns already lets only
# `requests_at_once` requests work at a time; the threads are an upper bound above that setting.
REQUEST_THREADS = 16


def _limit_request_threads(app: FastAPI) -> None:
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(REQUEST_THREADS, application.state.settings.requests_at_once)
        async with inner(application) as state:
            yield state

    app.router.lifespan_context = lifespan


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
    # Only the style sheet and script are compressed: pages may hold a staff member's CSRF token
    # next to text from the URL, which compression would let an attacker guess (BREACH).
    app.mount(
        "/static",
        GZipMiddleware(StaticFiles(directory=STATIC_DIR), minimum_size=1000),
        name="static",
    )
    app.include_router(pages.router)
    app.include_router(info_pages.router)
    app.include_router(print_qr.router)
    app.include_router(report.router)
    app.include_router(hsds_api.router)
    app.include_router(api.router)
    app.include_router(api.health_router)
    app.include_router(api_docs.router)
    if settings.bench_page:
        app.include_router(bench_page.router)
    staff.install(app, settings)
    errors.install(app)
    _limit_request_threads(app)
    # Cached answers are dropped when the backend swaps in a new generation, and when an editor
    # here changes what a page shows.
    backend = get_backend(settings)
    app.add_middleware(
        PageCache,
        generation=lambda: f"{backend.generation()}:{revision.current()}",
        ttl=settings.page_cache_seconds,
        max_bytes=settings.page_cache_max_bytes,
    )
    if settings.insights == "on":
        # Outside the page cache, so an answer from the cache is counted too.
        recorder = Recorder(settings)
        app.state.insights = recorder
        app.add_middleware(InsightsMiddleware, recorder=recorder)
        install_insights(app, recorder)
    # Middleware added last runs first: limits are checked once the language is known, so the
    # refusal is a page the resident can read.
    app.add_middleware(RequestLimits)
    app.add_middleware(LocaleMiddleware)
    app.add_middleware(OneCookieHeader)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TransportSecurity, always_secure=settings.secure_cookies)
    # The client address and scheme come from X-Forwarded-* only when a listed proxy sent them;
    # `finder serve` leaves this to the app instead of trusting any loopback peer.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies or [])
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ServerTiming)
    # Outermost: a request waits for its turn before any work is done for it.
    app.add_middleware(TakeTurns, at_once=settings.requests_at_once)
    return app
