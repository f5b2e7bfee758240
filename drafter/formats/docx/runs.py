"""What a run shows: its characters, child by child, the same way for the reader and the writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import Enum

from drafter.formats.docx.numbering import BULLETS, PRIVATE_USE
from drafter.formats.docx.ooxml import Element, attr, child, local, on_off


class View(Enum):
    """Which text of a document with tracked changes: as it stands (insertions in, deletions out), or
    as it was before them (insertions out, deletions in)."""

    CURRENT = "current"
    ORIGINAL = "original"

    def hides(self, name: str) -> bool:
        """Whether content inside a `name` revision element is out of this view."""
        if self is View.CURRENT:
            return name in ("del", "moveFrom")
        return name in ("ins", "moveTo")


# The number a footnote/endnote reference, or a note's own mark, shows.
NoteNumbers = Callable[[Element], str]

LINE_BREAKS = frozenset({"br", "cr"})
TABS = frozenset({"tab", "ptab"})


def shown(run: Element, notes: NoteNumbers) -> Iterator[tuple[Element, str]]:
    """Each child of `run` that shows text, with that text ('' for none); a hidden run shows nothing."""
    if on_off(child(child(run, "rPr"), "vanish")):
        return
    for element in run:
        name = local(element)
        if name in ("t", "delText"):
            yield element, element.text or ""
        elif name in TABS:
            yield element, "\t"
        elif name in LINE_BREAKS:
            yield element, "\n"
        elif name == "noBreakHyphen":
            yield element, "-"
        elif name == "sym":
            yield element, _symbol(attr(element, "char"))
        elif name in ("footnoteReference", "endnoteReference"):
            if attr(element, "customMarkFollows") not in ("1", "true", "on"):  # else the next run is the mark
                yield element, notes(element)
        elif name in ("footnoteRef", "endnoteRef"):
            yield element, notes(element)


def run_text(run: Element, notes: NoteNumbers) -> str:
    return "".join(text for _, text in shown(run, notes))


def _symbol(code: str | None) -> str:
    try:
        character = chr(int(code or "", 16))
    except ValueError:
        return ""
    return BULLETS.get(character, "•" if PRIVATE_USE.match(character) else character)
