"""The progress chart, drawn with matplotlib (imported only here, when a chart is asked for).

One panel per measure, each with its own axis and a legend that names what it
shows, so bracket pairs (hundreds) never squash groups and options (tens). The
x axis is time when every version has a date, the file names otherwise. Below,
one heat map per measure: sections down, versions across, each cell its count,
which shows where the work remains. With a journal, a burn-down panel: the open
elements after each meeting.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.stats.meetings import MeetingPoint
from drafter.stats.sections import MEASURE_TITLES, Measure, SectionRow, row_label
from drafter.stats.versions import VersionStats

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CHART_SUFFIXES = (".svg", ".png")
SERIES = (  # panel title, then (field, legend, style, colour) for each line in it
    ("Bracket pairs", (("brackets", "bracket pairs", "o-", "#cf222e"),)),
    (
        "Groups",
        (
            ("alternative_groups", "alternative groups", "s-", "#8250df"),
            ("option_groups", "option groups", "^--", "#0969da"),
        ),
    ),
    ("Options", (("options", "labelled options", "D-", "#1a7f37"),)),
)
ROW_HEIGHT = 0.28  # inches per section in the heat maps


class ChartError(ValueError):
    """The chart file cannot be made (wrong suffix, unwritable place)."""


def chart_suffix(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ChartError(
            f"{path}: a chart is written as .svg or .png, not {suffix or 'a file without suffix'}"
        )
    return suffix


def _dates(rows: Sequence[VersionStats]) -> list[datetime] | None:
    """The versions' dates when every version has one."""
    dates = [row.date.when for row in rows if row.date is not None]
    return dates if len(dates) == len(rows) else None


def _column_labels(rows: Sequence[VersionStats]) -> list[str]:
    """Each version's date (without the year when all share it, see `_year`), else its name."""
    year = _year(rows)
    return [
        row.name
        if row.date is None
        else row.date.label().replace(f" {year}", "")
        if year
        else row.date.label()
        for row in rows
    ]


def _year(rows: Sequence[VersionStats]) -> str:
    """The year every version's date has, or ""."""
    years = {row.date.when.year if row.date is not None else None for row in rows}
    return str(years.pop()) if len(years) == 1 and None not in years else ""


def _line_panel(
    axis: Axes, rows: Sequence[VersionStats], title: str, lines: tuple[tuple[str, str, str, str], ...]
) -> None:
    when = _dates(rows)
    if when is None:
        xs: list[float] | list[str] = [row.name for row in rows]
    else:  # days since the first version: the versions sit as far apart as they were issued
        days = [(day - when[0]).total_seconds() / 86400 for day in when]
        xs = days
    for field, legend, style, colour in lines:
        axis.plot(xs, [getattr(row, field) for row in rows], style, color=colour, label=legend)
    if when is not None:
        axis.set_xticks(days, _column_labels(rows))
    axis.set_title(title)
    axis.set_ylabel("count")
    year = _year(rows)
    axis.set_xlabel(
        ("version date" + (f", {year}" if year else "")) if when is not None else "version (not all dated)"
    )
    axis.set_ylim(bottom=0)
    axis.legend(loc="best", fontsize="small")
    axis.grid(alpha=0.3)
    axis.tick_params(axis="x", labelrotation=45, labelsize="small")


def _heat_map(
    axis: Axes, sections: Sequence[SectionRow], labels: list[str], measure: Measure, first: bool
) -> None:
    import matplotlib

    counts = [[-1 if n is None else n for n in row.counts(measure)] for row in sections]
    largest = max((n for line in counts for n in line), default=0) or 1
    # Nothing left is white; a section the version does not have is grey (not a number).
    shades = [[math.nan if n < 0 else n / largest for n in line] for line in counts]
    colours = matplotlib.colormaps["Oranges"].with_extremes(bad="#d0d7de")
    axis.imshow(shades, cmap=colours, vmin=0, vmax=1, aspect="auto")
    for y, line in enumerate(counts):
        for x, n in enumerate(line):
            text = "–" if n < 0 else f"{n:,}"
            dark = n >= 0 and n / largest > 0.6
            axis.text(x, y, text, ha="center", va="center", fontsize=7, color="white" if dark else "#1f2328")
    axis.set_xticks(range(len(labels)), labels, rotation=30, fontsize="small")
    axis.set_yticks(range(len(sections)), [row_label(row) for row in sections] if first else [], fontsize=7)
    axis.set_title(f"{MEASURE_TITLES[measure]} by section")


def _burn_down(axis: Axes, points: Sequence[MeetingPoint], start_open: int) -> None:
    names = ["start", *(point.meeting for point in points)]
    axis.plot(
        names, [start_open, *(p.open_elements for p in points)], "o-", color="#cf222e", label="open elements"
    )
    axis.set_title("Open elements after each meeting")
    axis.set_ylabel("elements")
    axis.set_ylim(bottom=0)
    axis.legend(loc="upper right", fontsize="small")
    axis.grid(alpha=0.3)
    axis.tick_params(axis="x", labelrotation=30, labelsize="small")


def chart_bytes(
    rows: Sequence[VersionStats],
    sections: Sequence[SectionRow],
    suffix: str,
    burn_down: tuple[Sequence[MeetingPoint], int] | None = None,
) -> bytes:
    """The chart as SVG or PNG bytes (`suffix` ".svg" or ".png"); deterministic for SVG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    shown = [row for row in sections if any(any(row.counts(m)) for m in Measure)]
    top = 2 if burn_down is not None else 1
    heights = [3.6] * top + [max(2.5, ROW_HEIGHT * len(shown) + 1.2)] if shown else [3.6] * top
    figure = pyplot.figure(figsize=(15, sum(heights) + 0.6), layout="constrained")
    try:
        grid = figure.add_gridspec(len(heights), 3, height_ratios=heights)
        for k, (title, lines) in enumerate(SERIES):
            _line_panel(figure.add_subplot(grid[0, k]), rows, title, lines)
        if burn_down is not None:
            _burn_down(figure.add_subplot(grid[1, :]), burn_down[0], burn_down[1])
        if shown:
            labels = _column_labels(rows)
            for k, measure in enumerate(Measure):
                _heat_map(figure.add_subplot(grid[top, k]), shown, labels, measure, first=k == 0)
        figure.suptitle("Brackets, groups and options across versions", fontweight="bold")
        buffer = io.BytesIO()
        metadata = {"Date": None} if suffix == ".svg" else {}
        figure.savefig(buffer, format=suffix[1:], metadata=metadata)
        return buffer.getvalue()
    finally:
        pyplot.close(figure)
