"""Helper mode: the visitor list, its A4 handout, and sending it by e-mail once."""

from __future__ import annotations

import logging
from typing import Annotated

from babel.dates import get_day_names
from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from finder.staff import handout, messages, ratelimit, visitor_list
from finder.staff.accounts import EMAIL
from finder.staff.context import CsrfDep, GuideDep
from finder.staff.mailer import MailError, mail_enabled, send_mail
from finder.staff.rendering import redirect, render, safe_next
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.i18n import current_locale
from finder.ui.i18n import gettext_ as _
from finder.ui.urls import site_url

log = logging.getLogger(__name__)
router = APIRouter(prefix="/staff/bezoeker")


@router.get("", name="visitor_list")
def show(
    request: Request, staff: GuideDep, settings: SettingsDep, db: SessionDep, status: str = ""
) -> Response:
    items = handout.build(site_url(request), db, staff.visitor_list)
    context = {"items": items, "status": status, "mail_enabled": mail_enabled(settings)}
    return render(request, "visitor.html", context)


@router.post("/toevoegen", name="visitor_add")
def add(
    staff: GuideDep,
    db: SessionDep,
    _csrf: CsrfDep,
    offer_id: Annotated[str, Form(max_length=500)],
    next_url: Annotated[str, Form(alias="next", max_length=4000)] = "",
) -> Response:
    visitor_list.add(db, staff.session_hash, offer_id)
    return redirect(safe_next(next_url, "/staff/bezoeker"))


@router.post("/verwijderen", name="visitor_remove")
def remove(
    staff: GuideDep, db: SessionDep, _csrf: CsrfDep, offer_id: Annotated[str, Form(max_length=500)]
) -> Response:
    visitor_list.remove(db, staff.session_hash, offer_id)
    return redirect("/staff/bezoeker")


@router.post("/nieuw", name="visitor_new")
def new_visitor(staff: GuideDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    visitor_list.clear(db, staff.session_hash)
    return redirect("/staff/bezoeker?status=cleared")


@router.get("/overzicht", name="visitor_handout")
def printable(request: Request, staff: GuideDep, settings: SettingsDep, db: SessionDep) -> Response:
    return render(
        request, "handout.html", {"items": handout.build(site_url(request), db, staff.visitor_list)}
    )


@router.post("/mailen", name="visitor_mail")
def mail(
    request: Request,
    staff: GuideDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    email: Annotated[str, Form(max_length=254)] = "",
) -> Response:
    """The visitor's address is used for this one message and then forgotten: it is never stored."""
    items = handout.build(site_url(request), db, staff.visitor_list)
    address = email.strip()
    if not EMAIL.match(address) or not items:
        context = {
            "items": items,
            "status": "",
            "mail_enabled": mail_enabled(settings),
            "mail_error": True,
        }
        return render(request, "visitor.html", context, 400)
    wait = ratelimit.wait_seconds(settings, db, staff, ratelimit.Action.mail)
    if wait:
        return messages.limited(request, wait, "/staff/bezoeker")
    # Counted before sending: an attempt reaches the mail server even when it then fails.
    ratelimit.count(db, staff, ratelimit.Action.mail)
    db.commit()
    names = get_day_names("abbreviated", locale=current_locale.get())
    days = [str(names[i]) for i in range(7)]
    try:
        send_mail(settings, address, _("Where you can go"), handout.as_text(items, days))
    except MailError as exc:
        log.warning("handout e-mail failed: %s", exc)
        return redirect("/staff/bezoeker?status=mail-failed")
    return redirect("/staff/bezoeker?status=mailed")
