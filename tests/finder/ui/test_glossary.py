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


def test_the_glossary_is_on_the_offer_page_in_the_page_language_not_on_results(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    ids = build_city(settings)
    client = make_client(settings)
    results = client.get("/zoeken", params={"q": "geldzorgen", "lang": "en"}).text
    assert "glossary" not in results[results.index('class="hits"') :]
    html = client.get(f"/aanbod/{ids['Hulp bij geldzorgen']}", params={"lang": "en"}).text
    section = html[html.index('id="glossary-heading"') :]
    summary = '<summary>What does <span lang="nl" dir="auto">kwijtschelding</span> mean?</summary>'
    assert summary in section
    assert "you do not have to pay a tax of the municipality" in section


def test_offer_page_explains_the_words_it_uses(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    ids = build_city(settings)
    html = make_client(settings).get(f"/aanbod/{ids['Hulp bij geldzorgen']}").text
    section = html[html.index('id="glossary-heading"') :]
    assert section.startswith('id="glossary-heading">Woorden uitgelegd</h2>')
    for term in ("bijzondere bijstand", "kwijtschelding", "Wmo"):
        assert f'<dfn lang="nl" dir="auto">{term}</dfn>' in section
    assert "Door deze wet helpt de gemeente" in section
