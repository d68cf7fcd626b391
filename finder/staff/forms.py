"""The referral form: what is asked, and how it is checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from finder.settings import Settings
from finder.staff.referrals import ResidentDetails
from finder.ui.i18n import gettext_ as _


def consent_text(settings: Settings) -> str:
    """The resident reads this in the page language; that exact text is stored with the referral."""
    return _(
        "I agree that my name, my phone number or e-mail address and my question are passed "
        "on to this organisation, so they can contact me. The data is deleted %(days)d days "
        "after my question is closed. I can ask to see or delete my data at any time."
    ) % {"days": settings.referral_retention_days}


PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class ReferralForm:
    name: str = ""
    contact: str = ""
    question: str = ""
    consent: bool = False

    def errors(self) -> dict[str, str]:
        found = {}
        if not self.name.strip() or len(self.name) > 100:
            found["name"] = "name"
        contact = self.contact.strip()
        if not (
            PHONE.match(contact) and sum(ch.isdigit() for ch in contact) >= 10
        ) and not EMAIL.match(contact):
            found["contact"] = "contact"
        if not self.question.strip() or len(self.question) > 500:
            found["question"] = "question"
        if not self.consent:
            found["consent"] = "consent"
        return found

    def details(self) -> ResidentDetails:
        return ResidentDetails(self.name.strip(), self.contact.strip(), self.question.strip())
