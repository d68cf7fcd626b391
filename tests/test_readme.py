"""The README documents every setting and keeps the two commands on top."""

from __future__ import annotations

from pathlib import Path

from finder.settings import Settings, settings_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    missing = [
        f"FINDER_{name.upper()}"
        for name in Settings.model_fields
        if f"`FINDER_{name.upper()}`" not in README
    ]
    assert not missing, f"document these in README.md: {missing}"


def test_one_settings_table_written_from_the_settings() -> None:
    # scripts/readme-settings writes this table; run it after changing finder/settings.py.
    assert f"<!-- settings:start -->\n{settings_table()}\n<!-- settings:end -->" in README
    rows = [line for line in README.splitlines() if line.startswith("| `FINDER_")]
    assert len(rows) == len(Settings.model_fields), "settings belong in the one table only"


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```", 2)[1]
    lines = [
        line.split("#")[0].strip()
        for line in first_block.splitlines()
        if line.strip() and not line.startswith("sh")
    ]
    assert lines == ["scripts/run", "scripts/test"]
