"""Charts drawn on the server as SVG: no script, no third party, readable without colour.

Every chart has a title and a description for screen readers, and the page shows the same
numbers in a table next to it. Lines differ in dash pattern as well as colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

COLOURS = ("#1b5e9e", "#b3261e", "#2e7d32", "#6a1b9a", "#8a4b00")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
WIDTH = 640


def _frame(chart_id: str, title: str, description: str, height: int, body: str) -> Markup:
    # Every text that reaches the SVG went through escape(); numbers are formatted here.
    return Markup(  # noqa: S704
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def lines(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> Markup:
    left, top, right, bottom = 48, 16, 16, 40 + 22 * len(series)
    height = 260 + 22 * len(series)
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = max((v for _, points in series for v in points), default=0) or 1
    steps = max(len(x_labels) - 1, 1)

    def x(i: int) -> float:
        return left + plot_w * i / steps

    def y(v: int) -> float:
        return top + plot_h * (1 - v / peak)

    parts = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" stroke="#444"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#444"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="12" fill="#222">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="12" fill="#222">0</text>',
    ]
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" fill="#222">{escape(label)}</text>'
        )
    for n, (name, points) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(points))
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dashed}/>'
        )
        legend_y = top + plot_h + 36 + 22 * n
        parts.append(
            f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 28}" y2="{legend_y - 4}" stroke="{colour}" stroke-width="2.5"{dashed}/>'
            f'<text x="{left + 36}" y="{legend_y}" font-size="13" fill="#222">{escape(name)}</text>'
        )
    return _frame(chart_id, title, description, height, "".join(parts))


def bars(chart_id: str, title: str, description: str, items: Sequence[tuple[str, int]]) -> Markup:
    label_w, row, top = 220, 26, 8
    height = top * 2 + row * max(len(items), 1)
    peak = max((v for _, v in items), default=0) or 1
    span = WIDTH - label_w - 60
    parts = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        width = span * value / peak
        shown = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="#222">{escape(shown)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{row - 8}" fill="{COLOURS[0]}"/>'
            f'<text x="{label_w + width + 6:.1f}" y="{y + 17}" font-size="13" fill="#222">{value}</text>'
        )
    return _frame(chart_id, title, description, height, "".join(parts))
