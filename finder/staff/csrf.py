"""CSRF tokens: bound to the staff session, or to a random pre-login cookie for the login form."""

from __future__ import annotations

import hmac
import secrets

from finder.crypto import keyed_hash
from finder.settings import Settings

PRE_COOKIE = "finder_csrf"
FIELD = "csrf_token"


def token_for(settings: Settings, binding: str) -> str:
    return keyed_hash(settings, "csrf", binding)


def new_binding() -> str:
    return secrets.token_urlsafe(24)


def valid(settings: Settings, binding: str, submitted: str) -> bool:
    if not binding or not submitted:
        return False
    return hmac.compare_digest(token_for(settings, binding), submitted)
