"""Paragraph references as a negotiator says them: `II 12`, `III.B 24(n)`, `Art. 3 2`, `Option 2 > 3(b)`.

A reference is the section path (the headings above the paragraph: `III.B`; from the last article down,
`Art. 3`, since article numbers are unique in an agreement), the options it stands in when an option covers
paragraphs (`Option 1 Alt > `), and its number with its parents' (`24(n)`, `24(n)(ii)`). Numbers repeat in real
drafts (an `Option 1 Alt` block re-uses Option 1's), so a reference that is still not unique gets its position
among the repeats: `134 (2 of 3)`. Unnumbered paragraphs (Word auto-numbering is not text) take the
reference of the numbered paragraph they follow in their section (they continue it, as its chapeau's items
or after a page break), or else their position among the section's unnumbered paragraphs: `¶3`
(`pp 2` for a preambular one). Headings are known by their path, page furniture by its kind.

Heading ranks: a chapter above a roman section (`II.`), above a lettered one (`B.`), above an article;
Markdown headings by their `#` count. A single `I`, `V`, `X`, `L` or `C` is a letter when it follows the
letter before it (`H.` then `I.`), else a roman numeral.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.text.kinds import MarkerKind, ParagraphKind

if TYPE_CHECKING:
    from drafter.text.model import Marker, OptionGroup, Paragraph

ROMAN = re.compile(r"[IVXLC]+")
ROMAN_SUBPARAGRAPH = re.compile(r"(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xvi{0,3}|xix|xx)")
LETTER_BEFORE = {"I": "H", "V": "U", "X": "W", "L": "K", "C": "B", "i": "h", "v": "u", "x": "w"}
ARTICLE = re.compile(r"\[?\s*Article\s+(\d+\s?(?:[a-z]+)?)", re.IGNORECASE)
SECTION_LABEL = re.compile(r"\[?\s*((?:[A-Z]|[IVXLC]{1,6}))\.\s")
CHAPTER_RANK, ROMAN_RANK, LETTER_RANK, ARTICLE_RANK = 0, 1, 2, 3
FURNITURE_NAMES = {
    ParagraphKind.PAGE_HEADER: "page header",
    ParagraphKind.FRONT_MATTER: "front matter",
    ParagraphKind.LINK_DEFINITION: "link definition",
}
UNNAMED = frozenset(FURNITURE_NAMES.values())  # no go-to reaches them
FOOTNOTE = "footnote"  # a footnote's reference: "footnote 3", by its own number (else its position)
FOOTNOTE_NUMBER = re.compile(r"\s*(\d{1,3})[.\s]")  # "6 text"
MARKDOWN_FOOTNOTE = re.compile(r"[ \t]*\[\^([^\]\s]{1,20})\]:")  # "[^6]: text"
QUERY_PREFIX = re.compile(r"^\s*(?:paragraphs?|paras?\.?|par\.|¶)\s*", re.IGNORECASE)
LEADING_MARKUP = " \t\u00a0*_[#>"
OPTION_NAME = re.compile(
    r"Option\s+(?:\([a-z]{1,3}\)|\d+|[IVX]+|[A-Z])(?:\s?(?:bis|ter|quater|quinquies|[Aa]lt)\b)*"
)
POSITIONAL = re.compile(r"(?:¶|\bpp )\d+$")
REPEAT = re.compile(r"\s*\((\d+) of (\d+)\)\s*$")


@dataclass(frozen=True, slots=True)
class Reference:
    """Where a paragraph stands, as a negotiator says it; `str()` gives the one-line form."""

    path: str  # "III.B", "Art. 3", "" before the first heading
    options: tuple[str, ...]  # the options it stands in, outermost first: ("Option 2",)
    number: str  # "24(n)", "Option 1", "pp 2", "¶3", "page header"; "" for a heading
    repeat: tuple[int, int] | None = None  # (k, n): the k-th of n paragraphs with this reference

    def __str__(self) -> str:
        inner = " > ".join((*self.options, self.number)) if self.number else " > ".join(self.options)
        text = " ".join(part for part in (self.path, inner) if part)
        return f"{text} ({self.repeat[0]} of {self.repeat[1]})" if self.repeat else text


@dataclass(frozen=True, slots=True)
class HeadingRank:
    """A heading's rank (lower is higher in the document) and its label in a path."""

    rank: int
    label: str


