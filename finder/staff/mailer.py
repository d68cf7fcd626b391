"""Sending one e-mail over SMTP, configured by FINDER_SMTP_*."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from finder.settings import Settings

TIMEOUT = 10


class MailError(Exception):
    """Sending failed. The message names the kind of failure only, never an address."""


def mail_enabled(settings: Settings) -> bool:
    return bool(settings.smtp_host)


def send_mail(settings: Settings, to: str, subject: str, body: str) -> None:
    if not mail_enabled(settings):
        raise MailError("e-mail is not configured")
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"SMTP error {exc.smtp_code}") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(type(exc).__name__) from None
