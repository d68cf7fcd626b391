"""The Jinja2 environment: pages plus component macros, translated through Babel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import jinja2
from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal
from markupsafe import Markup
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from finder.web.glossary import terms_in
from finder.web.i18n import LOCALES, current_locale, gettext_, ngettext_, text_direction
from finder.web.qr import public_url, qr_svg

DayWidth = Literal["abbreviated", "narrow", "short", "wide"]
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def _distance(km: float | None) -> str:
    if km is None:
        return ""
    locale = current_locale.get()
    if km < 1:
        return f"{format_decimal(round(km * 1000, -1), format='#,##0', locale=locale)} m"
    return f"{format_decimal(km, format='#,##0.0', locale=locale)} km"


def _weekday(index: int, width: DayWidth = "wide") -> str:
    return str(get_day_names(width, locale=current_locale.get())[index])


def _date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, format="long", locale=current_locale.get())


def _tel(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


def _lang_url(request: Request, code: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", code))
    return f"{request.url.path}?{urlencode(params)}"


def _page_qr(request: Request, label: str) -> Markup:
    return qr_svg(public_url(request), label)


URL_CACHE_LIMIT = 20_000


@jinja2.pass_context
def _url_for(context: dict[str, Any], name: str, /, **params: Any) -> str:
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


def build_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.install_gettext_callables(gettext_, ngettext_, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(distance=_distance, weekday=_weekday, long_date=_date, tel=_tel)
    env.globals.update(
        url_for=_url_for,
        locales=LOCALES,
        lang_url=_lang_url,
        glossary_terms=terms_in,
        page_qr=_page_qr,
        public_url=public_url,
    )
    return env


def _common(request: Request) -> dict[str, Any]:
    locale = request.scope.get("state", {}).get("locale", "nl")
    return {"locale": locale, "direction": text_direction(locale)}


templates = Jinja2Templates(env=build_environment(), context_processors=[_common])
