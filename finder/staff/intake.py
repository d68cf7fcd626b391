"""What the receiving organisation needs to act on a referral, kept encrypted as one record.

Who referred (organisation, location, the helper's chosen name), the resident's language, when
and how they like to be contacted, and their question in their own words when they agreed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from babel import Locale

from finder.crypto import decrypt, encrypt
from finder.settings import Settings
from finder.ui.i18n import current_locale

# Languages often spoken by Zwolle residents who ask for help, besides the site's own six.
LANGUAGES = (
    "nl",
    "en",
    "ar",
    "tr",
    "pl",
    "uk",
    "ti",
    "so",
    "fa",
    "ps",
    "ku",
    "ru",
    "ro",
    "bg",
    "es",
    "fr",
    "de",
    "pt",
    "zh",
)
OTHER_LANGUAGE = "other"
CHANNELS = ("phone", "text", "email", "in_person")
TIMES = ("morning", "afternoon", "evening")


@dataclass(frozen=True)
class Intake:
    referrer_org: str = ""
    referrer_location: str = ""
    referrer_name: str = ""
    language: str = ""
    channel: str = ""
    times: tuple[str, ...] = ()
    own_words: str = ""
    # The consent text the resident agreed to, kept only when their own words were passed on.
    own_words_consent: str = ""


def seal(settings: Settings, intake: Intake) -> str:
    return encrypt(settings, json.dumps(asdict(intake), ensure_ascii=False))


def unseal(settings: Settings, token: str) -> Intake:
    """Referrals made before this record existed simply have an empty one."""
    if not token:
        return Intake()
    data = json.loads(decrypt(settings, token))
    known = {k: v for k, v in data.items() if k in Intake.__dataclass_fields__}
    known["times"] = tuple(known.get("times", ()))
    return Intake(**known)


def language_name(code: str, locale: str | None = None) -> str:
    """A language named in the reader's language, by Babel ("Tigrinya", "Tigrinya" in Dutch…)."""
    if not code or code == OTHER_LANGUAGE:
        return ""
    name = Locale.parse(locale or current_locale.get()).languages.get(code, code)
    return str(name)


def language_choices(locale: str | None = None) -> list[tuple[str, str]]:
    """Every language with its name, sorted as the reader would look for it."""
    named = [(code, language_name(code, locale)) for code in LANGUAGES]
    return sorted(named, key=lambda pair: pair[1].casefold())
