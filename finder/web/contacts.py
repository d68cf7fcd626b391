"""The general contacts that always help, shown when search cannot."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from finder.db import get_engine
from finder.offers import wijkteam_for
from finder.settings import Settings


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    note: str
    url: str = ""


def general_contacts(settings: Settings, postcode: str | None = None) -> list[Contact]:
    contacts = [
        Contact(settings.municipality_name, settings.municipality_phone, "municipality"),
    ]
    team = None
    try:
        with Session(get_engine(settings)) as session:
            team = wijkteam_for(session, postcode)
    except SQLAlchemyError:
        team = None
    if team is not None:
        contacts.append(Contact(team.title, team.phone, "wijkteam", team.id))
    contacts.append(Contact("Stadkamer", "", "stadkamer", "https://www.stadkamer.nl"))
    return contacts
