"""Adjacent brackets that compete as alternatives, read by evidence and corrected by the user.

Sibling brackets (the same parent) separated by horizontal space only may be alternatives:
- `[shall][should]`, nothing between: always alternatives (the strong reading);
- `[a] [b]`, a space between: alternatives only when they read as parallel wordings, and never when
  the second reads on from the first. Parallel: each at most four words (`[shall] [should]`,
  `[Invites] [Strongly urges]`), or both numbers (`[2017] [2018]`), or both start with a modal verb
  (`[may draw from and build on] [shall take into account]`), or they share their first or last word
  (`[below 2 °C] [below 1.5 °C]`), or, both at most eight words, a content word (`[developed country
  Parties] [Parties included in annex X]`). Reads on: the second starts with a connective the first does
  not start with (`[or Parties] [and/or entities] [as per decision ...]`), the first ends with an article,
  "of", "and" or "or" (`[a] [voluntary]`), or one is a bare number and the other is not (`[30 September]
  [2032]`, a year after a date).
A user's reading (`drafter split`, `drafter join`) overrides the evidence between two brackets, by their
ids: a `Reading` says whether bracket `left` and the bracket `right` just after it are alternatives. The
reading changes no text; it is journaled and replayed like every event.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from drafter.text.model import AlternativeGroup, Bracket, Draft, Reading

HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]*")
WORD = re.compile(r"[^\W_]+(?:[-'’/][^\W_]+)*")
NUMBER = re.compile(r"\s*[-–]?\d[\d.,]*\s*%?\s*")


def _words(prose: str) -> frozenset[str]:
    """A word list written as prose, to be read and extended easily."""
    return frozenset(prose.split())


CONNECTIVES = _words(
    "or and and/or nor as including in of for to with by on under per which that through from at into "
    "where while whether if such also but subject pursuant consistent inter than via"
)
READS_ON_AFTER = _words("a an the of and or")
MODALS = _words("shall should may will must can could would might")
STOPWORDS = _words(
    "a an the of to for in on by with and or as at from that this these those shall should may will its "
    "their be is are"
)
SHORT_WORDS = 4
CONTENT_WORDS = 8


def alternative_groups(
    text: str, brackets: Sequence[Bracket], readings: Iterable[Reading] = ()
) -> tuple[AlternativeGroup, ...]:
    """Runs of adjacent sibling brackets read as alternatives (the module's rule, then the readings)."""
    overrides: dict[tuple[str, str], bool] = {(r.left, r.right): r.alternatives for r in readings}
    by_parent: dict[str | None, list[Bracket]] = {}
    for bracket in brackets:
        by_parent.setdefault(bracket.parent, []).append(bracket)
    groups: list[AlternativeGroup] = []
    for siblings in by_parent.values():
        run = [siblings[0]]
        for bracket in siblings[1:]:
            if _alternatives(text, run[-1], bracket, overrides):
                run.append(bracket)
                continue
            if len(run) > 1:
                groups.append(_group(run))
            run = [bracket]
        if len(run) > 1:
            groups.append(_group(run))
    groups.sort(key=lambda g: g.start)
    return tuple(groups)


def adjacent(text: str, left: Bracket, right: Bracket) -> bool:
    """Whether `right` follows `left` with nothing but horizontal space between (siblings only)."""
    if left.parent != right.parent or right.start < left.end:
        return False
    gap = HORIZONTAL_SPACE.match(text, left.end)
    return gap is not None and gap.end() == right.start


def _alternatives(
    text: str, left: Bracket, right: Bracket, overrides: Mapping[tuple[str, str], bool]
) -> bool:
    if not adjacent(text, left, right):
        return False
    override = overrides.get((left.id, right.id))
    if override is not None:
        return override
    if right.start == left.end:
        return True  # "][": the strong reading
    return parallel(text[left.start + 1 : left.end - 1], text[right.start + 1 : right.end - 1])


def parallel(first: str, second: str) -> bool:
    """Whether two bracketed wordings separated by a space read as alternatives (the module's rule)."""
    first_number, second_number = NUMBER.fullmatch(first), NUMBER.fullmatch(second)
    if first_number and second_number:
        return True
    if bool(first_number) != bool(second_number):
        return False
    a = [w.lower() for w in WORD.findall(first)]
    b = [w.lower() for w in WORD.findall(second)]
    if not a or not b:
        return False
    if b[0] in CONNECTIVES and b[0] != a[0]:
        return False
    if a[-1] in READS_ON_AFTER and b[0] not in READS_ON_AFTER:
        return False
    if len(a) <= SHORT_WORDS and len(b) <= SHORT_WORDS:
        return True
    if a[0] in MODALS and b[0] in MODALS:
        return True  # "[may draw from and build on] [shall take into account]"
    if a[0] == b[0] or a[-1] == b[-1]:
        return True
    if len(a) <= CONTENT_WORDS and len(b) <= CONTENT_WORDS:
        return bool((set(a) & set(b)) - STOPWORDS)
    return False


def _group(run: list[Bracket]) -> AlternativeGroup:
    return AlternativeGroup(
        id="g" + run[0].id[1:], start=run[0].start, end=run[-1].end, alternatives=tuple(run)
    )


def with_readings(draft: Draft, readings: Iterable[Reading]) -> Draft:
    """`draft` read with more of the user's corrections (the latest reading of a pair counts)."""
    latest: dict[tuple[str, str], Reading] = {}
    for reading in (*draft.readings, *readings):
        latest.pop((reading.left, reading.right), None)
        latest[(reading.left, reading.right)] = reading
    kept = tuple(latest.values())
    groups = alternative_groups(draft.text, draft.brackets, kept)
    return dataclasses.replace(draft, alternative_groups=groups, readings=kept)


class ReadingError(ValueError):
    """A split or join that does not fit the draft; the message says why."""


def split_readings(draft: Draft, group_id: str, at: str | None = None) -> tuple[Reading, ...]:
    """The readings that split alternative group `group_id` into independent brackets, or in two before
    bracket `at`."""
    group = draft.group_by_id.get(group_id)
    if not isinstance(group, AlternativeGroup):
        raise ReadingError(f"{group_id}: no group of alternatives by that id")
    pairs = list(zip(group.alternatives, group.alternatives[1:], strict=False))
    if at is not None:
        pairs = [(left, right) for left, right in pairs if right.id == at]
        if not pairs:
            raise ReadingError(f"{at}: not a bracket of {group_id} after its first")
    return tuple(Reading(left.id, right.id, False) for left, right in pairs)


def join_readings(draft: Draft, ids: Sequence[str]) -> tuple[Reading, ...]:
    """The readings that make the brackets (or groups) `ids`, adjacent siblings, one group of alternatives."""
    brackets: dict[str, Bracket] = {}
    for element_id in ids:
        group = draft.group_by_id.get(element_id)
        if isinstance(group, AlternativeGroup):
            brackets.update((b.id, b) for b in group.alternatives)
        elif element_id in draft.bracket_by_id:
            brackets[element_id] = draft.bracket_by_id[element_id]
        else:
            raise ReadingError(f"{element_id}: no bracket or group of alternatives by that id")
    ordered = sorted(brackets.values(), key=lambda b: b.start)
    if len(ordered) < 2:
        raise ReadingError("join needs two brackets or more")
    for left, right in itertools.pairwise(ordered):
        if not adjacent(draft.text, left, right):
            raise ReadingError(
                f"{left.id} and {right.id} are not side by side (only spaces between, in the same bracket)"
            )
    return tuple(Reading(left.id, right.id, True) for left, right in itertools.pairwise(ordered))
