"""Staff templates get view models, never table rows (#11)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlmodel import SQLModel

from finder.settings import Settings
from finder.staff import rendering
from tests.finder.staff.factories import build_world, login, refer, reference_of, step


def _rows_in(value: Any, path: str = "context") -> list[str]:
    if isinstance(value, SQLModel) and getattr(value, "__table__", None) is not None:
        return [f"{path}: {type(value).__name__}"]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            found
            for f in dataclasses.fields(value)
            for found in _rows_in(getattr(value, f.name), f"{path}.{f.name}")
        ]
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _rows_in(v, f"{path}[{k!r}]")]
    if isinstance(value, list | tuple | set | frozenset):
        return [found for i, v in enumerate(value) for found in _rows_in(v, f"{path}[{i}]")]
    return []


def test_no_staff_page_gets_a_table_row(
    settings: Settings, make_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    inner = rendering.render_template

    def checked(request: Any, name: str, context: Any = None, status: int = 200) -> Any:
        seen.append(name)
        rows = _rows_in(dict(context or {}))
        assert not rows, f"{name} got table rows: {rows}"
        return inner(request, name, context, status)

    monkeypatch.setattr(rendering, "render_template", checked)
    world = build_world(settings)
    counter, receiver, admin = (make_client(settings) for _ in range(3))
    csrf = login(counter, world.users["counter"])
    counter.post(
        "/staff/bezoeker/toevoegen", data={"offer_id": world.taalpunt_offer, "csrf_token": csrf}
    )
    reference = reference_of(refer(counter, csrf, world.taalpunt_offer))
    for path in (
        "/staff/bezoeker",
        "/staff/bezoeker/overzicht",
        f"/staff/verwijzen/{world.taalpunt_offer}",
        "/staff/verwijzingen",
        f"/staff/verwijzingen/{reference}?nieuw=1",
        f"/staff/verwijzingen/{reference}/bon",
    ):
        assert counter.get(path).status_code == 200, path
    receiver_csrf = login(receiver, world.users["receiver"])
    step(receiver, receiver_csrf, reference, "helped", "received")
    assert receiver.get(f"/staff/verwijzingen/{reference}").status_code == 200
    login(admin, world.users["admin"])
    for path in (
        "/staff/beheer",
        "/staff/beheer/e-mail",
        "/staff/beheer/organisaties",
        "/staff/beheer/organisaties/taalpunt?q=taal",
    ):
        assert admin.get(path).status_code == 200, path
    assert {
        "staff/visitor.html",
        "staff/handout.html",
        "staff/referral_form.html",
        "staff/referrals.html",
        "staff/referral.html",
        "staff/slip.html",
        "staff/admin.html",
        "staff/outbox.html",
        "staff/organisations.html",
        "staff/organisation.html",
        "staff/login.html",
    } <= set(seen)
