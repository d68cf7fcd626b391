"""Admin commands: organisations, users, the e-mail outbox and the referral purge."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from sqlmodel import Session, col, select

from finder.db import init_db
from finder.models import Role, StaffOrganization, User
from finder.settings import get_settings
from finder.staff import accounts, catalogue_search, outbox, receivers, retention


def _session() -> Session:
    return Session(init_db(get_settings()))


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return 2


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise accounts.AccountError("the passwords are not the same")
    return first


def _org_add(args: argparse.Namespace) -> int:
    with _session() as db:
        try:
            org = accounts.add_organization(
                db, args.name, args.catalogue_id, args.notify_email, args.id
            )
        except accounts.AccountError as exc:
            return _fail(str(exc))
        _out(f"organisation {org.id} created")
    return 0


def _org_list(args: argparse.Namespace) -> int:
    with _session() as db:
        orgs = db.exec(select(StaffOrganization).order_by(col(StaffOrganization.id))).all()
        if not orgs:
            _out("no organisations yet; add one with: finder organizations add --name NAME")
            return 0
        for org in orgs:
            offers = len(receivers.linked_offer_ids(db, org.id))
            _out(f"{org.id}\t{org.name}\tcatalogue={org.catalogue_id or '-'}\toffers={offers}")
    return 0


def _pick(found: list[tuple[str, str]], what: str, words: str, take_all: bool) -> list[str]:
    """One match, or all of them with --all; several or none is an error that lists them."""
    if not found:
        raise accounts.AccountError(f"no {what} matches {words!r}; try other or fewer words")
    if len(found) > 1 and not take_all:
        listing = "\n".join(f"  {label}" for _, label in found)
        raise accounts.AccountError(
            f"{len(found)} {what}s match {words!r}; use more words, or --all to take them all:\n"
            f"{listing}"
        )
    return [key for key, _ in found]


def _org_link(args: argparse.Namespace) -> int:
    with _session() as db:
        org = db.get(StaffOrganization, args.organization)
        try:
            if org is None:
                raise accounts.AccountError(f"no staff organisation {args.organization!r}")
            if args.catalogue:
                matches = catalogue_search.find_organizations(db, args.catalogue)
                exact = [
                    o
                    for o in matches
                    if catalogue_search.fold(o.name) == catalogue_search.fold(args.catalogue)
                ]
                chosen = _pick(
                    [(o.id, o.name) for o in exact or matches],
                    "organisation",
                    args.catalogue,
                    False,
                )
                org.catalogue_id = chosen[0]
                db.add(org)
                db.commit()
                _out(f"{org.id} receives referrals for every offer of {(exact or matches)[0].name}")
                return 0
            if args.unlink:
                linked = set(receivers.linked_offer_ids(db, org.id))
                offers = [
                    o
                    for o in catalogue_search.find_offers(db, args.offer, 10_000)
                    if o.id in linked
                ]
            else:
                offers = catalogue_search.find_offers(db, args.offer, 10_000)
            ids = _pick(
                [(o.id, f"{o.title} ({o.organization_name})") for o in offers],
                "offer",
                args.offer,
                args.all,
            )
        except accounts.AccountError as exc:
            return _fail(str(exc))
        titles = {o.id: o.title for o in offers}
        if args.unlink:
            receivers.unlink(db, org.id, ids)
        else:
            receivers.link(db, org.id, ids)
        verb = "no longer receives" if args.unlink else "receives"
        for offer_id in ids:
            _out(f"{org.id} {verb} referrals for: {titles[offer_id]}")
    return 0


def _user_add(args: argparse.Namespace) -> int:
    with _session() as db:
        try:
            password = _read_password(args.password_stdin)
            user = accounts.add_user(
                db, args.email, Role(args.role), args.organization, password, args.name
            )
        except accounts.AccountError as exc:
            return _fail(str(exc))
        _out(f"user {user.email} created with role {user.role.value}")
    return 0


def _user_list(args: argparse.Namespace) -> int:
    with _session() as db:
        for user in db.exec(select(User).order_by(col(User.email))):
            state = "active" if user.active else "disabled"
            _out(f"{user.email}\t{user.role.value}\t{user.organization_id}\t{state}")
    return 0


def _user_active(active: bool) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with _session() as db:
            try:
                accounts.set_active(db, args.email, active)
            except accounts.AccountError as exc:
                return _fail(str(exc))
        _out(f"user {args.email.strip().lower()} {'enabled' if active else 'disabled'}")
        return 0

    return run


def _outbox_flush(args: argparse.Namespace) -> int:
    result = outbox.flush(get_settings())
    _out(f"sent {result.sent}, failed {result.failed}")
    return 0


def _outbox_status(args: argparse.Namespace) -> int:
    init_db(get_settings())
    _out(" ".join(f"{k}={v}" for k, v in outbox.counts(get_settings()).items()))
    return 0


def _purge(args: argparse.Namespace) -> int:
    init_db(get_settings())
    _out(f"purged {retention.purge(get_settings()).referrals} closed referrals")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    orgs = commands.add_parser("organizations", help="staff organisations").add_subparsers(
        dest="sub", required=True
    )
    add = orgs.add_parser("add", help="create an organisation whose staff log in")
    add.add_argument("--name", required=True)
    add.add_argument("--id", help="short id; made from the name when left out")
    add.add_argument(
        "--catalogue-id", help="Organization id in the catalogue (required for receivers)"
    )
    add.add_argument("--notify-email", default="", help="extra address told about new referrals")
    add.set_defaults(func=_org_add)
    orgs.add_parser("list", help="list organisations").set_defaults(func=_org_list)
    for name, unlink in (("link", False), ("unlink", True)):
        sub = orgs.add_parser(
            name,
            help="stop receiving referrals for offers found by words"
            if unlink
            else "receive referrals for offers (or a catalogue organisation) found by words",
        )
        sub.add_argument("--organization", required=True, help="staff organisation id")
        target = sub.add_mutually_exclusive_group(required=True)
        target.add_argument("--offer", help="words from the offer's title or organisation")
        if not unlink:
            target.add_argument(
                "--catalogue",
                help="words from a catalogue organisation's name: receive all its offers",
            )
        sub.add_argument("--all", action="store_true", help="take every offer that matches")
        sub.set_defaults(func=_org_link, unlink=unlink, catalogue=None)

    users = commands.add_parser("users", help="staff accounts").add_subparsers(
        dest="sub", required=True
    )
    add = users.add_parser("add", help="create a staff account")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--email", required=True)
    add.add_argument("--organization", required=True, help="staff organisation id")
    add.add_argument("--name", default="")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.set_defaults(func=_user_add)
    users.add_parser("list", help="list accounts").set_defaults(func=_user_list)
    for name, active in (("disable", False), ("enable", True)):
        sub = users.add_parser(name, help=f"{name} an account")
        sub.add_argument("--email", required=True)
        sub.set_defaults(func=_user_active(active))

    box = commands.add_parser("outbox", help="queued e-mail").add_subparsers(
        dest="sub", required=True
    )
    box.add_parser("flush", help="send due e-mail now").set_defaults(func=_outbox_flush)
    box.add_parser("status", help="count pending, sent and failed e-mail").set_defaults(
        func=_outbox_status
    )

    refs = commands.add_parser("referrals", help="warm referrals").add_subparsers(
        dest="sub", required=True
    )
    refs.add_parser("purge", help="delete closed referrals past the retention period").set_defaults(
        func=_purge
    )
