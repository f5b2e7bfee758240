"""Editing WordprocessingML in place: cutting runs, wrapping them in tracked changes, new runs and marks."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator

from lxml import etree

from drafter.formats.docx.ooxml import XML_NS, Element, child, local, w
from drafter.formats.docx.runs import NoteNumbers, shown

REVISION_CONTAINERS = frozenset({"ins", "del", "moveTo", "moveFrom"})
TEXT_CARRIERS = frozenset({"t", "delText", "instrText", "delInstrText"})
COMMENT_REFERENCE_STYLE = "CommentReference"  # Word's "annotation reference"


class Ids:
    """w:id values unique across the document's annotations (insertions, deletions, comments)."""

    def __init__(self, start: int) -> None:
        self._counter = itertools.count(start)

    def __next__(self) -> str:
        return str(next(self._counter))


def highest_id(root: Element) -> int:
    """The largest numeric w:id in use under `root` (-1 if none)."""
    highest = -1
    for element in root.iter():
        value = element.get(w("id"))
        if value is not None and value.lstrip("-").isdigit():
            highest = max(highest, int(value))
    return highest


def revision(name: str, ids: Ids, author: str, date: str) -> Element:
    element = etree.Element(w(name))
    element.set(w("id"), next(ids))
    element.set(w("author"), author)
    element.set(w("date"), date)
    return element


def split_run(run: Element, at: int, notes: NoteNumbers) -> Element:
    """Cuts `run` after its first `at` shown characters; returns the new run holding the rest (placed
    right after it). Children that show nothing stay with the characters they precede."""
    rest = copy.deepcopy(run)
    run.addnext(rest)
    kept = _cut_children(run, at, notes, keep_head=True)
    _cut_children(rest, kept, notes, keep_head=False)
    return rest


def _cut_children(run: Element, at: int, notes: NoteNumbers, *, keep_head: bool) -> int:
    """Keeps the head (or tail) of the run's content around shown offset `at`; returns `at`."""
    seen = 0
    # Keyed by the element itself: the dict keeps lxml's proxies alive, so `list(run)` hands back the
    # same ones (an id() of a dropped proxy is reused: a w:tab took a w:t's text and became "tab" text).
    shown_children = dict(shown(run, notes))
    for element in list(run):
        if local(element) == "rPr":
            continue
        text = shown_children.get(element, "")
        length = len(text)
        if seen + length <= at:
            in_head, cut = True, None
        elif seen >= at:
            in_head, cut = False, None
        else:
            in_head, cut = True, at - seen
        if cut is not None:
            element.text = text[:cut] if keep_head else text[cut:]
            element.set(f"{{{XML_NS}}}space", "preserve")
        elif in_head != keep_head:
            run.remove(element)
        seen += length
    return at


def to_deleted_text(run: Element) -> None:
    """A run's text as deleted text (w:t -> w:delText, w:instrText -> w:delInstrText)."""
    for element in run:
        name = local(element)
        if name == "t":
            element.tag = w("delText")
        elif name == "instrText":
            element.tag = w("delInstrText")


def wrap(run: Element, wrapper: Element) -> Element:
    run.addprevious(wrapper)
    wrapper.append(run)
    return wrapper


def new_run(text: str, like: Element | None, *, deleted: bool = False) -> Element:
    """A run showing `text` (tabs and line breaks as Word writes them), formatted like `like`."""
    run = etree.Element(w("r"))
    properties = child(like, "rPr")
    if properties is not None:
        properties = copy.deepcopy(properties)
        for name in ("ins", "del", "rPrChange", "moveFrom", "moveTo"):
            for mark in properties.findall(w(name)):
                properties.remove(mark)
        run.append(properties)
    for kind, piece in _pieces(text):
        if kind == "t":
            element = etree.SubElement(run, w("delText" if deleted else "t"))
            element.text = piece
            element.set(f"{{{XML_NS}}}space", "preserve")
        else:
            etree.SubElement(run, w(kind))
    return run


