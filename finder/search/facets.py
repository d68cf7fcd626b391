"""What filters read of a search document: kinds of help, audience, languages, opening hours."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from finder.hours import OpeningPeriod
from finder.search.documents import SearchDocument


class Facets(BaseModel):
    model_config = ConfigDict(frozen=True)

    kinds: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    hours: tuple[OpeningPeriod, ...] = Field(default=())


def facets_of(doc: SearchDocument) -> Facets:
    return Facets(
        kinds=tuple(doc.kinds),
        audience=tuple(doc.audience),
        languages=tuple(doc.languages),
        hours=tuple(doc.hours),
    )
