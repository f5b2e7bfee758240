"""The diff as a standard unified diff (no context lines), which `git apply --unidiff-zero` accepts.

Hunks are whole `\\n` lines: each edit of the old text (a move is a deletion
where it left and an insertion where it arrived) is widened to the lines it
touches, and edits that touch the same or adjacent lines share a hunk. The text
after each `@@ … @@` says where the hunk is and what kind of change it holds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from drafter.diff.display import describe
from drafter.diff.model import ChangeKind, DraftDiff

MAX_NOTES = 3  # kinds of change named after a hunk's @@ line
LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


@dataclass(slots=True)
class _Edit:
    start: int  # old offsets
    end: int
    new_text: str
    section: str
    note: str


def _edits(diff: DraftDiff) -> list[_Edit]:
    edits: list[tuple[int, int, _Edit]] = []
    cursor = 0  # where in the old text the walk has got to (moves arrive there)
    for order, change in enumerate(diff.changes):
        # The hunk says where by paragraph reference ("Art. 3 16"), or by section title without one.
        section = change.new_reference or change.old_reference or change.new_section or change.old_section
        note = describe(change)
        if change.kind is ChangeKind.MOVED:
            left = f"moved away to new line {change.new_line}"
            departure = _Edit(
                change.old_start, change.old_end, "", change.old_reference or change.old_section, left
            )
            edits.append((change.old_start, order, departure))
            edits.append((cursor, order, _Edit(cursor, cursor, change.new_text, section, note)))
            continue
        cursor = change.old_end
        if change.kind is not ChangeKind.EQUAL:
            edit = _Edit(change.old_start, change.old_end, change.new_text, section, note)
            edits.append((change.old_start, order, edit))
    return [edit for _, _, edit in sorted(edits, key=lambda e: (e[0], e[1]))]


def _lines(text: str) -> list[str]:
    return LINE.findall(text)


def _hunk_lines(prefix: str, block: str) -> list[str]:
    out = []
    for line in _lines(block):
        out.append(
            prefix + line if line.endswith("\n") else f"{prefix}{line}\n\\ No newline at end of file\n"
        )
    return out


def render_unified(diff: DraftDiff, old_text: str | None = None) -> str:
    """A unified diff from the old text to the new; the old text is rebuilt from the diff when not given."""
    if old_text is None:
        old_text = "".join(c.old_text for c in sorted(diff.changes, key=lambda c: c.old_start))
    starts: list[int] = []
    at = 0
    for line in _lines(old_text):
        starts.append(at)
        at += len(line)
    count = len(starts)

    def line_range(edit: _Edit) -> tuple[int, int]:
        """The old lines an edit touches, as [first, last); empty for an insertion between lines."""
        index = bisect.bisect_right(starts, edit.start) - 1
        if edit.end > edit.start:
            return index, bisect.bisect_right(starts, edit.end - 1)
        if edit.start == len(old_text):
            return (count, count) if not old_text or old_text.endswith("\n") else (count - 1, count)
        return (index, index) if starts[index] == edit.start else (index, index + 1)

    groups: list[tuple[int, int, list[_Edit]]] = []  # first line, last line (exclusive), edits
    for edit in _edits(diff):
        first, last = line_range(edit)
        # Edits on the same lines share a hunk; an insertion joins the hunk it touches.
        if groups and (
            first < groups[-1][1] or (first == groups[-1][1] and (first == last or groups[-1][0] == first))
        ):
            previous = groups[-1]
            groups[-1] = (previous[0], max(previous[1], last), [*previous[2], edit])
        else:
            groups.append((first, last, [edit]))
    out = [f"--- {diff.old_name}\n", f"+++ {diff.new_name}\n"]
    delta = 0
    for first, last, edits in groups:
        block_start = starts[first] if first < count else len(old_text)
        block_end = starts[last] if last < count else len(old_text)
        pieces, at = [], block_start
        for edit in edits:
            pieces += [old_text[at : edit.start], edit.new_text]
            at = max(at, edit.end)
        pieces.append(old_text[at:block_end])
        old_block, new_block = old_text[block_start:block_end], "".join(pieces)
        old_count, new_count = len(_lines(old_block)), len(_lines(new_block))
        old_first = first + 1 if old_count else first
        new_first = first + delta + 1 if new_count else first + delta
        kinds = list(dict.fromkeys(edit.note for edit in edits))
        notes = "; ".join(kinds[:MAX_NOTES]) + ("; …" if len(kinds) > MAX_NOTES else "")
        section = f"{edits[0].section} · " if edits[0].section else ""
        out.append(f"@@ -{old_first},{old_count} +{new_first},{new_count} @@ {section}{notes}\n")
        out += _hunk_lines("-", old_block)
        out += _hunk_lines("+", new_block)
        delta += new_count - old_count
    return "".join(out) if len(out) > 2 else ""
