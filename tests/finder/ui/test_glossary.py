"""The glossary explains official words inline, in the page's language."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from finder.settings import Settings
from finder.ui.glossary import load_glossary, terms_in
from finder.ui.i18n import LOCALES
from tests.browser.city import build_city

REQUIRED = {
    "DigiD",
    "MijnOverheid",
    "Wmo",
    "toeslag",
    "wijkteam",
    "bijzondere bijstand",
    "kwijtschelding",
}


def test_every_required_term_is_explained_briefly_in_every_language() -> None:
    terms = {t.term: t for t in load_glossary()}
    assert set(terms) >= REQUIRED
    for term in terms.values():
        assert set(term.explain) == set(LOCALES), term.term
        for locale in LOCALES:
            text = term.explanation(locale)
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
            assert 1 <= len(sentences) <= 2, (term.term, locale, text)
    assert " u " in f" {terms['DigiD'].explanation('nl')} "


def test_terms_are_found_as_whole_words_in_any_case() -> None:
    found = [
        t.term for t in terms_in("Hulp bij DIGID en de zorgtoeslag", None, "Sociaal  Wijkteam Zuid")
    ]
    assert found == ["DigiD", "toeslag", "wijkteam"]
    assert terms_in("Dat is wmoeilijk", "kwijtscheldingsformulier") == []


def test_results_explain_terms_after_the_hit_in_the_page_language(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    build_city(settings)
    client = make_client(settings)
    html = client.get("/zoeken", params={"q": "geldzorgen", "lang": "en"}).text
    hit = html[html.index('class="hit"') :]
    assert '<summary>What does <span lang="nl">kwijtschelding</span> mean?</summary>' in hit
    assert "you do not have to pay a tax of the municipality" in hit
    assert '<dfn lang="nl">bijzondere bijstand</dfn>' in hit


def test_offer_page_explains_the_words_it_uses(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    ids = build_city(settings)
    html = make_client(settings).get(f"/aanbod/{ids['Hulp bij geldzorgen']}").text
    section = html[html.index('id="glossary-heading"') :]
    assert section.startswith('id="glossary-heading">Woorden uitgelegd</h2>')
    for term in ("bijzondere bijstand", "kwijtschelding", "Wmo"):
        assert f'<dfn lang="nl">{term}</dfn>' in section
    assert "Door deze wet helpt de gemeente" in section
