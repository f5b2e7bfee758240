"""The next iteration's numbering: paragraphs numbered again, in order, and the references to them updated.

Between iterations the chair's team inserts `15 bis.` paragraphs and drops
others; the next iteration numbers them again: 1, 2, 3 … in each scope. A scope
is what the draft numbers on its own: an Article (or any section) whose first
numbered paragraph is 1 starts again at 1; a section that carries on the
numbering of the one before carries on; a paragraph written 1 starts a list of its own (a second
proposal under a bold heading of the same Article); a text that starts at 129 (an excerpt,
a decision whose paragraphs go on from elsewhere) starts at 129. Inside an option group each option
starts from the same number (options are alternatives for the same paragraphs,
"Option 1 Alt" re-uses Option 1's numbers), and after the group the numbering
carries on from the longest option. Lettered subparagraphs, (a) (b) (b bis),
are lettered again under their paragraph. Decimal numbers (16.1) are left as
they are: a chair who numbers that way keeps them.

References inside the draft to its own paragraphs ("paragraph 12 above",
"paragraphs 110 and 111(c) above", "paragraph 134 (option 1) above",
"paragraph 3 below") follow their paragraph, and a lettered subparagraph in
them ("111(c)") its new letter, in the reference's own scope. "Article 4, paragraph 9, of the Convention" has no
"above" or "below", so it is left alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from drafter.text.model import Draft, Paragraph, ParagraphKind

ORDINALS = "bis|ter|quater|quinquies|sexies|sexties|septies|octies|novies|decies"
WHOLE_NUMBER = re.compile(rf"(?P<n>\d{{1,4}})(?:\s*(?P<ordinal>{ORDINALS}))?\.?")
LETTER = re.compile(rf"\(?(?P<letter>[a-z]{{1,2}})(?:\s*(?P<ordinal>{ORDINALS}))?[).]")
ROMAN = re.compile(r"\(?[ivxl]{2,5}\)")  # (ii), (iv): roman subparagraphs are left as written
REFERENCED_LETTER = rf"\((?P<letter>[a-z]{{1,2}}(?:\s*(?:{ORDINALS}))?)\)"
REFERENCE = re.compile(
    rf"\b(?P<word>paragraphs?|paras?\.)\s+(?P<list>\d{{1,4}}(?:\s*(?:{ORDINALS}))?(?:\s*\([a-z]{{1,2}}"
    rf"(?:\s*(?:{ORDINALS}))?\))?(?:\s*(?:,|and|or|to|-|–)\s*\d{{1,4}}(?:\s*(?:{ORDINALS}))?"
    rf"(?:\s*\([a-z]{{1,2}}(?:\s*(?:{ORDINALS}))?\))?)*)"
    r"(?P<where>(?:\s*\((?:option|alternative)\s+[^()\n]{1,20}\))?\s+(?:above|below))",
)
REFERENCED_NUMBER = re.compile(rf"(?P<number>\d{{1,4}}(?:\s*(?:{ORDINALS}))?)(?:\s*{REFERENCED_LETTER})?")


def letters(k: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (as drafts letter long lists)."""
    return (
        chr(ord("a") + k - 1) if k <= 26 else chr(ord("a") + (k - 1) // 26 - 1) + chr(ord("a") + (k - 1) % 26)
    )


def _key(number: str) -> str:
    """ "15 bis." and "15bis" are one number."""
    return re.sub(r"[\s.]", "", number)


def _letter_key(letter: str) -> str:
    """ "(a bis)", "a bis." and "abis" are one letter."""
    return re.sub(r"[\s().]", "", letter)


@dataclass(frozen=True, slots=True)
class Renumbered:
    """One paragraph's number before and after, where it is."""

    scope: str  # the section whose numbering it belongs to
    old: str
    new: str
    start: int  # where the number is written (in the text renumbered)
    end: int


@dataclass(slots=True)
class _Scope:
    title: str
    table: dict[str, str]  # old number (key) -> new number
    letters: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (old number, old letter) -> new letter


@dataclass(slots=True)
class _Walk:
    """Where numbering has got to, paragraph by paragraph."""

    scope: _Scope | None = None
    section: int = -2
    counter: int | None = None  # the last number given in the scope (None: none yet)
    paragraph: str | None = None  # the old number (key) of the paragraph the letters run under
    indent: int | None = None  # how far in the scope's numbers are written on their lines
    run: list[tuple[str, int]] = field(default_factory=list)  # subparagraphs since the last number
    option: tuple[int, int, int] | None = None  # the option the last numbered paragraph stood in
    base: dict[int, int] = field(default_factory=dict)  # option group -> the number before its options
    top: dict[int, int] = field(default_factory=dict)  # option group -> the highest number an option reached

    def next_number(self, whole: re.Match[str], inside: tuple[int, int, int] | None) -> int:
        """The new number of a paragraph numbered `whole`, standing in the option `inside` (or none)."""
        if self.counter is None:  # an excerpt, or a decision going on from elsewhere, keeps its first number
            self.counter = int(whole.group("n")) - 1 if not whole.group("ordinal") else 0
        if inside != self.option:
            if self.option is not None and (inside is None or inside[2] != self.option[2]):
                self.counter = max(
                    self.counter, self.top.get(self.option[2], self.counter)
                )  # after the longest
            if inside is not None:
                self.counter = self.base.setdefault(inside[2], self.counter)  # each option starts alike
            self.option = inside
        elif whole.group("n") == "1" and not whole.group("ordinal"):
            self.counter = 0  # a list of its own under the same heading ('**Proposed Mechanism 2**' 1., 2.)
        self.counter += 1
        if self.option is not None:
            self.top[self.option[2]] = max(self.top.get(self.option[2], 0), self.counter)
        return self.counter


class Numbering:
    """The new numbers of a draft's paragraphs, scope by scope, and of the subparagraphs under them."""

    def __init__(
        self, draft: Draft, titles: list[tuple[int, str]], gone: dict[int, str] | None = None
    ) -> None:
        """`titles`: where each section starts and its title, in order. `gone`: the paragraphs that go (left
        empty), by start, with their numbers: they get no number, but the first of a scope still says where
        the scope's numbering starts."""
        self.draft = draft
        self._gone = gone or {}  # start -> the number as written
        self.renumbered: list[Renumbered] = []
        self._scope_starts: list[int] = []
        self._scopes: list[_Scope] = []
        self._number(titles)

    def _option_of(self) -> tuple[list[int], list[tuple[int, int, int]]]:
        """Every outermost option as (start, end, group index), sorted by start, and their starts.

        An option inside another (Option (a) and (b) inside Option II) numbers on with its outer option.
        """
        spans = sorted(
            (
                (option.start, option.end, index)
                for index, group in enumerate(self.draft.option_groups)
                for option in group.options
            ),
            key=lambda span: (span[0], -span[1]),
        )
        outermost: list[tuple[int, int, int]] = []
        for span in spans:
            if not outermost or span[0] >= outermost[-1][1]:
                outermost.append(span)
        return [start for start, _, _ in outermost], outermost

    def _numbered(self, paragraph: Paragraph) -> tuple[str | None, ParagraphKind]:
        """A paragraph's number as written and its kind, for numbering; (None, kind) for one without.
        A paragraph that goes may be its number alone, which the parser reads as text."""
        gone = self._gone.get(paragraph.start)
        if gone is not None and paragraph.number is None:
            whole = WHOLE_NUMBER.fullmatch(gone)
            return gone, ParagraphKind.OPERATIVE if whole else ParagraphKind.SUBPARAGRAPH
        if paragraph.kind in (ParagraphKind.OPERATIVE, ParagraphKind.SUBPARAGRAPH):
            return paragraph.number, paragraph.kind
        return None, paragraph.kind

    def _number(self, titles: list[tuple[int, str]]) -> None:
        text = self.draft.text
        section_starts = [start for start, _ in titles]
        option_starts, options = self._option_of()
        walk = _Walk()
        for paragraph in self.draft.paragraphs:
            written, kind = self._numbered(paragraph)
            if written is None:
                continue
            at = text.find(written, paragraph.start, paragraph.end)
            if at < 0:
                continue
            section = bisect.bisect_right(section_starts, paragraph.start) - 1
            whole = WHOLE_NUMBER.fullmatch(written) if kind is ParagraphKind.OPERATIVE else None
            if section != walk.section:
                self._letter_run(walk)
                walk.section = section
                if walk.scope is None or (
                    whole is not None and whole.group("n") == "1" and not whole.group("ordinal")
                ):
                    walk.scope = _Scope(titles[section][1] if section >= 0 else "", {})
                    walk.counter, walk.indent, walk.option, walk.paragraph = None, None, None, None
                    self._scopes.append(walk.scope)
                    self._scope_starts.append(section_starts[section] if section >= 0 else 0)
            if kind is ParagraphKind.SUBPARAGRAPH:
                if paragraph.start not in self._gone:
                    walk.run.append((written, at))
                continue
            if whole is None:
                continue  # 16.1, 94.2ter: left as they are
            indent = at - (text.rfind("\n", 0, at) + 1)
            if walk.indent is None:
                walk.indent = indent
            elif indent > walk.indent:
                continue  # a numbered list inside a paragraph ("7. … information: 1. … 2. …"): its own
            self._letter_run(walk)
            assert walk.scope is not None  # the first paragraph seen opened one
            index = bisect.bisect_right(option_starts, paragraph.start) - 1
            # An option that began before the scope (running on past a heading) does not number it.
            inside = (
                options[index]
                if index >= 0
                and paragraph.start < options[index][1]
                and options[index][0] >= self._scope_starts[-1]
                else None
            )
            if paragraph.start in self._gone:
                if walk.counter is None and not whole.group("ordinal"):  # the scope starts where it did
                    walk.counter = int(whole.group("n")) - 1
                continue
            number = walk.next_number(whole, inside)
            walk.paragraph = _key(written)
            self._record(
                walk.scope,
                written,
                f"{number}." if written.endswith(".") or whole.group("ordinal") else str(number),
                at,
            )
        self._letter_run(walk)

    def _letter_run(self, walk: _Walk) -> None:
        """Letters the subparagraphs under the last numbered paragraph again: a run that starts at (a), or
        holds an inserted (b bis); one that starts further on carries on a list from elsewhere (an option)."""
        run, walk.run = walk.run, []
        letters_found: list[tuple[str, int, re.Match[str]]] = []
        for number, at in run:
            match = LETTER.fullmatch(number)
            # "(i)" after "(h)" is a letter; "(i)" anywhere else, like "(ii)", is a roman numeral.
            if (
                match is None
                or ROMAN.fullmatch(number)
                or (match.group("letter") == "i" and len(letters_found) != 8)
            ):
                continue
            letters_found.append((number, at, match))
        if not letters_found or walk.scope is None:
            return
        first = letters_found[0][2]
        if first.group("letter") != "a" and not any(m.group("ordinal") for _, _, m in letters_found):
            return
        for k, (number, at, _) in enumerate(letters_found, 1):
            new = f"({letters(k)})" if number.startswith("(") else f"{letters(k)}."
            if walk.paragraph is not None:
                walk.scope.letters.setdefault((walk.paragraph, _letter_key(number)), letters(k))
            self._record(walk.scope, number, new, at, letter_only=True)

    def _record(self, scope: _Scope, old: str, new: str, at: int, *, letter_only: bool = False) -> None:
        if not letter_only:
            scope.table.setdefault(_key(old), new.rstrip("."))  # a repeated number (Option 1 Alt): its first
        self.renumbered.append(Renumbered(scope.title, old, new, at, at + len(old)))

    def scope_at(self, offset: int) -> _Scope:
        """The scope `offset` is in (the one before it, between scopes)."""
        index = bisect.bisect_right(self._scope_starts, offset) - 1
        return self._scopes[max(index, 0)] if self._scopes else _Scope("", {})

    def references(self) -> list[tuple[int, int, str]]:
        """(start, end, new text) for each number, and letter, in a "paragraph N(c) above/below" that changes."""
        edits = []
        for match in REFERENCE.finditer(self.draft.text):
            scope = self.scope_at(match.start())
            listed = match.start("list")
            for number in REFERENCED_NUMBER.finditer(match.group("list")):
                old = _key(number.group("number"))
                new = scope.table.get(old)
                if new is not None and new != number.group("number"):
                    edits.append((listed + number.start("number"), listed + number.end("number"), new))
                letter = number.group("letter")
                new_letter = None if letter is None else scope.letters.get((old, _letter_key(letter)))
                if new_letter is not None and new_letter != letter:
                    edits.append((listed + number.start("letter"), listed + number.end("letter"), new_letter))
        return edits
