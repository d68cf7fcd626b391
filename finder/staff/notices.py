"""The text of outgoing e-mails. None of them contains a resident's personal data."""

from __future__ import annotations

from finder.models import Referral
from finder.settings import Settings
from finder.ui.i18n import gettext_ as _


def referral_url(settings: Settings, referral: Referral) -> str:
    return f"{settings.base_url.rstrip('/')}/staff/verwijzingen/{referral.reference}"


def new_referral(settings: Settings, referral: Referral) -> tuple[str, str]:
    subject = _("New referral %(reference)s") % {"reference": referral.reference}
    body = "\n\n".join(
        [
            _("Hello,"),
            _("Someone was referred to your organisation for: %(offer)s.")
            % {"offer": referral.offer_title},
            _("Log in to see who it is and how to reach them:"),
            referral_url(settings, referral),
            _("For privacy reasons this e-mail does not contain any personal details."),
            _("Stad in verbinding"),
        ]
    )
    return subject, body


def slip(settings: Settings, referral: Referral) -> tuple[str, str]:
    subject = _("Your referral %(reference)s") % {"reference": referral.reference}
    body = "\n\n".join(
        [
            _("Hello,"),
            _("We have passed on your question to %(org)s.") % {"org": referral.receiving_org_name},
            _("Offer: %(offer)s") % {"offer": referral.offer_title},
            _("Reference number: %(reference)s") % {"reference": referral.reference},
            _("What happens next: %(org)s will contact you. This usually takes a few working days.")
            % {"org": referral.receiving_org_name},
            _("Did you not hear anything after a week? Call them and give your reference number."),
            _("Stad in verbinding"),
        ]
    )
    return subject, body
