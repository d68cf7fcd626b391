"""Who may do what. Every staff route names the roles it allows; checks run on the server."""

from __future__ import annotations

from finder.models import Role

GUIDES = frozenset({Role.helper, Role.counter})
RECEIVERS = frozenset({Role.receiver})
ADMINS = frozenset({Role.admin})
REFERRAL_READERS = GUIDES | RECEIVERS