def heading_ranks(text: str, paragraphs: Sequence[Paragraph]) -> dict[int, HeadingRank]:
    """Rank and path label of every heading, by its paragraph's start."""
    ranks: dict[int, HeadingRank] = {}
    previous_letter = ""
    for paragraph in paragraphs:
        if paragraph.kind is not ParagraphKind.HEADING:
            continue
        heading = _heading(text, paragraph, previous_letter)
        if heading.rank == LETTER_RANK:
            previous_letter = heading.label
        elif heading.rank == ROMAN_RANK:
            previous_letter = ""
        ranks[paragraph.start] = heading
    return ranks


def _heading(text: str, paragraph: Paragraph, previous_letter: str) -> HeadingRank:
    number = (paragraph.number or "").strip()
    line = text[paragraph.start : paragraph.end]
    if number.startswith("Chapter"):
        return HeadingRank(CHAPTER_RANK, "Ch. " + number.removeprefix("Chapter").strip(" .\t"))
    if number.startswith("Article"):
        return HeadingRank(ARTICLE_RANK, "Art. " + "".join(number.removeprefix("Article").split()))
    if paragraph.number is None:  # Markdown: "## Article 2 *(purpose)*", "# II. Title"
        hashes = len(line) - len(line.lstrip("#"))
        body = line.lstrip("#").strip().strip("*_ ")
        article = ARTICLE.match(body)
        if article:
            return HeadingRank(hashes, "Art. " + "".join(article.group(1).split()))
        section = SECTION_LABEL.match(body + " ")
        return HeadingRank(hashes, section.group(1) if section else "")
    label = number.rstrip(". \t\u00a0")
    if len(label) == 1 and label in LETTER_BEFORE and previous_letter != LETTER_BEFORE[label]:
        return HeadingRank(ROMAN_RANK, label)
    if len(label) > 1 and ROMAN.fullmatch(label):
        return HeadingRank(ROMAN_RANK, label)
    return HeadingRank(LETTER_RANK, label)


def paragraph_references(
    text: str,
    paragraphs: Sequence[Paragraph],
    option_groups: Sequence[OptionGroup],
    markers: Sequence[Marker] = (),
) -> tuple[Reference, ...]:
    """The reference of each paragraph of a draft, in order (`markers`: the draft's, for footnote numbers)."""
    ranks = heading_ranks(text, paragraphs)
    covering = _covering_options(text, paragraphs, option_groups)
    builder = _Builder(text, _block_options(paragraphs, option_groups), option_groups)
    builder.footnote_numbers = {
        m.end: m.text.strip() for m in markers if m.kind is MarkerKind.FOOTNOTE_DEFINITION
    }
    refs = [builder.reference(p, ranks.get(p.start), covering[i]) for i, p in enumerate(paragraphs)]
    return _disambiguated(refs, builder.numbered)


def _covering_options(
    text: str, paragraphs: Sequence[Paragraph], option_groups: Sequence[OptionGroup]
) -> list[tuple[str, ...]]:
    """For each paragraph, the options (outermost first) that cover its text and started before it."""
    spans = sorted(
        (option.label_end, option.end, _option_name(option.label))
        for group in option_groups
        for option in group.options
        if option.end > option.label_end
    )
    starts = [s for s, _, _ in spans]
    covering: list[tuple[str, ...]] = []
    for paragraph in paragraphs:
        # Options whose label ended before this paragraph and whose text reaches into it.
        found = [
            name
            for s, e, name in spans[: bisect.bisect_right(starts, paragraph.start)]
            if e > paragraph.start
        ]
        covering.append(tuple(found))
    return covering


def _block_options(paragraphs: Sequence[Paragraph], option_groups: Sequence[OptionGroup]) -> set[int]:
    """Starts of the options that cover numbered paragraphs: their labels head blocks of paragraphs,
    not parts of the paragraph before them."""
    numbered = [p.start for p in paragraphs if p.kind is ParagraphKind.OPERATIVE]
    found: set[int] = set()
    for group in option_groups:
        for option in group.options:
            i = bisect.bisect_left(numbered, option.label_end)
            if i < len(numbered) and numbered[i] < option.end:
                found.add(option.start)
    return found


def _option_name(label: str) -> str:
    name = re.sub(r"\(paragraphs?[^)]*\)", "", label)
    return " ".join(name.replace(":", " ").replace("*", " ").replace("[", " ").split())


