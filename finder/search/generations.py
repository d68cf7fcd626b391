"""Index generations on disk: build a new one beside the live one, then swap a pointer.

The pointer file CURRENT names the live generation. It is replaced with os.replace, which
is atomic, so every reader sees either the old or the new generation, never a half-built one.
A crawl that dies halfway leaves an orphan directory that the next build removes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POINTER = "CURRENT"
PREFIX = "gen-"
COMPLETE = "COMPLETE"


def current(root: Path) -> Path | None:
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name.startswith(PREFIX) and path.is_dir() else None


def pointer_stamp(root: Path) -> int:
    """Changes whenever a new generation is swapped in; cheap enough to check per request."""
    try:
        return (root / POINTER).stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def new_generation(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{PREFIX}{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    path.mkdir()
    return path


def swap_in(root: Path, generation: Path) -> None:
    (generation / COMPLETE).write_text("ok", encoding="utf-8")
    tmp = root / f"{POINTER}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(generation.name, encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, root / POINTER)


def discard(generation: Path) -> None:
    shutil.rmtree(generation, ignore_errors=True)


def prune(root: Path, keep: int = 2) -> None:
    """Drop old and orphaned generations, keeping the live one and the one before it.

    The previous generation stays because a worker may still be answering from it.
    """
    live = current(root)
    generations = sorted(
        (p for p in root.glob(f"{PREFIX}*") if p.is_dir()), key=lambda p: p.stat().st_mtime
    )
    keepers = {live} if live else set()
    for path in reversed(generations):
        if len(keepers) >= keep:
            break
        if path != live and (path / COMPLETE).exists():
            keepers.add(path)
    for path in generations:
        if path not in keepers:
            discard(path)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One builder at a time per index directory, across processes."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
