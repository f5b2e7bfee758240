"""Plain text export: the consolidated text exactly (byte-identical to the draft when nothing changed)."""

from __future__ import annotations

from drafter.formats.export import Exported, ExportOptions
from drafter.negotiation.reading import SessionView


def export_text(session: SessionView, options: ExportOptions) -> Exported:
    """`options.clean` changes nothing: plain text has no colours and no table to leave out."""
    del options
    return Exported(session.draft.text.encode("utf-8"))
