"""Counts per version of a draft, and how they move across versions: the negotiators' progress meter.

One row per version (the numbers `drafter check` reports, from `drafter.text.report`),
a bar chart for the terminal, and a chart file drawn with matplotlib (imported
only when a chart file is asked for: it is slow to import and needs no display
with the Agg backend).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from drafter.text.model import Draft
from drafter.text.report import summary

CHART_SUFFIXES = (".svg", ".png")
BAR = "█"
PARTIAL = " ▏▎▍▌▋▊▉"  # eighths of a bar cell


@dataclass(frozen=True, slots=True)
class VersionStats:
    name: str
    bytes: int
    paragraphs: int
    brackets: int  # matched pairs
    opening_brackets: int
    max_depth: int
    alternative_groups: int
    option_groups: int
    placeholders: int
    notes: int

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


COLUMNS = (
    ("bytes", "bytes"),
    ("paragraphs", "paragraphs"),
    ("brackets", "brackets"),
    ("max_depth", "depth"),
    ("alternative_groups", "alt. groups"),
    ("option_groups", "option groups"),
    ("placeholders", "placeholders"),
    ("notes", "notes"),
)


def version_stats(name: str, draft: Draft) -> VersionStats:
    counts = summary(draft)
    return VersionStats(
        name=name,
        bytes=len(draft.text.encode("utf-8")),
        paragraphs=sum(counts["paragraphs"].values()),
        brackets=counts["bracket_pairs"],
        opening_brackets=counts["opening_brackets"],
        max_depth=counts["max_depth"],
        alternative_groups=counts["alternative_groups"],
        option_groups=counts["option_groups"],
        placeholders=counts["placeholders"],
        notes=counts["notes"],
    )


def table(rows: list[VersionStats]) -> str:
    header = ["version", *(title for _, title in COLUMNS)]
    body = [[row.name, *(f"{getattr(row, field):,}" for field, _ in COLUMNS)] for row in rows]
    widths = [max(len(line[k]) for line in [header, *body]) for k in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join(
            [first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))]
        )

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(cells) for cells in body)])


def _bar(value: int, largest: int, width: int) -> str:
    if largest <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    return BAR * (eighths // 8) + (PARTIAL[eighths % 8] if eighths % 8 else "")


def terminal_chart(rows: list[VersionStats], width: int = 80) -> str:
    """Horizontal bars of brackets, alternative groups and option groups, one bar per version."""
    series = (
        ("brackets", "brackets"),
        ("alternative_groups", "alternative groups"),
        ("option_groups", "option groups"),
    )
    label_width = max(len(row.name) for row in rows)
    number_width = max(len(f"{getattr(row, field):,}") for row in rows for field, _ in series)
    bar_width = max(10, width - label_width - number_width - 6)
    out: list[str] = []
    for field, title in series:
        largest = max(getattr(row, field) for row in rows)
        out.append(title)
        for row in rows:
            value = getattr(row, field)
            out.append(
                f"  {row.name.ljust(label_width)}  {value:>{number_width},}  {_bar(value, largest, bar_width)}"
            )
    return "\n".join(out)


class ChartError(ValueError):
    """The chart file cannot be made (wrong suffix, unwritable place)."""


def write_chart(rows: list[VersionStats], path: str | os.PathLike[str]) -> None:
    """Brackets and option counts across versions, as an SVG or PNG file (by its suffix), written atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ChartError(
            f"{target}: a chart is written as .svg or .png, not {suffix or 'a file without suffix'}"
        )
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    names = [row.name for row in rows]
    figure, brackets_axis = pyplot.subplots(
        figsize=(max(6.0, 1.6 * len(rows) + 2), 4.5), layout="constrained"
    )
    try:
        brackets_axis.plot(names, [r.brackets for r in rows], "o-", color="#cf222e", label="bracket pairs")
        brackets_axis.set_ylabel("bracket pairs")
        brackets_axis.set_ylim(bottom=0)
        groups_axis = brackets_axis.twinx()
        groups_axis.plot(
            names, [r.alternative_groups for r in rows], "s--", color="#8250df", label="alternative groups"
        )
        groups_axis.plot(names, [r.option_groups for r in rows], "^-", color="#0969da", label="option groups")
        groups_axis.set_ylabel("groups")
        groups_axis.set_ylim(bottom=0)
        handles = brackets_axis.get_legend_handles_labels()[0] + groups_axis.get_legend_handles_labels()[0]
        brackets_axis.legend(handles=handles, loc="upper right")
        brackets_axis.set_title("Brackets and options across versions")
        brackets_axis.tick_params(axis="x", labelrotation=20)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=suffix, dir=target.parent or "."
        )
        os.close(handle)
        try:
            metadata = {"Date": None} if suffix == ".svg" else {}
            figure.savefig(temporary, format=suffix[1:], metadata=metadata)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    finally:
        pyplot.close(figure)