def _pieces(text: str) -> Iterator[tuple[str, str]]:
    start = 0
    for index, character in enumerate(text):
        if character in "\t\n":
            if index > start:
                yield "t", text[start:index]
            yield ("tab" if character == "\t" else "br"), character
            start = index + 1
    if start < len(text):
        yield "t", text[start:]


def insert_after(anchor: Element, new: Element, ids: Ids) -> None:
    """Puts `new` right after `anchor`, outside any tracked insertion or deletion `anchor` is in (a
    revision may not nest in another of its kind): such a container is cut in two around the spot,
    the second part with an id of its own."""
    parent = anchor.getparent()
    if parent is not None and local(parent) in REVISION_CONTAINERS:
        following = list(anchor.itersiblings())
        if following:
            tail = copy.deepcopy(parent)
            tail.set(w("id"), next(ids))
            for element in list(tail):
                tail.remove(element)
            for element in following:
                tail.append(element)
            parent.addnext(tail)
        parent.addnext(new)
        return
    anchor.addnext(new)


def insert_at_start(paragraph: Element, new: Element) -> None:
    """Puts `new` first in the paragraph's content (after its properties)."""
    properties = child(paragraph, "pPr")
    if properties is not None:
        properties.addnext(new)
    else:
        paragraph.insert(0, new)


def mark_paragraph(paragraph: Element, mark: Element) -> None:
    """Marks the paragraph's mark as inserted or deleted (`mark` is a w:ins or w:del)."""
    properties = child(paragraph, "pPr")
    if properties is None:
        properties = etree.Element(w("pPr"))
        paragraph.insert(0, properties)
    run_properties = child(properties, "rPr")
    if run_properties is None:
        run_properties = etree.SubElement(properties, w("rPr"))
        change = child(properties, "pPrChange")
        if change is not None:
            change.addprevious(run_properties)
    run_properties.append(mark)


def comment_mark(name: str, comment_id: str) -> Element:
    element = etree.Element(w(name))
    element.set(w("id"), comment_id)
    return element


def comment_reference_run(comment_id: str) -> Element:
    run = etree.Element(w("r"))
    style = etree.SubElement(etree.SubElement(run, w("rPr")), w("rStyle"))
    style.set(w("val"), COMMENT_REFERENCE_STYLE)
    run.append(comment_mark("commentReference", comment_id))
    return run


def define_comment_reference_style(styles: Element) -> None:
    """Adds Word's "annotation reference" character style (the one comment marks use) to a styles part
    that lacks it, as Word itself defines it."""
    if any(style.get(w("styleId")) == COMMENT_REFERENCE_STYLE for style in styles.iterfind(w("style"))):
        return
    style = etree.SubElement(styles, w("style"))
    style.set(w("type"), "character")
    style.set(w("styleId"), COMMENT_REFERENCE_STYLE)
    etree.SubElement(style, w("name")).set(w("val"), "annotation reference")
    if any(s.get(w("styleId")) == "DefaultParagraphFont" for s in styles.iterfind(w("style"))):
        etree.SubElement(style, w("basedOn")).set(w("val"), "DefaultParagraphFont")
    etree.SubElement(style, w("uiPriority")).set(w("val"), "99")
    etree.SubElement(style, w("semiHidden"))
    etree.SubElement(style, w("unhideWhenUsed"))
    properties = etree.SubElement(style, w("rPr"))
    for name in ("sz", "szCs"):
        etree.SubElement(properties, w(name)).set(w("val"), "16")


def copy_paragraph_properties(paragraph: Element) -> Element:
    """A new empty paragraph with `paragraph`'s properties (without its tracked marks and section)."""
    new = etree.Element(w("p"))
    properties = child(paragraph, "pPr")
    if properties is not None:
        properties = copy.deepcopy(properties)
        for name in ("pPrChange", "sectPr"):
            for element in properties.findall(w(name)):
                properties.remove(element)
        run_properties = child(properties, "rPr")
        if run_properties is not None:
            properties.remove(run_properties)
        new.append(properties)
    return new


