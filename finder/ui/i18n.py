"""Languages: the known locales, choosing one per request, and their Babel catalogues."""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import lru_cache
from io import BytesIO

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from finder.ui.resources import bundled

LOCALES_DIR = bundled("locales")
DEFAULT_LOCALE = "nl"
# Each language is named in its own language in the switcher.
LOCALES: dict[str, str] = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "uk": "Українська",
}
RTL = frozenset({"ar"})
COOKIE = "lang"

current_locale: ContextVar[str] = ContextVar("current_locale", default=DEFAULT_LOCALE)


@lru_cache(maxsize=len(LOCALES))
def translations(locale: str) -> gettext.NullTranslations:
    """Read the .po catalogue straight into memory, so no compile step is needed."""
    po = LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_(message: str) -> str:
    return translations(current_locale.get()).gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    return translations(current_locale.get()).ngettext(singular, plural, n)


def parse_accept_language(header: str) -> str | None:
    choices = []
    for part in header.split(","):
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        choices.append((quality, tag.strip().lower().split("-")[0]))
    for quality, tag in sorted(choices, key=lambda c: -c[0]):
        if tag in LOCALES and quality > 0:
            return tag
    return None


def choose_locale(query_lang: str | None, cookie_lang: str | None, accept_language: str) -> str:
    for candidate in (query_lang, cookie_lang):
        if candidate in LOCALES:
            return str(candidate)
    return parse_accept_language(accept_language) or DEFAULT_LOCALE


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL else "ltr"


def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale)
