"""Plain text export: the consolidated text exactly (byte-identical to the draft when nothing changed)."""

from __future__ import annotations

from drafter.formats.export import Exported, ExportOptions
from drafter.negotiation.session import Session


def export_text(session: Session, options: ExportOptions) -> Exported:
    """`options.clean` changes nothing: plain text has no colours and no table to leave out."""
    del options
    return Exported(session.draft.text.encode("utf-8"))
