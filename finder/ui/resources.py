"""Where the templates and translations are: at the root of a checkout, or inside the package.

They stay at the repository root, where Babel's configuration and translators expect them;
the wheel maps them into `finder/` (see pyproject.toml), so an installed app finds them there.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def bundled(name: str) -> Path:
    installed = PACKAGE / name
    return installed if installed.is_dir() else PACKAGE.parent / name
