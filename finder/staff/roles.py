"""Who may do what. Every staff route names the roles it allows; checks run on the server.

A new role is one entry here (and in `Role`): add it to the groups it belongs to. The menu below
follows the same groups, and tests/finder/staff/test_roles.py checks every route for every role.
"""

from __future__ import annotations

from finder.models import Role

GUIDES = frozenset({Role.helper, Role.counter})
RECEIVERS = frozenset({Role.receiver})
ADMINS = frozenset({Role.admin})
EDITORS = frozenset({Role.editor})
# The municipality reads what residents miss through its admins.
INSIGHT_READERS = EDITORS | ADMINS
REFERRAL_READERS = GUIDES | RECEIVERS

# The staff menu: route names in the order shown, each for the roles that may use it.
MENU: tuple[tuple[str, frozenset[Role]], ...] = (
    ("home", GUIDES),
    ("visitor_list", GUIDES),
    ("referral_list", REFERRAL_READERS),
    ("editor_queue", EDITORS),
    ("editor_changes", EDITORS),
    ("insights", INSIGHT_READERS),
    ("admin_home", ADMINS),
    ("admin_outbox", ADMINS),
    ("admin_organisations", ADMINS),
)


def menu_for(role: Role) -> list[str]:
    return [name for name, allowed in MENU if role in allowed]
