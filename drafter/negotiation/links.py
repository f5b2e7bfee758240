"""Package deals: elements linked by what the negotiators said about them.

- `requires`: resolving the first member (to its named outcome, or at all) requires the others (to
  theirs): "the insertion of 38 will require the deletion of 42";
- `excludes`: the first member's outcome rules out the others';
- `package`: nothing in it is agreed until everything in it is agreed: `apply-consensus` applies a
  package only when every member has no objection, and a member agreed while others are open is shown
  as provisionally agreed.

Links are journaled (`RecordKind.LINK`) and taken back by an `UNLINK` record naming the link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from drafter.negotiation.consensus import Outcome, parse_outcome


class LinkKind(StrEnum):
    REQUIRES = "requires"
    EXCLUDES = "excludes"
    PACKAGE = "package"


@dataclass(frozen=True, slots=True)
class Member:
    element_id: str
    outcome: Outcome | None = None  # None: whatever it resolves to

    def __str__(self) -> str:
        return self.element_id if self.outcome is None else f"{self.element_id}:{self.outcome}"

    @classmethod
    def parse(cls, text: str) -> Member:
        """`ID` or `ID:OUTCOME` as the command line takes it (ValueError: OUTCOME is no outcome)."""
        element_id, _, outcome = text.partition(":")
        return cls(element_id.strip(), parse_outcome(outcome) if outcome.strip() else None)


@dataclass(frozen=True, slots=True)
class Link:
    seq: int  # the journal event that made it
    kind: LinkKind
    members: tuple[Member, ...]
    note: str | None = None

    def describe(self) -> str:
        first, *others = self.members
        if self.kind is LinkKind.PACKAGE:
            return f"package #{self.seq}: {', '.join(map(str, self.members))}"
        return f"link #{self.seq}: {first} {self.kind.value} {', '.join(map(str, others))}"

    def involves(self, element_id: str) -> bool:
        return any(m.element_id == element_id for m in self.members)


class LinkBook:
    """The links in effect, fed journal records in order."""

    def __init__(self) -> None:
        self._links: dict[int, Link] = {}

    def add(self, link: Link) -> None:
        self._links[link.seq] = link

    def remove(self, seq: int) -> None:
        self._links.pop(seq, None)

    def all(self) -> tuple[Link, ...]:
        return tuple(self._links.values())

    def get(self, seq: int) -> Link | None:
        return self._links.get(seq)

    def of(self, element_id: str) -> tuple[Link, ...]:
        return tuple(link for link in self._links.values() if link.involves(element_id))

    def packages(self) -> tuple[Link, ...]:
        return tuple(link for link in self._links.values() if link.kind is LinkKind.PACKAGE)

    def package_of(self, element_id: str) -> Link | None:
        return next((p for p in self.packages() if p.involves(element_id)), None)


def implied(links: Iterable[Link], element_id: str, outcome: Outcome) -> list[tuple[Link, Member]]:
    """What resolving `element_id` to `outcome` implies for other elements under `links`."""
    found = []
    for link in links:
        first, *others = link.members
        if link.kind is LinkKind.PACKAGE:
            found += [(link, m) for m in link.members if m.element_id != element_id]
        elif first.element_id == element_id and first.outcome in (None, outcome):
            found += [(link, m) for m in others]
    return found
