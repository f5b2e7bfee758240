"""Plain text export: the consolidated text exactly (byte-identical to the draft when nothing changed)."""

from __future__ import annotations

from drafter.formats.export import ExportOptions
from drafter.negotiation.session import Session


def export_text(session: Session, options: ExportOptions) -> bytes:
    """`options.clean` changes nothing: plain text has no colours and no table to leave out."""
    del options
    return session.draft.text.encode("utf-8")
