"""When a version was issued: from the date given, its version line, its front matter, or its file name.

Negotiating texts say when they were issued ("Version of 4 December 2015@10.00",
"Edited version of 6 November 2015"); Markdown copies often carry it in their front
matter (`date:`, `version:`, or a `title:` that ends with the date); file names often hold it
(`2015-12-04.md`, `..._23oct2015_...`). The first of these that gives a date wins,
in that order; a date given on the command line beats them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from drafter.text.model import Draft, ParagraphKind

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY_MONTH_YEAR = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(?P<year>\d{{4}})"
TIME = r"(?:\s*(?:@|at)\s*(?P<hour>\d{1,2})[.:h](?P<minute>\d{2}))?"
VERSION_LINE = re.compile(rf"\bversion\s+of\s+{DAY_MONTH_YEAR}{TIME}", re.IGNORECASE)
WRITTEN_DATE = re.compile(rf"\b{DAY_MONTH_YEAR}{TIME}", re.IGNORECASE)
ISO_DATE = re.compile(
    r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?"
)
NAME_DATE = re.compile(rf"(?<![a-z\d])(?P<day>\d{{1,2}}){MONTH}(?P<year>\d{{4}})(?!\d)", re.IGNORECASE)
FRONT_MATTER_KEY = re.compile(r"\s*(date|version|title)\s*:\s*(.*)", re.IGNORECASE)
VERSION_LINE_REACH = 4000  # characters from the top where a version line is looked for


class DateSource(StrEnum):
    GIVEN = "given"
    VERSION_LINE = "version line"
    FRONT_MATTER = "front matter"
    FILE_NAME = "file name"


@dataclass(frozen=True, slots=True)
class VersionDate:
    when: datetime
    source: DateSource

    def label(self) -> str:
        """`4 Dec 2015`, with the time when there is one (`4 Dec 2015 10:00`)."""
        day = f"{self.when.day} {self.when:%b %Y}"
        return day if (self.when.hour, self.when.minute) == (0, 0) else f"{day} {self.when:%H:%M}"


class DateError(ValueError):
    """A date given on the command line that cannot be read."""


def _built(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    month = parts["month"]
    try:
        return datetime(
            int(parts["year"]),
            int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")],
            int(parts["day"]),
            int(parts.get("hour") or 0),
            int(parts.get("minute") or 0),
        )
    except ValueError:  # 31 February, 25:00
        return None


def _first(pattern: re.Pattern[str], text: str) -> datetime | None:
    for match in pattern.finditer(text):
        found = _built(match)
        if found is not None:
            return found
    return None


def parse_given(text: str) -> VersionDate:
    """A date from the command line: `2015-12-04`, `2015-12-04T10:00` or `4 December 2015@10.00`."""
    found = None
    for pattern in (ISO_DATE, WRITTEN_DATE):
        match = pattern.fullmatch(text.strip())
        if match is not None:
            found = _built(match)
    if found is None:
        raise DateError(f"{text!r} is not a date (2015-12-04, 2015-12-04T10:00 or 4 December 2015)")
    return VersionDate(found, DateSource.GIVEN)


def _front_matter(draft: Draft) -> datetime | None:
    values: dict[str, str] = {}
    for paragraph in draft.paragraphs:
        if paragraph.kind is not ParagraphKind.FRONT_MATTER:
            continue
        for line in draft.text[paragraph.start : paragraph.end].splitlines():
            match = FRONT_MATTER_KEY.fullmatch(line)
            if match is not None:
                values.setdefault(match.group(1).lower(), match.group(2).strip().strip("\"'"))
    for key in ("date", "version", "title"):
        value = values.get(key, "")
        found = _first(ISO_DATE, value) or _first(WRITTEN_DATE, value)
        if found is not None:
            return found
    return None


def version_date(draft: Draft, path: str | Path) -> VersionDate | None:
    """When the version was issued, by what it says itself, else by its file name; None when nothing says."""
    version_line = _first(VERSION_LINE, draft.text[:VERSION_LINE_REACH])
    if version_line is not None:
        return VersionDate(version_line, DateSource.VERSION_LINE)
    front_matter = _front_matter(draft)
    if front_matter is not None:
        return VersionDate(front_matter, DateSource.FRONT_MATTER)
    name = Path(path).name
    from_name = _first(ISO_DATE, name) or _first(NAME_DATE, name)
    return VersionDate(from_name, DateSource.FILE_NAME) if from_name is not None else None
