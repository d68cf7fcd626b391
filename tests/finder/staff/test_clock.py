from __future__ import annotations

from datetime import UTC, datetime

import pytest

from finder.staff import clock

WINTER = datetime(2026, 12, 3, 10, 12, tzinfo=UTC)
SUMMER_NAIVE = datetime(2026, 7, 1, 22, 30)  # SQLite hands UTC back without a zone


def test_times_are_zwolle_time_in_winter_and_summer() -> None:
    assert clock.when(WINTER, "nl") == "3 december 2026, 11:12"
    # 22:30 UTC on 1 July is 00:30 on 2 July in Zwolle: the date moves too.
    assert clock.when(SUMMER_NAIVE, "nl") == "2 juli 2026, 00:30"
    assert clock.iso(SUMMER_NAIVE) == "2026-07-02T00:30:00+02:00"


@pytest.mark.parametrize(
    ("locale", "month"),
    [("en", "December"), ("tr", "Aralık"), ("pl", "grudnia"), ("uk", "грудня"), ("ar", "ديسمبر")],
)
def test_times_are_written_in_the_staff_members_language(locale: str, month: str) -> None:
    written = clock.when(WINTER, locale)
    assert month in written and "11:12" in written and "10:12" not in written
