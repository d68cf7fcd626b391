"""What the resident asked, said back in the interface language: "DigiD · near 8043"."""

from __future__ import annotations

from dataclasses import dataclass

from finder.query import Understood
from finder.ui.i18n import gettext_ as _


@dataclass(frozen=True)
class Asked:
    words: str  # as typed, in whatever language the resident used
    where: str  # "near 8043" or "in Stadshagen", translated; empty when no place was given

    @property
    def text(self) -> str:
        return " · ".join(part for part in (self.words, self.where) if part)


def asked(understood: Understood) -> Asked:
    label = understood.location_label
    if label is None:
        where = ""
    elif label == understood.wijk:
        where = _("in %(area)s") % {"area": label}
    else:
        where = _("near %(postcode)s") % {"postcode": label}
    words = " ".join(understood.display_words) or understood.original
    return Asked(words, where)
