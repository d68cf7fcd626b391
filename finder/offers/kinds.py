"""What kind of help an offer is, derived from the catalogue, for the "kind of help" filter.

- `gemeente`, a municipal product: the municipality's product catalogue lists it (a
  Samenwerkende Catalogi source), it carries a name from the Uniforme Productnamenlijst (the
  national list of government products), or a municipality ("Gemeente …") offers it.
- `wijkteam`: a social district team (the wijkteam checker, or `is_wijkteam` in the data).
- `organisatie`, help from an organisation: everything else.
- `plek`, a place to go: it has an address and residents may walk in without an appointment
  (how to apply: "inloop"). This comes on top of one of the three above.
"""

from __future__ import annotations

from collections.abc import Iterable

KINDS = ("gemeente", "organisatie", "wijkteam", "plek")
MUNICIPAL_SOURCE = "samenwerkende-catalogi"
WALK_IN = "inloop"


def help_kinds(
    *,
    source_kinds: Iterable[str],
    upl_uris: Iterable[str],
    organization: str,
    is_wijkteam: bool,
    how_to_apply: Iterable[str],
    has_place: bool,
) -> list[str]:
    if is_wijkteam:
        kinds = ["wijkteam"]
    elif (
        MUNICIPAL_SOURCE in set(source_kinds)
        or any(upl_uris)
        or organization.strip().lower().startswith("gemeente ")
    ):
        kinds = ["gemeente"]
    else:
        kinds = ["organisatie"]
    if has_place and WALK_IN in set(how_to_apply):
        kinds.append("plek")
    return kinds
