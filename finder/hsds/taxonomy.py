"""The taxonomies an export uses: the needs vocabulary, UPL, and the catalogue's own terms.

The Dutch taxonomy names (categorie, zoekwoorden, doelgroep, aanvragen, upl, wijkteam, demo)
are the ones the open-referral source kind reads back (indexer/sources/hsds_map.py), so an
export crawled again becomes the same offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from finder.hsds.ids import part_id
from finder.query import load_vocabulary

NEEDS = "behoeften"
UPL_URI = "https://standaarden.overheid.nl/owms/terms/UniformeProductnaam"


@dataclass(frozen=True)
class Taxonomy:
    name: str
    description: str
    uri: str = ""

    @property
    def id(self) -> str:
        return part_id("taxonomy", self.name)

    def record(self) -> dict[str, Any]:
        found = {"id": self.id, "name": self.name, "description": self.description}
        return found | ({"uri": self.uri} if self.uri else {})


TAXONOMIES = {
    t.name: t
    for t in (
        Taxonomy(NEEDS, "Behoeften van inwoners (needs vocabulary of Stad in verbinding)"),
        Taxonomy("upl", "Uniforme Productnamenlijst (UPL)", UPL_URI),
        Taxonomy("categorie", "Onderwerp van het aanbod"),
        Taxonomy("zoekwoorden", "Extra zoekwoord dat niet in de titel staat"),
        Taxonomy("doelgroep", "Voor wie het aanbod is"),
        Taxonomy("aanvragen", "Hoe u het aanvraagt of gebruikt"),
        Taxonomy("wijkteam", "Wijkteam voor een deel van de stad"),
        Taxonomy("demo", "Markering: (een deel van) dit aanbod is demogegevens"),
    )
}


def term(
    taxonomy: str, code: str, name: str, description: str = "", uri: str = ""
) -> dict[str, Any]:
    owner = TAXONOMIES[taxonomy]
    found = {
        "id": part_id("term", taxonomy, code),
        "code": code,
        "name": name or code,
        "description": description or owner.description,
        "taxonomy": taxonomy,
        "taxonomy_id": owner.id,
        "language": "nl",
    }
    return found | ({"term_uri": uri} if uri else {})


@lru_cache(maxsize=1)
def need_terms_by_code() -> dict[str, dict[str, Any]]:
    return {t["code"]: t for t in need_terms()}


def need_terms() -> list[dict[str, Any]]:
    return [
        term(NEEDS, need.id, need.label_in("nl"), need.description_in("nl"))
        for need in load_vocabulary().needs.values()
    ]


def upl_term(uri: str) -> dict[str, Any]:
    code = uri.rstrip("/").rsplit("/", 1)[-1]
    return term("upl", code, code, "", uri)
