"""Who is asking: the logged-in staff member, as FastAPI dependencies that enforce roles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from finder.models import Role
from finder.settings import Settings
from finder.staff import csrf, roles


class LoginRequired(Exception):
    """Raised when a page needs a logged-in staff member."""


class Forbidden(Exception):
    """Raised when the staff member's role may not use this page."""


class CsrfRejected(Exception):
    """Raised when a form arrives without a valid CSRF token."""


class NotFound(Exception):
    """Raised for what does not exist or is someone else's: both get the same staff 404 page."""


@dataclass(frozen=True)
class StaffContext:
    user_id: int
    name: str
    role: Role
    organization_id: str
    catalogue_id: str | None
    session_hash: str
    csrf_token: str
    visitor_list: tuple[str, ...]

    @property
    def is_guide(self) -> bool:
        return self.role in (Role.helper, Role.counter)


def staff_of(request: Request) -> StaffContext | None:
    staff = request.scope.get("state", {}).get("staff")
    return staff if isinstance(staff, StaffContext) else None


def require(roles: Iterable[Role]) -> Callable[[Request], StaffContext]:
    allowed = frozenset(roles)

    def dependency(request: Request) -> StaffContext:
        staff = staff_of(request)
        if staff is None:
            raise LoginRequired
        if staff.role not in allowed:
            raise Forbidden
        return staff

    return dependency


async def check_csrf(request: Request) -> None:
    """Every state-changing form posts a token tied to the session (or to the pre-login cookie)."""
    settings: Settings = request.app.state.settings
    form = await request.form()
    staff = staff_of(request)
    binding = staff.session_hash if staff else request.cookies.get(csrf.PRE_COOKIE, "")
    submitted = form.get(csrf.FIELD)
    if not isinstance(submitted, str) or not csrf.valid(settings, binding, submitted):
        raise CsrfRejected


CsrfDep = Annotated[None, Depends(check_csrf)]


GuideDep = Annotated[StaffContext, Depends(require(roles.GUIDES))]
ReaderDep = Annotated[StaffContext, Depends(require(roles.REFERRAL_READERS))]
ReceiverDep = Annotated[StaffContext, Depends(require(roles.RECEIVERS))]
AdminDep = Annotated[StaffContext, Depends(require(roles.ADMINS))]
EditorDep = Annotated[StaffContext, Depends(require(roles.EDITORS))]
InsightDep = Annotated[StaffContext, Depends(require(roles.INSIGHT_READERS))]
