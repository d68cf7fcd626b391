"""No template receives a table row: every resident page's context holds view models only."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel
from sqlmodel import SQLModel

from finder.settings import Settings
from tests.finder.web.resident_city import build, client_at


def rows_in(value: Any, seen: set[int] | None = None) -> list[str]:
    """Table rows anywhere inside `value`: dataclasses, models, mappings and sequences."""
    seen = seen if seen is not None else set()
    if id(value) in seen or isinstance(value, str | bytes | int | float | bool | None):
        return []
    seen.add(id(value))
    if isinstance(value, SQLModel) and getattr(type(value), "__table__", None) is not None:
        return [type(value).__name__]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, BaseModel):
        children = [getattr(value, name) for name in type(value).model_fields]
    elif isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        children = list(value)
    else:
        return []
    return [row for child in children for row in rows_in(child, seen)]


@pytest.fixture
def city(settings: Settings, make_client: Callable[[Settings], Any]) -> tuple[Any, dict[str, str]]:
    ids = build(settings)
    return client_at(make_client, settings), ids


def test_the_walk_finds_a_row() -> None:
    from finder.models import Offer

    assert rows_in({"x": [("a", Offer(id="o", organization_id="g", title="t"))]}) == ["Offer"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/zoeken?q=digid&postcode=8043",
        "/zoeken?q=digid&open=now&kind=organisatie",
        "/zoeken?q=xyzzy&postcode=8011",
        "/aanbod/{offer}?postcode=8043",
        "/hoe-werkt-zoeken",
        "/bestaat-niet",
    ],
)
def test_resident_pages_get_view_models_not_rows(
    city: tuple[Any, dict[str, str]], path: str
) -> None:
    client, ids = city
    response = client.get(path.format(offer=ids["Informatiepunt Digitale Overheid"]))
    context = {k: v for k, v in response.context.items() if k != "request"}
    assert context, "the page was rendered from a template"
    assert rows_in(context) == []