class _Builder:
    """Walks the paragraphs in order, keeping the section path and the numbered paragraph in force."""

    def __init__(self, text: str, block_options: set[int], option_groups: Sequence[OptionGroup]) -> None:
        self.text = text
        self.block_options = block_options
        # Each option label's group, by the start of its first label; the first labels in order.
        self.first_label = {o.start: g.options[0].start for g in option_groups for o in g.options}
        self.first_labels = sorted(g.options[0].start for g in option_groups)
        self.group_operative: dict[int, str] = {}  # the numbered paragraph a group's options belong to
        self.path: list[HeadingRank] = []
        self.numbered = set[int]()  # indexes of references whose repeats are told apart: not continuations
        self.footnote_numbers: dict[int, str] = {}  # a footnote definition marker's number, by its end
        self.footnotes = 0
        self.index = 0
        self._reset()

    def _reset(self) -> None:
        self.operative = ""
        self.subs: list[tuple[str, str]] = []  # (style, label): ("letter", "n"), ("roman", "ii")
        self.last: Reference | None = None  # the numbered paragraph in force
        self.unnumbered = 0
        self.preambular = 0

    def _path(self) -> str:
        labels = [h for h in self.path if h.label]
        articles = [i for i, h in enumerate(labels) if h.label.startswith(("Art. ", "Ch. "))]
        if articles:
            labels = labels[articles[-1] :]
        parts: list[str] = []
        for heading in labels:
            if (
                parts
                and not heading.label.startswith(("Art. ", "Ch. "))
                and not parts[-1].startswith("Art. ")
            ):
                parts[-1] += "." + heading.label
            else:
                parts.append(heading.label)
        return " ".join(parts)

    def reference(self, p: Paragraph, heading: HeadingRank | None, options: tuple[str, ...]) -> Reference:
        index, self.index = self.index, self.index + 1
        markdown_note = MARKDOWN_FOOTNOTE.match(self.text, p.start, p.end)
        if p.kind is ParagraphKind.LINK_DEFINITION and markdown_note:  # "[^6]: text" is footnote 6
            self.numbered.add(index)
            return Reference("", (), f"{FOOTNOTE} {markdown_note.group(1)}")
        if p.kind in FURNITURE_NAMES:
            return Reference("", (), FURNITURE_NAMES[p.kind])
        if p.kind is ParagraphKind.FOOTNOTE:
            self.numbered.add(index)  # numbers repeat (per page, per part): the repeats are told apart
            return Reference("", (), f"{FOOTNOTE} {self._footnote_number(p)}")
        if heading is not None:
            self.path = [h for h in self.path if h.rank < heading.rank]
            self.path.append(heading)
            self._reset()
            return Reference(self._path(), (), "")
        path = self._path()
        number = self._number(p)
        for first in self.first_labels[
            bisect.bisect_left(self.first_labels, p.start) : bisect.bisect_left(self.first_labels, p.end)
        ]:
            self.group_operative.setdefault(first, self.operative)
        if number is not None:
            self.numbered.add(index)
            self.last = Reference(path, options, number)
            return self.last
        if self.last is not None and self.last.options == options[: len(self.last.options)]:
            return self.last  # continues the numbered paragraph (its items, or after a page break)
        # Counted per section: sections without a label (Markdown "## Preamble") repeat a path, and the
        # repeats of "¶2" are told apart as numbered ones are.
        self.numbered.add(index)
        if p.kind is ParagraphKind.PREAMBULAR:
            self.preambular += 1
            return Reference(path, options, f"pp {self.preambular}")
        self.unnumbered += 1
        return Reference(path, options, f"¶{self.unnumbered}")

    def _footnote_number(self, p: Paragraph) -> str:
        """The number a footnote is known by: its definition's marker (PDF text: the number on a line of
        its own just before it), else the number it starts with, else its position among the footnotes."""
        self.footnotes += 1
        before = self.text[: p.start].rstrip()
        if len(before) in self.footnote_numbers:
            return self.footnote_numbers[len(before)]
        found = FOOTNOTE_NUMBER.match(self.text, p.start, p.end)
        return found.group(1) if found else str(self.footnotes)

    def _number(self, p: Paragraph) -> str | None:
        """The paragraph's number with its parents', or None for an unnumbered paragraph."""
        if p.kind is ParagraphKind.OPTION:
            label = OPTION_NAME.search(self.text, p.start, p.end)
            name = " ".join(label.group().split()) if label else "Option"
            if label is None:
                return name
            if label.start() in self.block_options:
                self._reset()  # "Option 1: (paragraphs 134-134septies)" heads its paragraphs
                return name
            # The options of one group belong to the paragraph their group starts in ("3. [Option 1:").
            operative = self.group_operative.get(self.first_label.get(label.start(), -1), self.operative)
            return f"{operative} {name}" if operative else name
        if p.number is None:
            return None
        raw = " ".join(p.number.split())
        if p.kind is ParagraphKind.PREAMBULAR:
            return raw.rstrip(".")
        if p.kind is ParagraphKind.OPERATIVE:
            self.operative = raw.rstrip(".")
            self.subs = []
            return self.operative
        return self._subparagraph(p, raw)

    def _subparagraph(self, p: Paragraph, raw: str) -> str:
        label = raw.strip("().").strip()
        if raw[:1].isdigit():  # a Markdown list nested by indentation: "1." under "3."
            style = f"level {p.level}"
        elif ROMAN_SUBPARAGRAPH.fullmatch(label.split(" ")[0]) and not self._follows_letter(label):
            style = "roman"
        else:
            style = "letter"
        order = ("letter", "roman")
        if style in order:
            self.subs = [(s, x) for s, x in self.subs if s in order and order.index(s) < order.index(style)]
        else:
            self.subs = [(s, x) for s, x in self.subs if s.startswith("level ") and s < style]
        self.subs.append((style, label))
        return self.operative + "".join(f"({x})" for _, x in self.subs)

    def _follows_letter(self, label: str) -> bool:
        letters = [x for s, x in self.subs if s == "letter"]
        return len(label) == 1 and bool(letters) and letters[-1] == LETTER_BEFORE.get(label, "")


