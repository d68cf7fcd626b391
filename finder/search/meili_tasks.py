"""Meilisearch calls for the indexer: every failure becomes IndexBuildFailed saying what failed.

Most write calls only enqueue a task; `run_task` waits for it and reads its outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import meilisearch
from meilisearch.errors import MeilisearchError

from finder.search.builds import IndexBuildFailed

# requests' own errors (a dropped connection, a cut-off answer) are OSErrors.
FAILURES = (MeilisearchError, OSError)
TASK_TIMEOUT_MS = 600_000
T = TypeVar("T")


def task_reason(error: dict[str, Any] | None) -> str:
    error = error or {}
    return f"{error.get('code', 'unknown')}: {error.get('message', 'no reason given')}"


def api_reason(exc: Exception) -> str:
    code, message = getattr(exc, "code", None), getattr(exc, "message", str(exc))
    return f"{code}: {message}" if code else str(message)


def call(what: str, action: Callable[[], T]) -> T:
    try:
        return action()
    except FAILURES as exc:
        raise IndexBuildFailed(f"could not {what}: {api_reason(exc)}") from exc


def finished(client: meilisearch.Client, what: str, task: Any) -> Any:
    return call(what, lambda: client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS))


def failed(what: str, task: Any, done: Any) -> IndexBuildFailed:
    return IndexBuildFailed(
        f"could not {what}: Meilisearch task {task.task_uid} {done.status}, "
        f"{task_reason(done.error)}"
    )


def run_task(client: meilisearch.Client, what: str, start: Callable[[], Any]) -> None:
    """Start a Meilisearch task and wait until it has succeeded."""
    task = call(what, start)
    done = finished(client, what, task)
    if done.status != "succeeded":
        raise failed(what, task, done)
