"""Pure ASGI middleware: resolves the staff session cookie and marks public-PC mode."""

from __future__ import annotations

import anyio
from sqlmodel import Session
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Receive, Scope, Send

from finder.db import get_engine
from finder.models import StaffOrganization
from finder.settings import Settings
from finder.staff import csrf
from finder.staff.context import StaffContext
from finder.staff.sessions import COOKIE, load_session
from finder.ui.asgi import HttpMiddleware, on_response_start
from finder.ui.cookies import request_cookies

PUBLIC_PC_COOKIE = "finder_public_pc"


def resolve(settings: Settings, token: str) -> StaffContext | None:
    with Session(get_engine(settings)) as db:
        found = load_session(db, token)
        if found is None:
            return None
        row, user = found
        org = db.get(StaffOrganization, user.organization_id)
        assert user.id is not None
        return StaffContext(
            user_id=user.id,
            name=user.name or user.email,
            role=user.role,
            organization_id=user.organization_id,
            catalogue_id=org.catalogue_id if org else None,
            session_hash=row.token_hash,
            csrf_token=csrf.token_for(settings, row.token_hash),
            visitor_list=tuple(row.visitor_list),
        )


class StaffMiddleware(HttpMiddleware):
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        super().__init__(app)
        self.settings = settings

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        cookies = request_cookies(scope)
        token = cookies.get(COOKIE, "")
        staff = await anyio.to_thread.run_sync(resolve, self.settings, token) if token else None
        public_pc = cookies.get(PUBLIC_PC_COOKIE) == "1"
        state = scope.setdefault("state", {})
        state["staff"] = staff
        state["public_pc"] = public_pc
        state["public_pc_idle"] = self.settings.public_pc_idle_seconds

        def private(headers: MutableHeaders) -> None:
            if staff or public_pc or scope["path"].startswith("/staff"):
                # Staff pages and shared PCs must never leave a copy in a cache.
                headers["cache-control"] = "no-store"
            if public_pc and headers.get("content-type", "").startswith("text/html"):
                # An HTTP Refresh works without JavaScript; every page load restarts the idle clock.
                headers["refresh"] = (
                    f"{self.settings.public_pc_idle_seconds};url=/publieke-pc/reset"
                )
            if token and staff is None:
                headers.append(
                    "set-cookie", f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                )

        await self.app(scope, receive, on_response_start(send, private))
