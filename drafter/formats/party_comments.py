"""Reading Party positions out of reviewers' comments, as secretariats write them in Word.

Spellings seen in real drafts: `LMDC: Delete whole section in its entirety – will not accept`,
`US: Clarifies not decides`, `USA The section can be concluded here.`, `CFRNSentence can be concluded
here`, `UK, CFRN – “shall” | US – “should”`, `16 November – IC | ...`. A comment is cut at `|` into
statements; a statement opens with one or more registry names (joined by commas, "and" or "/"),
then a colon, a dash, a space or nothing, then what they said. A statement that is a date and a
meeting ("16 November – IC") applies to the rest. What they said gives a stance when its wording is
clear (delete, opposes, proposes "...", reserves, supports a quoted alternative, accepts), else the
comment stays a comment, for a person to read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.negotiation.elements import ElementKind
from drafter.negotiation.parties import PartyRegistry
from drafter.negotiation.positions import Stance

COMMENT = "comment"  # how a statement whose wording says no clear position is shown
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DATE = re.compile(
    rf"(\d{{1,2}})\s+({MONTHS})\.?(?:\s+(\d{{4}}))?|({MONTHS})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?", re.I
)
MEETING_WORDS = re.compile(
    r"\b(IC|ICs|informals?|informal consultations?|HoDs?|heads of delegation|plenary|contact group|"
    r"SB\s?\d+|CMA\s?\d+|COP\s?\d+|spin-?off|drafting group|huddle)\b",
    re.I,
)
DASHES = "–—-"
STATEMENT_SEPARATOR = re.compile(r"\s*\|\s*")
PARTY_JOINER = re.compile(r"\s*(?:,|/|&|\band\b)\s*")
AFTER_PARTIES = re.compile(rf"\s*(?::|[{DASHES}](?=\s)|\s)\s*|")
QUOTED = re.compile(r"[“\"‘']([^”\"’']+)[”\"’']")
# A name ends before a separator, a space, a digit or a change from an all-capitals acronym to a word.
NAME_END = re.compile(r"(?=[:,|/&\s" + DASHES + r"]|\d|$)|(?<=[A-Z])(?=[A-Z][a-z])")
MAX_NAME = 60
NOT_IN_NAME_END = frozenset(f" \t,:;|/&{DASHES}")
PROPOSAL = re.compile(
    r"(?:propos\w*(?:\s+(?:language|wording|text))?|replace\s+(?:with|by)|insert|add|amend\s+to)\s*:?\s*(.+)",
    re.I | re.S,
)
# "Clarifies not decides": a word or two instead of those at the anchor.
INSTEAD = re.compile(
    r"^\s*[“\"]?(\w+(?:[ -]\w+){0,2})[”\"]?\s*,?\s+not\s+[“\"]?(\w+(?:[ -]\w+){0,2})[”\"]?\s*\.?$", re.I
)
STANCE_WORDS: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    (Stance.DELETE, re.compile(r"\b(delet\w*|remov\w*|strike|no text)\b", re.I)),
    (Stance.RESERVES, re.compile(r"\b(reserv\w*|placeholder position)\b", re.I)),
    (
        Stance.OPPOSES,
        re.compile(
            r"\b(oppos\w*|object\w*|reject\w*|not (?:acceptable|supported|support|agree\w*)|cannot (?:accept|support|agree)|"
            r"will not accept|can ?not live with|no support)\b",
            re.I,
        ),
    ),
    (
        Stance.SUPPORTS,
        re.compile(r"\b(support\w*|prefer\w*|favou?r\w*|can accept|accept\w*|agree\w*|fine with|ok)\b", re.I),
    ),
)


@dataclass(frozen=True, slots=True)
class Statement:
    """What some Parties said in one part of a comment."""

    parties: tuple[str, ...]  # canonical registry names
    said: str


@dataclass(frozen=True, slots=True)
class CommentReading:
    statements: tuple[Statement, ...]
    meeting: str | None  # "IC 16 November" from a "16 November – IC" prefix
    unattributed: tuple[str, ...]  # parts that name no registry Party


@dataclass(frozen=True, slots=True)
class ProposedStance:
    stance: Stance | None  # None: the wording says no clear stance (shown as a comment)
    choice: int | None = None
    text: str | None = None

    @property
    def word(self) -> str:
        """The stance in a word: its value, or `comment`."""
        return COMMENT if self.stance is None else self.stance.value


def read_comment(text: str, registry: PartyRegistry) -> CommentReading:
    """The Parties' statements in a comment, and the meeting it dates them to."""
    statements: list[Statement] = []
    meeting: str | None = None
    unattributed: list[str] = []
    for part in STATEMENT_SEPARATOR.split(" ".join(text.split())):
        if not part:
            continue
        parties, said = _leading_parties(part, registry)
        if parties:
            statements.append(Statement(parties, said))
            continue
        if statements and not statements[-1].said:  # "Pakistan | Inconsistency is not acceptable"
            statements[-1] = Statement(statements[-1].parties, part)
            continue
        found = _meeting(part)
        if found is not None and meeting is None and not statements:
            meeting = found
        else:
            unattributed.append(part)
    return CommentReading(tuple(statements), meeting, tuple(unattributed))


