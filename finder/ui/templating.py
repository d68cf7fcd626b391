"""The Jinja2 environment: pages plus component macros, translated through Babel.

Each app builds its own environment (`build_templates`) with the globals its parts need, and
keeps it in `app.state.templates`; nothing is installed into a module-level environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

import jinja2
from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from finder.ui.glossary import terms_in
from finder.ui.i18n import LOCALES, current_locale, gettext_, ngettext_, text_direction
from finder.ui.resources import bundled
from finder.ui.urls import lang_url, public_path, public_url, url_for

DayWidth = Literal["abbreviated", "narrow", "short", "wide"]
TEMPLATES_DIR = bundled("templates")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled template code shared by every environment in this process.

    Tests and workers build several apps; the code depends only on the template source, so
    compiling each template once is enough.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


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


def _common(request: Request) -> dict[str, Any]:
    locale = request.scope.get("state", {}).get("locale", "nl")
    return {"locale": locale, "direction": text_direction(locale)}


def build_templates(extra_globals: Mapping[str, Any] | None = None) -> Jinja2Templates:
    """A fresh environment with the shared filters and globals, plus the caller's own."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_COMPILED,
    )
    env.install_gettext_callables(gettext_, ngettext_, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(distance=_distance, weekday=_weekday, long_date=_date, tel=_tel)
    env.globals.update(
        url_for=url_for,
        locales=LOCALES,
        lang_url=lang_url,
        glossary_terms=terms_in,
        public_url=public_url,
        public_path=public_path,
        **(extra_globals or {}),
    )
    return Jinja2Templates(env=env, context_processors=[_common])


def render(
    request: Request, name: str, context: Mapping[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """Render a template with the environment of the app that serves this request."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, dict(context or {}), status_code=status)
