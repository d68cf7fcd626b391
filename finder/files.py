"""The data folder holds personal data and keys: what this app writes there is private.

Files are created 0640 and folders 0750 (owner and the service's group, never others), keys 0600.
The umask is set for the whole process because the database and the search index are written by
libraries (SQLite, tantivy) that take their file modes from it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)
PRIVATE = 0o027


def private_files() -> None:
    """From now on, nothing this process creates is readable by other users."""
    previous = os.umask(PRIVATE)
    os.umask(previous | PRIVATE)


def private_dir(path: Path) -> Path:
    private_files()
    path.mkdir(mode=0o750, parents=True, exist_ok=True)
    return path


def tighten(path: Path) -> None:
    """Files an older version left readable by others lose that."""
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & PRIVATE:
            path.chmod(mode & ~PRIVATE)
            log.warning("%s was readable by other users; it no longer is", path.name)


def kept_secrets(path: Path, make: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The secrets stored at `path`, made and stored (0600) on first use.

    Several processes may start at once (workers, the indexer): each writes its own temporary
    file, the first to link it into place wins, and all of them read the winner.
    """
    if not path.exists():
        private_dir(path.parent)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(make(), handle)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
        tmp.unlink()
    tighten(path)
    secrets: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return secrets