def _leading_parties(part: str, registry: PartyRegistry) -> tuple[tuple[str, ...], str]:
    """The registry names a statement opens with, and the rest of it."""
    parties: list[str] = []
    rest = part
    while True:
        found = _leading_name(rest, registry)
        if found is None:
            break
        name, end = found
        if name not in parties:
            parties.append(name)
        rest = rest[end:]
        joiner = PARTY_JOINER.match(rest)
        if joiner is None or not joiner.group() or _leading_name(rest[joiner.end() :], registry) is None:
            break
        rest = rest[joiner.end() :]
    if not parties:
        return (), part
    separator = AFTER_PARTIES.match(rest)
    return tuple(parties), rest[separator.end() if separator else 0 :].strip()


def _leading_name(text: str, registry: PartyRegistry) -> tuple[str, int] | None:
    """The longest registry name `text` opens with (canonical name, its length in `text`)."""
    best: tuple[str, int] | None = None
    for boundary in NAME_END.finditer(text, 1):
        end = boundary.start()
        if end > MAX_NAME:
            break
        candidate = text[:end]
        if candidate[-1] in NOT_IN_NAME_END or candidate.endswith(" and"):
            continue
        if (canonical := registry.lookup(candidate)) is not None:
            best = (canonical, end)
    return best


def _meeting(part: str) -> str | None:
    """ "16 November – IC" -> "IC 16 November"; None when the part is not a date and/or meeting."""
    date = DATE.search(part)
    meeting = MEETING_WORDS.search(part)
    if date is None and meeting is None:
        return None
    leftover = part
    for found in (date, meeting):
        if found is not None:
            leftover = leftover.replace(found.group(), " ")
    if leftover.strip(f" ,;:{DASHES}"):
        return None  # more than a date and a meeting: a remark, not a heading
    return " ".join(x.group().strip() for x in (meeting, date) if x is not None)


def stance_of(said: str, kind: ElementKind, choices: Sequence[str]) -> ProposedStance:
    """The stance a statement's wording takes on an element of `kind` with `choices`."""
    quoted = [q.strip() for q in QUOTED.findall(said)]
    choice = _quoted_choice(quoted, choices) if kind is not ElementKind.BRACKET else None
    proposal = PROPOSAL.search(said)
    if proposal is not None and not STANCE_WORDS[0][1].match(said):
        wording = quoted[0] if quoted else proposal.group(1).strip().rstrip(".")
        return ProposedStance(Stance.PROPOSES, text=wording)
    for stance, words in STANCE_WORDS:
        if not words.search(said):
            continue
        if stance is Stance.SUPPORTS and kind is not ElementKind.BRACKET:
            return ProposedStance(Stance.SUPPORTS, choice) if choice else ProposedStance(Stance.ACCEPTS)
        if stance is Stance.SUPPORTS:
            return ProposedStance(Stance.ACCEPTS)
        if stance is Stance.OPPOSES:
            return ProposedStance(Stance.OPPOSES, choice)
        return ProposedStance(stance)
    instead = INSTEAD.match(said)
    if instead is not None:  # "Clarifies not decides": one alternative over another, or new words
        wanted = _quoted_choice([instead.group(1)], choices) if kind is not ElementKind.BRACKET else None
        if wanted is not None:
            return ProposedStance(Stance.SUPPORTS, wanted)
        return ProposedStance(Stance.PROPOSES, text=instead.group(1).strip())
    if choice is not None and len(said.strip(" .;:–-")) <= len(choices[choice - 1]) + 4:
        return ProposedStance(Stance.SUPPORTS, choice)  # a bare quoted alternative: `US – “should”`
    return ProposedStance(None)


def _quoted_choice(quoted: Sequence[str], choices: Sequence[str]) -> int | None:
    """The 1-based choice a quoted word names (its text, without brackets, case and spacing)."""
    wanted = {_plain(q) for q in quoted}
    for index, text in enumerate(choices, 1):
        if _plain(text) in wanted:
            return index
    return None


def _plain(text: str) -> str:
    return " ".join(text.strip("[]{} .,;:").split()).casefold()