# CT_PPrBase children that come before w:numPr (ECMA-376 §17.3.1.26: the order is fixed).
BEFORE_NUMBERING = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
NOT_BASE_PROPERTIES = ("rPr", "sectPr", "pPrChange")  # in w:pPr but not in a w:pPrChange's w:pPr


def drop_numbering(paragraph: Element, change: Element | None) -> None:
    """Takes the paragraph out of its list (numId 0); `change` (a w:pPrChange) keeps what it was."""
    properties = _changing_properties(paragraph, change)
    numbering = child(properties, "numPr")
    if numbering is None:
        numbering = etree.Element(w("numPr"))
        before = [element for element in properties if local(element) in BEFORE_NUMBERING]
        (before[-1].addnext(numbering) if before else properties.insert(0, numbering))
    for element in list(numbering):
        numbering.remove(element)
    etree.SubElement(numbering, w("numId")).set(w("val"), "0")


def take_properties(paragraph: Element, like: Element, change: Element | None) -> None:
    """Gives the paragraph `like`'s style and numbering (its own run properties, section and marks stay);
    `change` (a w:pPrChange) keeps what it was."""
    properties = _changing_properties(paragraph, change)
    for element in list(properties):
        if local(element) not in NOT_BASE_PROPERTIES:
            properties.remove(element)
    source = child(like, "pPr")
    wanted = [e for e in (source if source is not None else ()) if local(e) not in NOT_BASE_PROPERTIES]
    for element in reversed(wanted):
        properties.insert(0, copy.deepcopy(element))


def _changing_properties(paragraph: Element, change: Element | None) -> Element:
    """The paragraph's w:pPr (made if missing), its present state kept in `change` first. A paragraph
    already carrying a w:pPrChange keeps that one: it holds the older state."""
    properties = child(paragraph, "pPr")
    if properties is None:
        properties = etree.Element(w("pPr"))
        paragraph.insert(0, properties)
    if change is not None and child(properties, "pPrChange") is None:
        before = copy.deepcopy(properties)
        for name in NOT_BASE_PROPERTIES:
            for element in before.findall(w(name)):
                before.remove(element)
        change.append(before)
        properties.append(change)  # last in w:pPr
    return properties


def accept_all(roots: list[Element]) -> None:
    """Every tracked change accepted: insertions kept, deletions gone, deleted paragraph marks joining
    their paragraph to the next, formatting changes kept as they are now."""
    for root in roots:
        for mark in list(root.iter(w("del"), w("moveFrom"))):
            holder = mark.getparent()
            if holder is not None and local(holder) == "rPr" and local(holder.getparent()) == "pPr":
                _join_with_next(holder.getparent().getparent())
        for row in list(root.iter(w("tr"))):
            if any(child(child(row, "trPr"), name) is not None for name in ("del", "moveFrom")):
                row.getparent().remove(row)
        for element in list(
            root.iter(w("del"), w("moveFrom"), w("pPrChange"), w("rPrChange"), w("sectPrChange"))
        ):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
        for element in list(root.iter(w("ins"), w("moveTo"))):
            parent = element.getparent()
            if parent is None:
                continue
            if local(parent) in ("rPr", "trPr"):
                parent.remove(element)
                continue
            for inner in list(element):
                element.addprevious(inner)
            parent.remove(element)


def _join_with_next(paragraph: Element) -> None:
    """A paragraph whose mark is deleted: its content goes to the start of the next paragraph."""
    following = paragraph.getnext()
    while following is not None and local(following) != "p":
        following = following.getnext()
    if following is None:
        return
    content = [e for e in paragraph if local(e) != "pPr"]
    anchor = child(following, "pPr")
    for element in reversed(content):
        if anchor is not None:
            anchor.addnext(element)
        else:
            following.insert(0, element)
    paragraph.getparent().remove(paragraph)
