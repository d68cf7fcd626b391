"""Progress per source: a live rich display on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import Protocol

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from indexer.report import SourceReport

log = logging.getLogger(__name__)


class ProgressDisplay(Protocol):
    def start(self, report: SourceReport) -> None: ...
    def update(self, report: SourceReport) -> None: ...
    def finish(self, report: SourceReport) -> None: ...
    def close(self) -> None: ...


def _counts(report: SourceReport) -> str:
    return (
        f"fetched {report.fetched}, indexed {report.indexed}, unchanged {report.unchanged}, "
        f"skipped {report.skipped_total}, errors {len(report.errors)}"
    )


class LogProgress:
    """For pipes and CI: a line when a source starts and ends, and at most one every 5 s."""

    def __init__(self, interval: float = 5.0) -> None:
        self.interval = interval
        self._last = 0.0

    def start(self, report: SourceReport) -> None:
        log.info("crawling %s (%s)", report.name, report.kind)

    def update(self, report: SourceReport) -> None:
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            log.info("%s: %s", report.name, _counts(report))

    def finish(self, report: SourceReport) -> None:
        state = f"FAILED ({report.failed})" if report.failed else "done"
        log.info("%s %s: %s", report.name, state, _counts(report))

    def close(self) -> None:
        return None


class RichProgress:
    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}
        self._progress.start()

    def start(self, report: SourceReport) -> None:
        self._tasks[report.name] = self._progress.add_task(report.name, total=None, counts="")

    def update(self, report: SourceReport) -> None:
        self._progress.update(self._tasks[report.name], counts=_counts(report))

    def finish(self, report: SourceReport) -> None:
        task = self._tasks[report.name]
        self._progress.update(task, counts=_counts(report), total=1, completed=1)

    def close(self) -> None:
        self._progress.stop()


def make_progress() -> ProgressDisplay:
    if sys.stderr.isatty():
        return RichProgress(Console(stderr=True))
    return LogProgress()
