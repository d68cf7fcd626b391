"""The end-of-run summary per source: fetched, indexed, unchanged, skipped (why), errors (where)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from indexer.report import SourceReport

MAX_ERRORS_SHOWN = 10


def summary_lines(reports: list[SourceReport]) -> list[str]:
    lines = []
    for r in reports:
        state = f"FAILED: {r.failed}; kept {r.stale} offers, marked stale" if r.failed else "ok"
        lines.append(
            f"{r.name} [{r.kind}] {state} | fetched {r.fetched}, indexed {r.indexed} "
            f"(added {r.added}, changed {r.changed}, removed {r.removed}), "
            f"unchanged {r.unchanged}, skipped {r.skipped_total}, errors {len(r.errors)}"
        )
        lines += [f"  skipped {count}x: {reason}" for reason, count in r.skipped.most_common()]
        lines += [f"  error: {url}: {reason}" for url, reason in r.errors[:MAX_ERRORS_SHOWN]]
        if len(r.errors) > MAX_ERRORS_SHOWN:
            lines.append(f"  … and {len(r.errors) - MAX_ERRORS_SHOWN} more errors")
    return lines


def render(reports: list[SourceReport], console: Console) -> None:
    if not console.is_terminal:
        for line in summary_lines(reports):
            console.out(line, highlight=False)
        return
    table = Table(title="Crawl summary")
    for column in ("source", "fetched", "indexed", "unchanged", "skipped", "errors", "state"):
        table.add_column(column)
    for r in reports:
        table.add_row(
            f"{r.name} ({r.kind})",
            str(r.fetched),
            str(r.indexed),
            str(r.unchanged),
            str(r.skipped_total),
            str(len(r.errors)),
            f"FAILED: {r.failed}" if r.failed else "ok",
        )
    console.print(table)
    for line in summary_lines(reports):
        if line.startswith("  "):
            console.out(line, highlight=False)
