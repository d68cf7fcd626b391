"""Encryption of residents' personal data at rest, and a keyed hash to find one resident."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet

from finder.settings import Settings


def fernet(settings: Settings) -> Fernet:
    # Settings guarantees a valid key: from the environment, or made for development.
    return Fernet(settings.encryption_key)


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
    key = settings.encryption_key.encode()
    return hmac.new(
        key, b"resident:" + normalise_contact(contact).encode(), hashlib.sha256
    ).hexdigest()


def keyed_hash(settings: Settings, purpose: str, value: str) -> str:
    return hmac.new(
        settings.secret_key.encode(), f"{purpose}:{value}".encode(), hashlib.sha256
    ).hexdigest()
