"""Counts per version of a draft: one row per version (the numbers `drafter check` reports), and bars.

The counts come from `drafter.text.report`, so `drafter stats` and `drafter check`
always agree.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass

from drafter.stats.dates import VersionDate
from drafter.text.model import Draft
from drafter.text.report import summary

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
    options: int = 0  # labelled options in all option groups
    date: VersionDate | None = dataclasses.field(default=None, compare=False)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["date"] = None if self.date is None else self.date.when.isoformat()
        data["date_source"] = None if self.date is None else self.date.source.value
        return data


COLUMNS = (
    ("bytes", "bytes"),
    ("paragraphs", "paragraphs"),
    ("brackets", "brackets"),
    ("max_depth", "depth"),
    ("alternative_groups", "alt. groups"),
    ("option_groups", "option groups"),
    ("options", "options"),
    ("placeholders", "placeholders"),
    ("notes", "notes"),
)


def version_stats(name: str, draft: Draft, date: VersionDate | None = None) -> VersionStats:
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
        options=sum(len(group.options) for group in draft.option_groups),
        date=date,
    )


def table(rows: list[VersionStats]) -> str:
    """One line per version: its name, its date (and where the date comes from), its counts."""
    dated = any(row.date is not None for row in rows)
    header = ["version", *(["date"] if dated else []), *(title for _, title in COLUMNS)]
    body = [
        [
            row.name,
            *([f"{row.date.label()} ({row.date.source.value})" if row.date else "-"] if dated else []),
            *(f"{getattr(row, field):,}" for field, _ in COLUMNS),
        ]
        for row in rows
    ]
    widths = [max(len(line[k]) for line in [header, *body]) for k in range(len(header))]

    left = 2 if dated else 1  # name and date read left to right; numbers line up on the right

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if k < left else cell.rjust(width)
            for k, (cell, width) in enumerate(zip(cells, widths, strict=True))
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
