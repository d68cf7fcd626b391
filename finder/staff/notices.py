"""The text of outgoing e-mails. None of them contains a resident's personal data.

The organisation's notice is written in Dutch, the language of the organisations in the
municipality, whatever language the helper's page was in. The slip goes to the resident in
the language they speak when the site has it, otherwise in the page's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from finder.models import Referral
from finder.settings import Settings
from finder.staff import clock
from finder.ui.i18n import DEFAULT_LOCALE, LOCALES, current_locale
from finder.ui.i18n import gettext_ as _


@contextmanager
def written_in(locale: str) -> Iterator[None]:
    token = current_locale.set(locale)
    try:
        yield
    finally:
        current_locale.reset(token)


def referral_url(site: str, referral: Referral) -> str:
    return f"{site.rstrip('/')}/staff/verwijzingen/{referral.reference}"


def new_referral(site: str, referral: Referral) -> tuple[str, str]:
    """`site`: the public address of the site (finder.ui.urls.site_url)."""
    with written_in(DEFAULT_LOCALE):
        subject = _("New referral %(reference)s") % {"reference": referral.reference}
        body = "\n\n".join(
            [
                _("Hello,"),
                _("Someone was referred to your organisation for: %(offer)s.")
                % {"offer": referral.offer_title},
                _("Referral made on %(when)s.") % {"when": clock.when(referral.created_at)},
                _("Log in to see who it is and how to reach them:"),
                referral_url(site, referral),
                _("For privacy reasons this e-mail does not contain any personal details."),
                _("Stad in verbinding"),
            ]
        )
    return subject, body


def slip(settings: Settings, referral: Referral, resident_language: str = "") -> tuple[str, str]:
    language = resident_language if resident_language in LOCALES else current_locale.get()
    with written_in(language):
        subject = _("Your referral %(reference)s") % {"reference": referral.reference}
        if referral.digital:
            passed_on = _("We have passed on your question to %(org)s.")
            next_step = _(
                "What happens next: %(org)s will contact you. This usually takes a few "
                "working days."
            )
            if_silent = _(
                "Did you not hear anything after a week? Call them and give your reference number."
            )
        else:
            # Slip only: the organisation was not told, so the resident makes the first move.
            passed_on = _("%(org)s can help you with your question.")
            next_step = _(
                "What happens next: %(org)s does not get a message from us. Please call or "
                "visit them yourself and give your reference number."
            )
            if_silent = ""
        org = {"org": referral.receiving_org_name}
        lines = [
            _("Hello,"),
            passed_on % org,
            _("Offer: %(offer)s") % {"offer": referral.offer_title},
            _("Reference number: %(reference)s") % {"reference": referral.reference},
            _("Date: %(date)s") % {"date": clock.day(referral.created_at)},
            next_step % org,
            if_silent,
            _("Stad in verbinding"),
        ]
        body = "\n\n".join(line for line in lines if line)
    return subject, body
