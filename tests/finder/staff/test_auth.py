from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import StaffSession, User
from finder.settings import Settings
from finder.staff.rendering import secure_cookies
from tests.finder.staff.factories import PASSWORD, build_world, login, token_in


def test_login_sets_a_private_session_cookie_and_hashes_passwords(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    page = client.get("/staff/inloggen")
    response = client.post(
        "/staff/inloggen",
        data={
            "email": world.users["counter"],
            "password": PASSWORD,
            "csrf_token": token_in(page.text),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("finder_staff=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    with Session(get_engine(settings)) as db:
        user = db.exec(select(User).where(User.email == world.users["counter"])).one()
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
    assert client.get("/staff", follow_redirects=True).url.path == "/staff/bezoeker"


def test_cookies_are_secure_outside_development(tmp_path: Any) -> None:
    production = Settings(
        data_dir=tmp_path,
        environment="production",
        secret_key="s" * 40,
        encryption_key=Fernet.generate_key().decode(),
    )
    assert secure_cookies(production)
    assert not secure_cookies(Settings(data_dir=tmp_path, environment="development"))


def test_wrong_password_is_refused_with_the_same_message_as_an_unknown_account(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    for email in (world.users["counter"], "nobody@example.org"):
        page = client.get("/staff/inloggen")
        response = client.post(
            "/staff/inloggen",
            data={"email": email, "password": "wrong password!", "csrf_token": token_in(page.text)},
        )
        assert response.status_code == 400
        assert "finder_staff=" not in response.headers.get("set-cookie", "")


def test_forms_without_a_valid_csrf_token_get_a_friendly_403(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    no_token = client.post(
        "/staff/inloggen", data={"email": world.users["counter"], "password": PASSWORD}
    )
    assert no_token.status_code == 403
    assert 'id="csrf-expired"' in no_token.text
    login(client, world.users["counter"])
    forged = client.post(
        "/staff/bezoeker/toevoegen", data={"offer_id": world.taalpunt_offer, "csrf_token": "forged"}
    )
    assert forged.status_code == 403
    assert client.get("/staff/bezoeker").text.count('name="offer_id"') == 0


def test_logout_ends_the_session_on_the_server(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    stolen_cookie = client.cookies.get("finder_staff")
    response = client.post("/staff/uitloggen", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    with Session(get_engine(settings)) as db:
        assert db.exec(select(StaffSession)).all() == []
    client.cookies.set("finder_staff", stolen_cookie or "")
    assert (
        client.get("/staff/bezoeker", follow_redirects=False).headers["location"]
        == "/staff/inloggen"
    )
