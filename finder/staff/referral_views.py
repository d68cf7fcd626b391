"""What referral pages show, as frozen view models built from the rows: templates never see a row.

Times are already local and written in the page's language; personal data is decrypted here,
only for the pages that may show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from finder.crypto import decrypt
from finder.models import EventKind, Referral, ReferralEvent, Role, User
from finder.settings import Settings
from finder.staff import clock, delivery, intake, workflow
from finder.staff.context import StaffContext
from finder.staff.delivery import Delivery
from finder.staff.mailer import mail_enabled
from finder.staff.referrals import ResidentDetails


@dataclass(frozen=True)
class ReferralRow:
    reference: str
    created: str
    offer_title: str
    organisation: str
    nickname: str
    status: str
    delivery: Delivery | None


@dataclass(frozen=True)
class HistoryItem:
    when: str
    kind: str
    status: str
    note: str
    who: str


@dataclass(frozen=True)
class ReceiverFacts:
    referrer_org: str
    referrer_location: str
    referrer_name: str
    language: str
    other_language: bool
    channel: str
    times: tuple[str, ...]
    own_words: str
    own_words_consent: str


@dataclass(frozen=True)
class ReferralPage:
    reference: str
    offer_title: str
    organisation: str
    created: str
    status: str
    digital: bool
    resident: ResidentDetails
    nickname: str
    facts: ReceiverFacts
    consent_text: str
    consent_at: str
    history: tuple[HistoryItem, ...]
    next_steps: tuple[str, ...]
    can_reopen: bool
    is_receiver: bool
    is_referrer: bool
    delivery: Delivery | None
    slip_mail: Delivery | None


def rows(
    settings: Settings, db: Session, staff: StaffContext, referrals: Sequence[Referral]
) -> list[ReferralRow]:
    """A list row: reference and date always; the nickname only for the one who chose it."""
    guide = staff.role in (Role.helper, Role.counter)
    states = delivery.of_referrals(db, referrals, mail_enabled(settings)) if guide else {}
    return [
        ReferralRow(
            reference=r.reference,
            created=clock.when(r.created_at),
            offer_title=r.offer_title,
            organisation=r.receiving_org_name,
            nickname=decrypt(settings, r.nickname_enc) if r.referrer_id == staff.user_id else "",
            status=r.status.value,
            delivery=states.get(r.id) if r.id is not None else None,
        )
        for r in referrals
    ]


def facts_of(settings: Settings, referral: Referral) -> ReceiverFacts:
    facts = intake.unseal(settings, referral.intake_enc)
    return ReceiverFacts(
        referrer_org=facts.referrer_org,
        referrer_location=facts.referrer_location,
        referrer_name=facts.referrer_name,
        language=intake.language_name(facts.language),
        other_language=facts.language == intake.OTHER_LANGUAGE,
        channel=facts.channel,
        times=facts.times,
        own_words=facts.own_words,
        own_words_consent=facts.own_words_consent,
    )


def _names(db: Session, events: Sequence[ReferralEvent]) -> dict[int, str]:
    ids = {e.actor_id for e in events if e.actor_id is not None}
    if not ids:
        return {}
    users = db.exec(select(User).where(col(User.id).in_(ids)))
    return {u.id: u.name or u.email for u in users if u.id is not None}


def history(
    settings: Settings, db: Session, events: Sequence[ReferralEvent]
) -> tuple[HistoryItem, ...]:
    names = _names(db, events)
    return tuple(
        HistoryItem(
            when=clock.when(e.at),
            kind=EventKind.created.value if i == 0 else e.kind,
            status=e.status.value,
            note=decrypt(settings, e.note_enc),
            who=names.get(e.actor_id, "") if e.actor_id is not None else "",
        )
        for i, e in enumerate(events)
    )


def page(
    settings: Settings,
    db: Session,
    staff: StaffContext,
    referral: Referral,
    resident: ResidentDetails,
    events: Sequence[ReferralEvent],
) -> ReferralPage:
    receiver = staff.role == Role.receiver
    referrer = referral.referrer_id == staff.user_id
    enabled = mail_enabled(settings)
    return ReferralPage(
        reference=referral.reference,
        offer_title=referral.offer_title,
        organisation=referral.receiving_org_name,
        created=clock.when(referral.created_at),
        status=referral.status.value,
        digital=referral.digital,
        resident=resident,
        nickname=decrypt(settings, referral.nickname_enc) if referrer else "",
        facts=facts_of(settings, referral),
        consent_text=referral.consent_text,
        consent_at=clock.when(referral.consent_at),
        history=history(settings, db, events),
        next_steps=tuple(s.value for s in workflow.next_steps(referral.status)) if receiver else (),
        can_reopen=receiver and referral.status in workflow.REOPENABLE,
        is_receiver=receiver,
        is_referrer=referrer,
        delivery=delivery.of_referrals(db, [referral], enabled)[referral.id or 0]
        if referrer
        else None,
        slip_mail=delivery.of_slip_mail(db, referral, enabled) if referrer else None,
    )
