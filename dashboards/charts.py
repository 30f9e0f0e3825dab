"""The dashboards' charts for PDF: server-side SVG drawn by matplotlib (the pages draw theirs with
Chart.js from the same figures).

A chart carries only the months (``11.2026``, the same in every language) and the numbers: its title
and its table are in the page around it, so one drawing serves both languages. A concealed month is a
gap in the line. Text stays text in the SVG (``svg.fonttype = none``), in the PDF's font.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from core.months import Month

WIDTH, HEIGHT = 3.4, 1.5  # inches: two charts side by side on an A4 page


def trend_svg(months: Sequence[Month], values: Sequence[int | None]) -> str:
    """A line over the months, as the source of an <img> (a data: URL)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 6, "svg.hashsalt": "otbasy"})
    figure = Figure(figsize=(WIDTH, HEIGHT))
    axes = figure.add_subplot()
    positions = list(range(len(months)))
    axes.plot(
        positions,
        [float("nan") if value is None else value for value in values],
        marker="o",
        markersize=2.5,
        linewidth=1.2,
        color="#0d6efd",
    )
    axes.set_xticks(positions[::2], [month.label for month in months][::2])
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", linewidth=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout(pad=0.3)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue().encode()).decode()
