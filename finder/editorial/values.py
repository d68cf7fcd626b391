"""What an editor may enter for each field, checked and brought into one stored form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from typing import Any

from sqlmodel import Session, col, select

from finder.geo import get_geocoder
from finder.geo.postcode import normalise_postcode
from finder.models import CorrectedField, Location, Offer, Schedule
from finder.settings import Settings

PHONE = re.compile(r"^\+?[0-9 ()-]{3,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TEXT = 200


class InvalidValue(ValueError):
    """The entered value cannot be stored; the message names the field."""


def _time(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    try:
        return time.fromisoformat(text).strftime("%H:%M")
    except ValueError:
        raise InvalidValue("hours") from None


def parse(settings: Settings, name: CorrectedField, form: Mapping[str, str]) -> dict[str, Any]:
    """The stored value for `name` from the editor's form fields."""
    if name in (CorrectedField.phone, CorrectedField.email, CorrectedField.url):
        text = form.get("text", "").strip()
        valid = {
            CorrectedField.phone: lambda t: (
                bool(PHONE.match(t)) and sum(c.isdigit() for c in t) >= 3
            ),
            CorrectedField.email: lambda t: bool(EMAIL.match(t)),
            CorrectedField.url: lambda t: t.startswith(("https://", "http://")) and " " not in t,
        }[name]
        # An empty value is a correction too: the crawled one is wrong and there is no other.
        if len(text) > MAX_TEXT or (text and not valid(text)):
            raise InvalidValue(name.value)
        return {"text": text}
    if name == CorrectedField.address:
        return _address(settings, form)
    if name == CorrectedField.hours:
        return _hours(form)
    return {}


def _address(settings: Settings, form: Mapping[str, str]) -> dict[str, Any]:
    street, city = form.get("address", "").strip(), form.get("city", "").strip()
    postcode = normalise_postcode(form.get("postcode", ""))
    if not street or len(street) > MAX_TEXT or not city or len(city) > MAX_TEXT or not postcode:
        raise InvalidValue("address")
    geocoder = get_geocoder(settings)
    point = geocoder.locate(postcode) or geocoder.locate(postcode[:4])
    return {
        "address": street,
        "postcode": postcode,
        "city": city,
        "latitude": point.lat if point else None,
        "longitude": point.lon if point else None,
    }


def _hours(form: Mapping[str, str]) -> dict[str, Any]:
    periods = []
    for day in range(7):
        opens, closes = _time(form.get(f"opens_{day}", "")), _time(form.get(f"closes_{day}", ""))
        if opens is None and closes is None:
            continue
        if opens is None or closes is None or closes <= opens:
            raise InvalidValue("hours")
        periods.append([day, opens, closes])
    return {"periods": periods}


def crawled(
    session: Session, offer: Offer, name: CorrectedField, location_id: str = ""
) -> dict[str, Any]:
    """The value the catalogue holds now, as crawled, in the same form as a correction."""
    if name in (CorrectedField.phone, CorrectedField.email, CorrectedField.url):
        return {"text": getattr(offer, name.value)}
    if name == CorrectedField.address:
        place = session.get(Location, location_id)
        if place is None:
            return {}
        return {"address": place.address, "postcode": place.postcode, "city": place.city}
    if name == CorrectedField.hours:
        rows = session.exec(
            select(Schedule).where(
                Schedule.offer_id == offer.id,
                col(Schedule.valid_from).is_(None),
                col(Schedule.closed).is_(False),
            )
        ).all()
        periods = {
            (s.weekday, s.opens.strftime("%H:%M"), s.closes.strftime("%H:%M"))
            for s in rows
            if s.opens and s.closes
        }
        return {"periods": [list(p) for p in sorted(periods)]}
    return {}


def _key(name: str, value: dict[str, Any]) -> object:
    if name == CorrectedField.address:
        return tuple(
            " ".join(str(value.get(k) or "").split()).casefold()
            for k in ("address", "postcode", "city")
        )
    if name == CorrectedField.hours:
        return [list(p) for p in value.get("periods", [])]
    if name in (CorrectedField.phone,):
        return "".join(ch for ch in str(value.get("text", "")) if ch.isdigit() or ch == "+")
    return str(value.get("text", "")).strip().casefold() if "text" in value else value


def same(name: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal as residents would read them: spacing, case and phone punctuation do not count."""
    return _key(name, a) == _key(name, b)


DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def describe(name: str, value: dict[str, Any]) -> str:
    """A stored value as plain text for open data, e.g. "MO 09:00-17:00; TU 09:00-12:00"."""
    if name == CorrectedField.address:
        return " ".join(str(value.get(k) or "") for k in ("address", "postcode", "city")).strip()
    if name == CorrectedField.hours:
        return "; ".join(f"{DAY_CODES[int(d)]} {o}-{c}" for d, o, c in value.get("periods", []))
    if name == CorrectedField.gone:
        return "no longer exists"
    return str(value.get("text", ""))
