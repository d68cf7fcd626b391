"""Building URLs: site-relative links to named routes, the page's public address, map routes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus, urlencode

import jinja2
from starlette.requests import Request

MAX_QUERY_VALUE = 200
MAX_URL = 1500
URL_CACHE_LIMIT = 20_000


def site_url(request: Request) -> str:
    """The site's public address: FINDER_BASE_URL when set, otherwise the address this request
    came in on (so QR codes and links work on any port and behind a proxy that keeps the Host)."""
    configured = str(request.app.state.settings.base_url)
    return (configured or str(request.base_url)).rstrip("/")


def public_path(request: Request) -> str:
    """The page's path and query as `public_url` gives them, without the site's address.

    Query values are cut to the length search itself uses, so an absurd query still fits a QR code.
    """
    params = [(k, v[:MAX_QUERY_VALUE]) for k, v in request.query_params.multi_items()]
    path = f"{request.url.path}{'?' + urlencode(params) if params else ''}"
    return path if len(site_url(request)) + len(path) <= MAX_URL else request.url.path


def public_url(request: Request) -> str:
    """The page as residents reach it, at the site's public address."""
    return site_url(request) + public_path(request)


def route_url(address: str, postcode: str, city: str) -> str:
    """A plain link the resident's own map app can open; the page itself loads nothing from it."""
    destination = ", ".join(part for part in (address, postcode, city) if part)
    return (
        f"https://www.openstreetmap.org/search?query={quote_plus(destination)}"
        if destination
        else ""
    )


def lang_url(request: Request, code: str) -> str:
    """This page in another language; query values are cut as in `public_url`."""
    params = [
        (k, v[:MAX_QUERY_VALUE]) for k, v in request.query_params.multi_items() if k != "lang"
    ]
    params.append(("lang", code))
    return f"{request.url.path}?{urlencode(params)}"


@jinja2.pass_context
def url_for(context: dict[str, Any], name: str, /, **params: Any) -> str:
    """A site-relative URL for a named route.

    Relative URLs stay right behind any proxy, and lookups are remembered per app: Starlette
    finds a name by trying every route in turn, which showed up in page rendering time.
    """
    app = context["request"].app
    cache: dict[tuple[object, ...], str] | None = getattr(app.state, "url_paths", None)
    if cache is None or len(cache) > URL_CACHE_LIMIT:
        cache = app.state.url_paths = {}
    key = (name, *sorted(params.items()))
    path = cache.get(key)
    if path is None:
        path = cache[key] = str(app.url_path_for(name, **params))
    return path
