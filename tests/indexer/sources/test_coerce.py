"""The shared helpers every mapper reads loosely typed source values with."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from finder.text import plain_text
from indexer.sanitise import clean_html
from indexer.sources import coerce

SAMPLES = [
    "Taalcafé",
    "  Hulp   bij\tformulieren\n\n en brieven ",
    "<b>Vet</b> en <i>schuin</i>",
    "<li>Formulieren</li><li>Brieven</li>",
    "Geld &amp; schulden",
    "a < b > c",
    "Tom & Jerry",
    "<script>alert(1)</script>Veilig",
    "regel\r\nregel",
    "nul\x00teken",
    "\ufeffbom",
    "\u00a0niet-breekbare\u2028spatie\u3000",
    "'aanhalingstekens' \"dubbel\"",
    "",
]


@pytest.mark.parametrize("value", SAMPLES)
def test_text_equals_the_shared_plain_text(value: str) -> None:
    assert coerce.text(value) == plain_text(value)


def test_text_of_other_types() -> None:
    assert coerce.text(14038) == "14038"
    assert coerce.text(52.5) == "52.5"
    for value in (None, True, False, {"name": "x"}, ["x"]):
        assert coerce.text(value) == ""


def test_text_never_passes_on_a_lone_surrogate() -> None:
    value = json.loads('"Hulp \\ud800 thuis"')
    cleaned = coerce.text(value)
    assert cleaned == "Hulp \ufffd thuis"
    cleaned.encode("utf-8")


def test_dicts_accepts_one_object_or_a_list() -> None:
    assert coerce.dicts({"a": 1}) == [{"a": 1}]
    assert coerce.dicts([{"a": 1}, "x", 3, {"b": 2}]) == [{"a": 1}, {"b": 2}]
    assert coerce.dicts("x") == [] and coerce.dicts(None) == []


def test_strings_from_a_list_or_a_comma_separated_text() -> None:
    assert coerce.strings(["a", " <b>b</b> ", 3, "", None]) == ["a", "b"]
    assert coerce.strings("geld, schulden ,, budget") == ["geld", "schulden", "budget"]
    assert coerce.strings({"a": 1}) == []


def test_url_only_http_and_https() -> None:
    assert coerce.url(" https://example.org/a ") == "https://example.org/a"
    for value in ("javascript:alert(1)", "/relative", "mailto:a@b.nl", None, {"@id": "x"}):
        assert coerce.url(value) == ""


def test_number_within_its_limit() -> None:
    assert coerce.number("52.5", 90) == 52.5
    assert coerce.number(6, 180) == 6.0
    for value in ("91", "nan", "x", None, True, [1]):
        assert coerce.number(value, 90) is None


def test_point_is_both_coordinates_or_none() -> None:
    assert coerce.point("52.5", 6.1) == (52.5, 6.1)
    assert coerce.point("52.5", "oost") == (None, None)
    assert coerce.point(None, 6.1) == (None, None)


def test_timestamp_reads_dates_and_times_and_assumes_utc() -> None:
    assert coerce.timestamp("2025-01-02") == datetime(2025, 1, 2, tzinfo=UTC)
    assert coerce.timestamp("2025-01-02T10:00:00Z") == datetime(2025, 1, 2, 10, tzinfo=UTC)
    assert coerce.timestamp("gisteren") is None and coerce.timestamp(None) is None


def test_html_with_a_lone_surrogate_is_cleaned_not_refused() -> None:
    value = json.loads('"<p>Hulp \\udc00 thuis</p>"')
    assert clean_html(value) == "<p>Hulp \ufffd thuis</p>"
