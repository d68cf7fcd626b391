"""The benchmark's data: ~200 varied questions and a generated catalogue of any size.

Both backends are measured on exactly this data, so their figures compare.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import accumulate

from finder.hours import OpeningPeriod
from finder.search.documents import SearchDocument

QUESTIONS = [
    "wie kan mij helpen met DigiD bij mij in de buurt",
    "ik heb geldzorgen",
    "paspoord aanvragen",
    "hulp bij belastingaangifte",
    "waar kan ik Nederlands leren",
    "voedselbank",
    "welk wijkteam hoort bij mij",
    "help with DigiD",
    "eten",
    "food bank near me",
    "schulden",
    "rijbewijs verlengen",
    "mantelzorg ondersteuning",
    "huurtoeslag aanvragen",
    "formulieren invullen",
    "juridisch advies gratis",
    "verhuizing doorgeven",
    "bijzondere bijstand",
    "scootmobiel",
    "grof huisvuil",
]
POSTCODES = [None, "8011", "8017", "8043", "8016AB", "8033", "8025"]
WORDS = [
    "hulp",
    "advies",
    "digid",
    "paspoort",
    "schulden",
    "geld",
    "taal",
    "lezen",
    "schrijven",
    "rekenen",
    "voedselbank",
    "eten",
    "wijkteam",
    "zorg",
    "jeugd",
    "gezin",
    "werk",
    "inkomen",
    "toeslag",
    "belasting",
    "aangifte",
    "formulieren",
    "brieven",
    "mantelzorg",
    "vrijwilligers",
    "wonen",
    "afval",
    "parkeren",
    "vergunning",
    "rijbewijs",
    "verhuizing",
    "bijstand",
    "computer",
    "cursus",
    "spreekuur",
    "inloop",
    "ouderen",
    "jongeren",
    "buurt",
    "wijk",
    "gemeente",
    "bibliotheek",
]


def queries(count: int, seed: int = 7) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    varied = []
    for i in range(count):
        if i % 2 == 0:
            q = QUESTIONS[i // 2 % len(QUESTIONS)]
        else:
            q = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
            if rng.random() < 0.3:  # a typo, as residents make them
                pos = rng.randrange(len(q))
                q = q[:pos] + rng.choice("aeiou") + q[pos + 1 :]
        varied.append((q, rng.choice(POSTCODES)))
    return varied


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Made-up Dutch-looking words: a real catalogue has a large vocabulary, not 45 words."""
    syllables = [
        "ver",
        "be",
        "ge",
        "ont",
        "wo",
        "ning",
        "zorg",
        "hulp",
        "bij",
        "dienst",
        "raad",
        "punt",
        "huis",
        "werk",
        "geld",
        "taal",
        "boek",
        "stad",
        "wijk",
    ]
    words = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def generated(count: int, seed: int = 11) -> Iterator[SearchDocument]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    # Zipf-like weights: a few words are common, most are rare, as in real text.
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    hours = [OpeningPeriod(weekday=d, opens="09:00", closes="17:00") for d in range(5)]

    def text(k: int) -> str:
        words = rng.choices(vocab, cum_weights=cumulative, k=k)
        if rng.random() < 0.3:  # some offers use the words residents ask about
            words[rng.randrange(k)] = rng.choice(WORDS)
        return " ".join(words)

    for i in range(count):
        pc4 = rng.choice(["8011", "8012", "8013", "8014", "8016", "8017", "8021", "8033", "8043"])
        yield SearchDocument(
            id=f"gen-{i}",
            offer_id=f"gen-{i}",
            title=text(3).capitalize(),
            summary=text(15),
            description=text(60),
            organization=f"Organisatie {i % 500}",
            categories=[rng.choice(["Digitale hulp", "Geld", "Taal", "Zorg", "Wonen"])],
            keywords=[rng.choice(WORDS), rng.choice(vocab)],
            audience=["particulier"],
            postcodes_served=[pc4] if rng.random() < 0.1 else [],
            address=f"Straat {i}",
            postcode=f"{pc4}AB",
            city="Zwolle",
            latitude=52.45 + rng.random() * 0.12,
            longitude=6.03 + rng.random() * 0.15,
            phone="038 000 0000",
            hours=hours,
        )
