"""Every failure gets a calm answer: JSON for the API, a friendly page for people. Never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from finder.search.protocol import SearchUnavailable
from finder.ui.templating import render
from finder.web.contacts import general_contacts, municipality_contact
from finder.web.params import postcode_field

log = logging.getLogger(__name__)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _page(
    request: Request,
    status: int,
    headers: Mapping[str, str] | None = None,
    catalogue_down: bool = False,
) -> Response:
    settings = request.app.state.settings
    postcode, too_long = postcode_field(request.query_params.get("postcode", ""))
    # With the database down, asking it for contacts again would only wait for it once more.
    contacts = (
        [municipality_contact(settings)]
        if catalogue_down
        else general_contacts(settings, None if too_long else postcode or None)
    )
    context = {"status": status, "contacts": contacts, "catalogue_down": catalogue_down}
    response = render(request, "error.html", context, status)
    response.headers.update(headers or {})
    return response


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """JSON for the API, a page in the interface language for people."""
    if _wants_json(request):
        content = {"error": "http_error", "message": message}
        return JSONResponse(content, status_code=status, headers=headers)
    return _page(request, status, headers)


def _clean_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {
                    "error": "invalid_request",
                    "message": "Check the parameters.",
                    "detail": _clean_errors(exc),
                },
                status_code=422,
            )
        return _page(request, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(SearchUnavailable)
    async def search_down(request: Request, exc: SearchUnavailable) -> Response:
        log.error("search unavailable: %s", exc)
        if _wants_json(request):
            return JSONResponse(
                {"error": "search_unavailable", "message": "Search is temporarily unavailable."},
                status_code=503,
                headers={"Retry-After": "60"},
            )
        response = _page(request, 503)
        response.headers["Retry-After"] = "60"
        return response

    async def catalogue_down(request: Request, exc: Exception) -> Response:
        # The database cannot be reached (or has no free connection): that is an outage to
        # wait out, not a bug, so it is a 503 with the municipality's phone number.
        log.error("catalogue database unavailable on %s: %s", request.url.path, exc)
        if _wants_json(request):
            return JSONResponse(
                {"error": "catalogue_unavailable", "message": "Try again in a minute."},
                status_code=503,
                headers={"Retry-After": "60"},
            )
        return _page(request, 503, {"Retry-After": "60"}, catalogue_down=True)

    app.add_exception_handler(OperationalError, catalogue_down)
    app.add_exception_handler(PoolTimeout, catalogue_down)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        if _wants_json(request):
            return JSONResponse(
                {"error": "internal", "message": "Something went wrong."}, status_code=500
            )
        return _page(request, 500)
