"""Staff factories: a small catalogue, staff organisations and one user per role."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from finder.editorial import corrections
from finder.models import CorrectedField, CrawlChange, CrawlRun, Offer, Role, Suggestion
from finder.settings import Settings
from finder.staff import accounts
from tests import factories

PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class World:
    taalpunt_offer: str
    voedselbank_offer: str
    taalpunt_org: str
    users: dict[str, str] = field(default_factory=dict)


def build_world(settings: Settings) -> World:
    """Taalpunt has a receiver account; the Voedselbank has none (slip only)."""
    with factories.catalogue_session(settings) as db:
        taalpunt = factories.organization(db, "Taalpunt Zwolle (demo)")
        voedselbank = factories.organization(db, "Voedselbank Zwolle (demo)")
        other = factories.organization(db, "Humanitas (demo)")
        place = factories.location(db, "Stadkamer Centrum", address="Demostraat 1 (demo)")
        taal = factories.offer(
            db,
            "Nederlands leren bij het Taalpunt",
            taalpunt,
            places=(place,),
            summary="U leert Nederlands lezen en schrijven.",
            phone="038-000 00 11",
            what_to_bring="Uw identiteitsbewijs",
            keywords=["taal", "nederlands"],
            is_demo=True,
        )
        eten = factories.offer(
            db,
            "Voedselpakket van de Voedselbank",
            voedselbank,
            summary="Gratis boodschappen als u weinig geld heeft.",
            phone="038-000 00 12",
            keywords=["eten", "voedselbank"],
            is_demo=True,
        )
        db.commit()
        world = World(taal.id, eten.id, taalpunt.id)
        _staff(db, world, other.id)
    return world


def _staff(db: Session, world: World, other_catalogue_id: str) -> None:
    accounts.add_organization(db, "Gemeente Zwolle", org_id="gemeente")
    accounts.add_organization(db, "Stadkamer", org_id="stadkamer")
    accounts.add_organization(db, "Taalpunt", catalogue_id=world.taalpunt_org, org_id="taalpunt")
    accounts.add_organization(db, "Humanitas", catalogue_id=other_catalogue_id, org_id="humanitas")
    people = {
        "counter": ("balie@zwolle.example", Role.counter, "gemeente"),
        "helper": ("helper@stadkamer.example", Role.helper, "stadkamer"),
        "helper2": ("helper2@stadkamer.example", Role.helper, "stadkamer"),
        "receiver": ("ontvanger@taalpunt.example", Role.receiver, "taalpunt"),
        "other_receiver": ("ontvanger@humanitas.example", Role.receiver, "humanitas"),
        "editor": ("redactie@zwolle.example", Role.editor, "gemeente"),
        "admin": ("beheer@zwolle.example", Role.admin, "gemeente"),
    }
    for key, (email, role, org) in people.items():
        accounts.add_user(db, email, role, org, PASSWORD, name=key.replace("_", " ").title())
        world.users[key] = email


def editorial_samples(settings: Settings, offer_id: str, client: httpx.Client) -> dict[str, str]:
    """A resident's report, two corrections and a crawl change to try the editors' routes on."""
    report = client.post(f"/aanbod/{offer_id}/melden", data={"problem": "phone"})
    assert report.status_code == 200, report.text
    with factories.catalogue_session(settings) as db:
        offer = db.get(Offer, offer_id)
        assert offer is not None
        kept = corrections.save(
            db, offer, CorrectedField.email, {"text": "a@example.invalid"}, None
        )
        other = corrections.save(db, offer, CorrectedField.url, {"text": "https://a.invalid"}, None)
        run = CrawlRun(started_at=datetime.now(UTC))
        db.add(run)
        db.flush()
        change = CrawlChange(
            run_id=run.id or 0, source_name="demo", change="changed", source_ref="x",
            offer_id=offer_id, title=offer.title,
        )  # fmt: skip
        db.add(change)
        db.commit()
        suggestion = db.exec(select(Suggestion.id)).first()
        return {
            "suggestion_id": str(suggestion),
            "correction_id": str(kept.id),
            "other": str(other.id),
            "change_id": str(change.id),
        }


def token_in(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def in_english(client: httpx.Client) -> httpx.Client:
    """From now on this client's pages are in English (the language cookie, as a user sets it)."""
    client.get("/?lang=en")
    return client


def login(client: httpx.Client, email: str, password: str = PASSWORD) -> str:
    """Logs in and returns the session's CSRF token."""
    page = client.get("/staff/inloggen")
    response = client.post(
        "/staff/inloggen",
        data={"email": email, "password": password, "csrf_token": token_in(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return token_in(client.get("/staff", follow_redirects=True).text)


def refer(client: httpx.Client, csrf: str, offer_id: str, **fields: str) -> httpx.Response:
    data = {
        "name": "Fatima Jansen",
        "contact": "06-12345678",
        "question": "Wil graag Nederlands leren voor werk",
        "consent": "yes",
        "csrf_token": csrf,
        **fields,
    }
    return client.post(f"/staff/verwijzen/{offer_id}", data=data, follow_redirects=False)


def step(
    client: httpx.Client, csrf: str, reference: str, status: str, seen: str, note: str = ""
) -> httpx.Response:
    """A receiver presses the button for `status` on a page that showed `seen`."""
    return client.post(
        f"/staff/verwijzingen/{reference}/status",
        data={"status": status, "seen": seen, "note": note, "csrf_token": csrf},
        follow_redirects=False,
    )


def reference_of(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/staff/verwijzingen/")[1].split("?")[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    """Collects what a real local SMTP server (aiosmtpd) receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))  # type: ignore[attr-defined]
        return "250 OK"


def smtp_server(inbox: Inbox, port: int) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


ROOT = Path(__file__).resolve().parents[3]


@contextmanager
def server(data_dir: Path, **settings: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The real app under uvicorn in its own process, on an ephemeral port, over data_dir.

    `settings` are extra FINDER_* variables, e.g. staff_referral_limit="1000".
    """
    port = free_port()
    env = {
        **os.environ,
        "FINDER_DATA_DIR": str(data_dir),
        "FINDER_ENVIRONMENT": "test",
        **{f"FINDER_{k.upper()}": v for k, v in settings.items()},
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "finder.asgi:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield process, url
    finally:
        process.kill()
        process.wait()
