"""The README documents every setting and keeps the two commands on top."""

from __future__ import annotations

from pathlib import Path

from finder.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    missing = [
        f"FINDER_{name.upper()}"
        for name in Settings.model_fields
        if f"`FINDER_{name.upper()}`" not in README
    ]
    assert not missing, f"document these in README.md: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```", 2)[1]
    lines = [
        line.split("#")[0].strip()
        for line in first_block.splitlines()
        if line.strip() and not line.startswith("sh")
    ]
    assert lines == ["scripts/run", "scripts/test"]
