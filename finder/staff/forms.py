"""The referral form: what is asked, and how it is checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from finder.settings import Settings
from finder.staff.intake import CHANNELS, LANGUAGES, OTHER_LANGUAGE, TIMES, Intake
from finder.staff.referrals import ResidentDetails
from finder.ui.i18n import gettext_ as _

PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NICKNAME = 40
MAX_QUESTION = 500
MAX_OWN_WORDS = 1000
MAX_STAFF_TEXT = 100


def consent_text(settings: Settings) -> str:
    """The resident reads this in the page language; that exact text is stored with the referral."""
    return _(
        "I agree that my name, how to reach me, the language I speak, when and how I like to be "
        "contacted, and my question are passed on to this organisation, so they can contact me. "
        "The data is deleted %(days)d days after my question is closed. I can ask to see or "
        "delete my data at any time."
    ) % {"days": settings.referral_retention_days}


def own_words_consent_text() -> str:
    return _(
        "I agree that my question is passed on in my own words, exactly as written here, to this "
        "organisation only."
    )


@dataclass(frozen=True)
class ReferralForm:
    name: str = ""
    contact: str = ""
    question: str = ""
    consent: bool = False
    nickname: str = ""
    language: str = ""
    channel: str = ""
    times: tuple[str, ...] = ()
    own_words: str = ""
    own_words_consent: bool = False
    helper_name: str = ""
    location: str = ""

    def errors(self) -> dict[str, str]:
        found = {}
        if not self.name.strip() or len(self.name) > 100:
            found["name"] = "name"
        contact = self.contact.strip()
        if not (
            PHONE.match(contact) and sum(ch.isdigit() for ch in contact) >= 10
        ) and not EMAIL.match(contact):
            found["contact"] = "contact"
        if not self.question.strip() or len(self.question) > MAX_QUESTION:
            found["question"] = "question"
        if not self.consent:
            found["consent"] = "consent"
        if len(self.nickname) > MAX_NICKNAME:
            found["nickname"] = "nickname"
        if self.language not in ("", OTHER_LANGUAGE, *LANGUAGES):
            found["language"] = "language"
        if self.channel not in ("", *CHANNELS) or not set(self.times) <= set(TIMES):
            found["channel"] = "channel"
        if len(self.own_words) > MAX_OWN_WORDS or (
            self.own_words.strip() and not self.own_words_consent
        ):
            found["own_words"] = "own_words"
        if len(self.helper_name) > MAX_STAFF_TEXT or len(self.location) > MAX_STAFF_TEXT:
            found["referrer"] = "referrer"
        return found

    def details(self) -> ResidentDetails:
        return ResidentDetails(self.name.strip(), self.contact.strip(), self.question.strip())

    def intake(self, referrer_org: str) -> Intake:
        words = self.own_words.strip()
        return Intake(
            referrer_org=referrer_org,
            referrer_location=self.location.strip(),
            referrer_name=self.helper_name.strip(),
            language=self.language,
            channel=self.channel,
            times=tuple(t for t in TIMES if t in self.times),
            own_words=words,
            own_words_consent=own_words_consent_text() if words else "",
        )
