"""Where an export of the consolidated text goes, and what it would replace there.

The rule the TUI and the command line share: a new file is written; an existing file is replaced only
once the user has said so; the draft and its journal are never written over (`drafter.output`
refuses them, whatever the user says). The writing itself is `drafter.output`'s.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from drafter.output import OutputError, OutputExists, check_target


class Replaces(Enum):
    NOTHING = "nothing"
    A_FILE = "a file"  # asked about first
    REFUSED = "refused"  # the draft, its journal, a directory...: `drafter.output` says why


@dataclass(frozen=True, slots=True)
class ExportTarget:
    path: Path
    replaces: Replaces
    refusal: str | None = None  # why `drafter.output` will not write there

    @property
    def question(self) -> str | None:
        """What to ask before writing, or None when there is nothing to ask."""
        return f"{self.path} exists. Overwrite it?" if self.replaces is Replaces.A_FILE else None


def default_export_path(draft: Path, ending: str) -> Path:
    """`draft.txt` exports beside itself as `draft` + the format's ending (`.consolidated.txt`, `.html`)."""
    return draft.with_name(f"{draft.stem}{ending}")


def export_target(draft: Path, name: str, protected: Collection[Path]) -> ExportTarget:
    """The target named `name` (relative names are beside the draft) and what writing it would replace,
    by `drafter.output`'s rules (which also refuse the journal's side files, a directory, a missing one)."""
    path = draft.parent / Path(name).expanduser()
    try:
        check_target(path, protect=protected)
    except OutputExists:
        return ExportTarget(path, Replaces.A_FILE)
    except OutputError as error:
        return ExportTarget(path, Replaces.REFUSED, str(error))
    return ExportTarget(path, Replaces.NOTHING)
