"""The filters on the results page: groups of options with counts, and the active ones as links
that remove them. Every link keeps the question and the postcode."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from babel import Locale

from finder.search.filtering import Counts, Filters, Option
from finder.ui.i18n import gettext_ as _


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FilterGroup:
    name: str  # the query parameter
    legend: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    query: str  # the results page's query string without this filter


@dataclass(frozen=True)
class FilterPanel:
    groups: tuple[FilterGroup, ...]
    active: tuple[ActiveFilter, ...]
    clear_query: str  # the question and postcode, without any filter


def _labels(postcode: bool) -> dict[str, dict[str, str]]:
    return {
        "open": {"now": _("Open now"), "today": _("Open today")},
        "kind": {
            "gemeente": _("From the municipality"),
            "organisatie": _("Help from an organisation"),
            "wijkteam": _("Your district team") if postcode else _("District teams"),
            "plek": _("A place to walk in"),
        },
        "audience": {"particulier": _("Residents"), "ondernemer": _("Entrepreneurs")},
    }


def _legends() -> dict[str, str]:
    return {
        "open": _("Opening hours"),
        "kind": _("Kind of help"),
        "audience": _("For whom"),
        "language": _("Language spoken there"),
    }


def language_name(code: str, locale: str) -> str:
    name = Locale.parse(locale).languages.get(code)
    return str(name) if name else code


def query_string(q: str, postcode: str, filters: Filters) -> str:
    params = {"q": q, **({"postcode": postcode} if postcode else {}), **filters.active}
    return urlencode(params)


def filter_panel(
    counts: Counts | None, filters: Filters, q: str, postcode: str, locale: str
) -> FilterPanel:
    labels = _labels(bool(postcode))

    def label(name: str, value: str) -> str:
        if name == "language":
            return language_name(value, locale)
        return labels[name].get(value, value)

    def group(name: str, options: tuple[Option, ...]) -> FilterGroup:
        shown = [FilterOption(o.value, label(name, o.value), o.count, o.selected) for o in options]
        if name == "language":
            shown.sort(key=lambda o: (-o.count, o.label))
        return FilterGroup(name, _legends()[name], tuple(shown))

    groups: tuple[FilterGroup, ...] = ()
    if counts is not None:
        found = [
            group(name, getattr(counts, name)) for name in ("open", "kind", "audience", "language")
        ]
        groups = tuple(g for g in found if g.options)
    active = tuple(
        ActiveFilter(label(name, value), query_string(q, postcode, filters.without(name)))
        for name, value in filters.active.items()
    )
    return FilterPanel(groups, active, query_string(q, postcode, Filters()))
