"""Wiring the staff features into the app: routers, middleware, error pages, background work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import Response
from jinja2 import pass_context

from finder.settings import Settings
from finder.staff import (
    editor_reindex,
    outbox,
    retention,
    roles,
    routes_admin,
    routes_auth,
    routes_changes,
    routes_editor,
    routes_handling,
    routes_insights,
    routes_organisations,
    routes_outbox,
    routes_public_pc,
    routes_referrals,
    routes_visitor,
)
from finder.staff.context import CsrfRejected, Forbidden, LoginRequired, NotFound, StaffContext
from finder.staff.messages import message_page
from finder.staff.middleware import StaffMiddleware
from finder.staff.rendering import redirect

ROUTERS = (
    routes_auth.router,
    routes_visitor.router,
    routes_referrals.router,
    routes_handling.router,
    routes_admin.router,
    routes_outbox.router,
    routes_organisations.router,
    routes_editor.router,
    routes_changes.router,
    routes_insights.router,
    routes_public_pc.router,
)

log = logging.getLogger(__name__)
OUTBOX_EVERY = 15.0
PURGE_EVERY = 3600.0


@pass_context
def staff_user(context: Any) -> StaffContext | None:
    """For shared templates: the logged-in staff member, or None."""
    request = context.get("request")
    staff = request.scope.get("state", {}).get("staff") if request is not None else None
    return staff if isinstance(staff, StaffContext) else None


async def background(settings: Settings) -> None:
    """Sends queued e-mail, rebuilds the index after editors' corrections, purges old data."""
    since_purge = PURGE_EVERY
    while True:
        try:
            await anyio.to_thread.run_sync(outbox.flush, settings)
            await anyio.to_thread.run_sync(editor_reindex.run_if_requested, settings)
            if since_purge >= PURGE_EVERY:
                await anyio.to_thread.run_sync(retention.purge, settings)
                since_purge = 0.0
        except Exception:
            log.exception("staff background work failed; trying again later")
        await asyncio.sleep(OUTBOX_EVERY)
        since_purge += OUTBOX_EVERY


def _add_background(app: FastAPI, settings: Settings) -> None:
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        async with inner(application) as state:
            task = asyncio.create_task(background(settings))
            try:
                yield state
            finally:
                task.cancel()

    app.router.lifespan_context = lifespan


def template_globals() -> dict[str, Any]:
    """What shared templates may ask of the staff side."""
    return {"staff_user": staff_user, "staff_menu_items": roles.menu_for}


def install(app: FastAPI, settings: Settings) -> None:
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return redirect("/staff/inloggen")

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return message_page(request, "forbidden", 403)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return message_page(request, "not-found", 404)

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, exc: CsrfRejected) -> Response:
        log.warning("form rejected: missing or wrong CSRF token on %s", request.url.path)
        return message_page(request, "csrf", 403)

    app.add_middleware(StaffMiddleware, settings=settings)
    _add_background(app, settings)
