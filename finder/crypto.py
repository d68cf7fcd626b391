"""Encryption of residents' personal data at rest, and a keyed hash to find one resident."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from functools import lru_cache

from cryptography.fernet import Fernet

from finder.settings import Settings

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _key_material(encryption_key: str, secret_key: str) -> bytes:
    if encryption_key:
        return encryption_key.encode()
    # Settings already refuses production without a key; elsewhere a derived key keeps dev simple.
    log.warning(
        "FINDER_ENCRYPTION_KEY is not set; deriving a development key from FINDER_SECRET_KEY"
    )
    return base64.urlsafe_b64encode(
        hashlib.sha256(b"finder-fernet:" + secret_key.encode()).digest()
    )


def fernet(settings: Settings) -> Fernet:
    return Fernet(_key_material(settings.encryption_key, settings.secret_key))


def encrypt(settings: Settings, value: str) -> str:
    return fernet(settings).encrypt(value.encode()).decode() if value else ""


def decrypt(settings: Settings, token: str) -> str:
    return fernet(settings).decrypt(token.encode()).decode() if token else ""


def normalise_contact(contact: str) -> str:
    """Phone numbers compare by digits, e-mail addresses case-insensitively."""
    text = contact.strip().lower()
    if "@" in text:
        return text
    digits = "".join(ch for ch in text if ch.isdigit())
    return "0" + digits[2:] if digits.startswith("31") and len(digits) == 11 else digits


def resident_key(settings: Settings, contact: str) -> str:
    key = _key_material(settings.encryption_key, settings.secret_key)
    return hmac.new(
        key, b"resident:" + normalise_contact(contact).encode(), hashlib.sha256
    ).hexdigest()


def keyed_hash(settings: Settings, purpose: str, value: str) -> str:
    return hmac.new(
        settings.secret_key.encode(), f"{purpose}:{value}".encode(), hashlib.sha256
    ).hexdigest()
