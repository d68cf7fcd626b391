"""Logging in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from finder.models import Role
from finder.staff import csrf
from finder.staff.auth import attempt_login
from finder.staff.context import CsrfDep, LoginRequired, staff_of
from finder.staff.rendering import redirect, render, set_private_cookie
from finder.staff.sessions import COOKIE, end_session, start_session
from finder.ui.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/staff")
HOME_BY_ROLE = {
    Role.helper: "/staff/bezoeker",
    Role.counter: "/staff/bezoeker",
    Role.receiver: "/staff/verwijzingen",
    Role.editor: "/staff/redactie",
    Role.admin: "/staff/beheer",
}


@router.get("", name="staff_home")
def staff_home(request: Request) -> Response:
    staff = staff_of(request)
    if staff is None:
        raise LoginRequired
    return redirect(HOME_BY_ROLE[staff.role])


def _login_page(
    request: Request, settings: SettingsDep, status: int = 200, error: str = ""
) -> Response:
    binding = request.cookies.get(csrf.PRE_COOKIE) or csrf.new_binding()
    context = {"csrf_token": csrf.token_for(settings, binding), "error": error}
    response = render(request, "login.html", context, status)
    if request.cookies.get(csrf.PRE_COOKIE) != binding:
        set_private_cookie(response, settings, csrf.PRE_COOKIE, binding, path="/staff")
    return response


@router.get("/inloggen", name="staff_login")
def login_form(request: Request, settings: SettingsDep) -> Response:
    if staff_of(request) is not None:
        return redirect("/staff")
    return _login_page(request, settings)


@router.post("/inloggen")
def login(
    request: Request,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    client = request.client.host if request.client else "unknown"
    result = attempt_login(settings, db, email, password, client)
    if result.locked or result.too_early:
        page = _login_page(request, settings, 429, "locked" if result.locked else "wait")
        page.headers["retry-after"] = str(result.retry_after)
        return page
    if result.user is None:
        return _login_page(request, settings, 400, "invalid")
    token = start_session(db, result.user)
    response = redirect("/staff")
    set_private_cookie(response, settings, COOKIE, token)
    return response


@router.post("/uitloggen", name="staff_logout")
def logout(request: Request, db: SessionDep, _csrf: CsrfDep) -> Response:
    """Ends the session; the visitor list goes with it."""
    token = request.cookies.get(COOKIE, "")
    if token:
        end_session(db, token)
    response = redirect("/staff/inloggen?uitgelogd=1")
    response.delete_cookie(COOKIE, path="/")
    return response