def _disambiguated(refs: list[Reference], numbered: set[int]) -> tuple[Reference, ...]:
    """A numbered reference that occurs more than once gets its position among the repeats (and the
    unnumbered paragraphs that continue it the same)."""
    counts = Counter(refs[i] for i in numbered)
    seen: Counter[Reference] = Counter()
    result: list[Reference] = []
    renamed: dict[int, Reference] = {}  # id() of a numbered reference -> its disambiguated form
    for i, ref in enumerate(refs):
        if i in numbered and counts[ref] > 1:
            seen[ref] += 1
            new = Reference(ref.path, ref.options, ref.number, (seen[ref], counts[ref]))
            renamed[id(ref)] = new
            result.append(new)
        else:
            result.append(renamed.get(id(ref), ref))
    return tuple(result)


def normalised(reference: str, *, numbered: bool = True) -> str:
    """A reference or a go-to query in one spelling: lower case, no space before "(" or around ">"
    (`28 (b)` and `28(b)` are one paragraph), and for a numbered paragraph no "para" (`para 12`)."""
    text = (QUERY_PREFIX.sub("", reference.strip()) if numbered else reference.strip()).lower()
    text = re.sub(r"\s*>\s*", ">", text)
    text = re.sub(r"\s+\(", "(", text)
    text = re.sub(r"\(\s*([^)]*?)\s*\)", r"(\1)", text)
    return " ".join(text.split())


def matching(references: Sequence[Reference], query: str) -> list[int]:
    """Indexes of the references a go-to query names: the whole reference, or its end (the paragraph
    number alone, `28(b)`, `5.`; a partial path, `B 24(n)`). A query without a repeat position matches
    every repeat; one without a sub-paragraph falls back to the paragraph's first sub-paragraph."""
    query_repeat = REPEAT.search(query)
    query = REPEAT.sub("", query).rstrip(" .")  # "5." as the paragraph is written names paragraph 5
    wanted = normalised(query)
    # "¶3" and "pp 2" name unnumbered paragraphs by position; "para 3" names paragraph number 3.
    wanted_position = re.sub(r"¶\s+", "¶", normalised(query, numbered=False))
    if not wanted:
        return []
    positional: list[int] = []
    exact: list[int] = []
    prefixed: list[int] = []
    for i, reference in enumerate(references):
        if not (reference.number or reference.path) or reference.number in UNNAMED:
            continue
        if query_repeat and reference.repeat != (int(query_repeat.group(1)), int(query_repeat.group(2))):
            continue
        full = normalised(str(Reference(reference.path, reference.options, reference.number)), numbered=False)
        if reference.number.startswith(("¶", "pp ")):
            if POSITIONAL.search(wanted_position) and _ends_with(full, wanted_position):
                positional.append(i)
        elif len(wanted) < len(normalised(reference.number, numbered=False).split("(")[0]):
            continue  # the query names part of the number only: `2` is not `Option 2`
        elif _ends_with(full, wanted):
            exact.append(i)
        elif _ends_with(full.split("(")[0], wanted) and "(" in full:
            prefixed.append(i)
    found = positional or exact or prefixed
    # A paragraph continued by unnumbered ones is found once: at its first paragraph.
    return [i for j, i in enumerate(found) if j == 0 or references[found[j - 1]] != references[i]]


def _ends_with(full: str, wanted: str) -> bool:
    return full == wanted or (full.endswith(wanted) and full[-len(wanted) - 1] in " .>")
