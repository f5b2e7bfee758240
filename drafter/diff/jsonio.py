"""A diff as JSON, back again, and applied: `apply(old_text, to_json(diff))` gives the new text exactly."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from typing import Any

from drafter.diff.model import Change, ChangeKind, DraftDiff, PieceTag

FORMAT_VERSION = 1


class DiffMismatch(ValueError):
    """The JSON diff does not fit the text it is applied to (another base, or a damaged diff)."""


def to_dict(diff: DraftDiff) -> dict[str, Any]:
    data = dataclasses.asdict(diff)
    for change in data["changes"]:
        # Pieces as [tag, old, new] triples: the bulk of the file, so kept compact.
        change["pieces"] = [[p["tag"], p["old_text"], p["new_text"]] for p in change["pieces"]]
    for side in ("old_marks", "new_marks"):
        data[side] = [[m["start"], m["end"], m["kind"]] for m in data[side]]
    return {"format": "drafter-diff", "version": FORMAT_VERSION, "identical": diff.identical, **data}


def to_json(diff: DraftDiff, indent: int | None = 1) -> str:
    return json.dumps(to_dict(diff), ensure_ascii=False, indent=indent)


def _build(kind: Any, value: Any) -> Any:
    """Rebuilds a value of the annotated type `kind` from plain JSON data."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [k for k in typing.get_args(kind) if k is not type(None)]
        return _build(inner, value)
    if origin is tuple:
        inner = typing.get_args(kind)[0]
        return tuple(_build(inner, item) for item in value)
    if origin is dict or kind is Any:
        return value
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        # A field added since a diff was written keeps its default.
        fields = {
            f.name: _build(hints[f.name], value[f.name])
            for f in dataclasses.fields(kind)
            if f.init and (f.name in value or f.default is dataclasses.MISSING)
        }
        return kind(**fields)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    return value


def from_dict(data: dict[str, Any]) -> DraftDiff:
    if not isinstance(data, dict) or data.get("format") != "drafter-diff":
        raise DiffMismatch('not a drafter diff (no "format": "drafter-diff")')
    if data.get("version") != FORMAT_VERSION:
        raise DiffMismatch(
            f"a drafter diff of version {data.get('version')}, this drafter reads {FORMAT_VERSION}"
        )
    try:
        changes = [
            {**change, "pieces": [{"tag": t, "old_text": o, "new_text": n} for t, o, n in change["pieces"]]}
            for change in data["changes"]
        ]
        marks = {
            side: [{"start": s, "end": e, "kind": k} for s, e, k in data.get(side, ())]
            for side in ("old_marks", "new_marks")
        }
        built: DraftDiff = _build(DraftDiff, {**data, "changes": changes, **marks})
    except (KeyError, TypeError, ValueError) as error:
        raise DiffMismatch(f"a damaged drafter diff ({type(error).__name__}: {error})") from None
    return built


def from_json(text: str) -> DraftDiff:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DiffMismatch(f"not JSON: {error}") from None
    return from_dict(data)


def _expect(old_text: str, start: int, expected: str, what: str) -> None:
    if old_text[start : start + len(expected)] != expected:
        raise DiffMismatch(f"{what} at offset {start} does not match the text the diff is applied to")


def apply(old_text: str, json_diff: str | dict[str, Any] | DraftDiff) -> str:
    """The new text: the diff's changes applied to `old_text`, checking that each one fits."""
    if isinstance(json_diff, DraftDiff):
        diff = json_diff
    else:
        diff = from_json(json_diff) if isinstance(json_diff, str) else from_dict(json_diff)
    if diff.old_length != len(old_text):
        raise DiffMismatch(f"the diff is for a text of {diff.old_length} characters, not {len(old_text)}")
    covered = sorted((c.old_start, c.old_end) for c in diff.changes if c.old_end > c.old_start)
    at = 0
    for start, end in covered:
        if start != at:
            raise DiffMismatch(f"the diff's changes do not cover the old text at offset {at}")
        at = end
    if at != len(old_text):
        raise DiffMismatch(f"the diff's changes do not cover the old text at offset {at}")
    return "".join(_new_text(old_text, change) for change in diff.changes)


def _new_text(old_text: str, change: Change) -> str:
    _expect(old_text, change.old_start, change.old_text, f"the {change.kind.value} change")
    if change.kind in (ChangeKind.EQUAL, ChangeKind.INSERT, ChangeKind.DELETE) or not change.pieces:
        return change.old_text if change.kind is ChangeKind.EQUAL else change.new_text
    parts: list[str] = []
    at = change.old_start
    for piece in change.pieces:
        _expect(old_text, at, piece.old_text, f"a {piece.tag.value} piece")
        parts.append(piece.old_text if piece.tag is PieceTag.EQUAL else piece.new_text)
        at += len(piece.old_text)
    if at != change.old_end:
        raise DiffMismatch(f"the pieces of the change at offset {change.old_start} do not cover it")
    return "".join(parts)
