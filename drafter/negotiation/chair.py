"""What the facilitator does: resolves to an outcome, gavels, applies what has no objection, sets the roster.

The facilitator acts; Parties take positions. Every resolution made here is the session actor's,
with the Parties whose positions it rests on recorded as its basis (`Grounds`), never on behalf of
the Party selected in a view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drafter.incremental.offsets import Edit, apply_text
from drafter.journal import RecordKind
from drafter.negotiation import resolve
from drafter.negotiation.changes import Change, finish, preview
from drafter.negotiation.consensus import Outcome, Resolution, Roster, Status, resolution_of
from drafter.negotiation.elements import Element
from drafter.negotiation.links import Link, LinkKind, implied
from drafter.negotiation.reach import Reach, reach
from drafter.negotiation.reading import SessionView
from drafter.negotiation.records import Grounds, roster_record
from drafter.negotiation.session import Session, SessionError
from drafter.text.model import Draft


def outcome_label(session: SessionView, element: Element, outcome: Outcome) -> str:
    """An outcome in words: `keep`, `delete`, `choice 2 “should”`, `proposal 4 “…”`."""
    if not isinstance(outcome, int):
        return outcome.value
    if element.is_group and outcome <= len(element.choices):
        return f"choice {outcome} “{element.choices.preview(outcome - 1, 40)}”"
    text = dict(session.proposals(element.id)).get(outcome, "?")
    return f"proposal {outcome} “{preview(text, 40)}”"


def resolve_to(
    session: Session,
    element_id: str,
    outcome: Outcome,
    *,
    meeting: str | None = None,
    grounds: Grounds | None = None,
    party: str | None = None,
    force: bool = False,
) -> Change:
    """Resolves the element to `outcome` (keep, delete, a choice or a proposal's number) in one write,
    resting on `grounds` (by default: the Parties whose positions accept the outcome). `party`: only when
    the command line says on whose behalf; a view never passes its selected Party. A resolution that would
    remove more than the element's own paragraph(s) (`reach`) is refused unless `force`: the caller
    showed what goes (`reach_of`) and was told to go on."""
    element = session.element(element_id)
    if outcome not in session.outcomes(element_id):
        known = ", ".join(map(str, session.outcomes(element_id)))
        raise SessionError(f"{element_id} has the outcomes {known}; {outcome} is not one of them")
    if grounds is None:
        grounds = Grounds(basis=session.split_on(element_id, outcome)[0])
    with session.transaction() as write:
        write.refuse_if_changed(element_id, "nothing was changed")
        edits = outcome_edits(session, write.draft, element, outcome)
        wide = None if force else reach(write.draft, edits)
        if wide is not None:
            raise WideResolution(element_id, outcome_label(session, element, outcome), wide)
        draft, change = resolution_for(session, write.draft, element, outcome)
        on_behalf = None if party is None else session.registry.normalise(party)
        write.append_change(draft, change, party=on_behalf, meeting=meeting, grounds=grounds)
    return change


class WideResolution(SessionError):
    """A resolution refused because it would remove more than the element's own paragraph(s)."""

    def __init__(self, element_id: str, label: str, wide: Reach) -> None:
        super().__init__(
            f"{element_id}: {label} {wide.describe()}, more than its own paragraph(s); "
            "nothing was changed (to do it all the same, run it again with --force)"
        )
        self.reach = wide


def reach_of(session: Session, element_id: str, outcome: Outcome) -> Reach | None:
    """What resolving the element to `outcome` would remove beyond its own paragraph(s), if anything."""
    element = session.element(element_id)
    return reach(session.draft, outcome_edits(session, session.draft, element, outcome))


def outcome_edits(session: SessionView, draft: Draft, element: Element, outcome: Outcome) -> tuple[Edit, ...]:
    """The edits that resolve `element` in `draft` to `outcome`, not applied."""
    how = resolution_of(element.kind, len(element.choices), outcome)
    if how is Resolution.KEEP:
        return resolve.keep_edits(draft, element.id)
    if how is Resolution.DELETE:
        return resolve.delete_edits(draft, element.id)
    if how is Resolution.CHOOSE:
        assert isinstance(outcome, int)
        return resolve.choose_edits(draft, element.id, outcome)
    return resolve.amend_edits(draft, element.id, _proposal(session, element, outcome), keep_brackets=False)


def _proposal(session: SessionView, element: Element, outcome: Outcome) -> str:
    proposal = dict(session.proposals(element.id)).get(outcome) if isinstance(outcome, int) else None
    if proposal is None:
        raise SessionError(f"{element.id} has no proposal {outcome}")
    return proposal


RECORDED_AS = {
    Resolution.KEEP: RecordKind.KEEP,
    Resolution.DELETE: RecordKind.DELETE,
    Resolution.CHOOSE: RecordKind.CHOOSE,
    Resolution.ADOPT: RecordKind.AMEND,  # a proposal adopted is an amendment to its wording
}


def resolution_for(
    session: SessionView, draft: Draft, element: Element, outcome: Outcome
) -> tuple[Draft, Change]:
    """The pure resolution of `element` in `draft` to `outcome` (a proposal is adopted unbracketed)."""
    change = outcome_change(session, draft, element, outcome)
    return finish(draft, change.kind, element.id, change.edits, choice=change.choice, text=change.text)


def outcome_change(session: SessionView, draft: Draft, element: Element, outcome: Outcome) -> Change:
    """What resolving `element` in `draft` to `outcome` changes, without making the new draft (a Party's
    text applies many at once): its edits and the text they replace, not the ids it removes."""
    how = resolution_of(element.kind, len(element.choices), outcome)
    edits = outcome_edits(session, draft, element, outcome)
    choice = outcome if how is Resolution.CHOOSE and isinstance(outcome, int) else None
    text = _proposal(session, element, outcome) if how is Resolution.ADOPT else None
    start, end = (edits[0].start, edits[-1].end) if edits else (0, 0)
    before = draft.text[start:end]
    after = apply_text(before, [Edit(e.start - start, e.old, e.new) for e in edits])
    return Change(RECORDED_AS[how], element.id, edits, choice=choice, text=text, before=before, after=after)


def gavel(
    session: Session,
    element_id: str,
    outcome: Outcome,
    *,
    over_objection: str | None = None,
    meeting: str | None = None,
    force: bool = False,
) -> Change:
    """The chair's decision: resolves to `outcome`, recorded with the positions it rests on (`force`: as
    for `resolve_to`).

    Refused while a Party on record objects to that outcome, unless the chair gavels over the objection
    with a reason (`over_objection`), which the journal records with the objectors' names.
    """
    basis, objectors = session.split_on(element_id, outcome)
    if objectors and not (over_objection and over_objection.strip()):
        raise SessionError(
            f"{element_id}: {', '.join(objectors)} object{'s' if len(objectors) == 1 else ''} to "
            f"{outcome_label(session, session.element(element_id), outcome)}; the chair may gavel over the "
            "objection only with a reason (--over-objection REASON)"
        )
    grounds = Grounds(
        basis=basis,
        gavel=True,
        objectors=objectors,
        over_objection=over_objection.strip() if objectors and over_objection else None,
    )
    return resolve_to(session, element_id, outcome, meeting=meeting, grounds=grounds, force=force)


def implications(session: Session, element_id: str, outcome: Outcome) -> list[str]:
    """What resolving the element to `outcome` implies under its links, in words (for a confirm or a report)."""
    found = []
    for link, member in implied(session.links(), element_id, outcome):
        try:
            other = session.element(member.element_id)
        except SessionError:
            found.append(f"{link.describe()}: {member.element_id} is resolved already")
            continue
        wanted = "" if member.outcome is None else f" to {outcome_label(session, other, member.outcome)}"
        verb = "excludes" if link.kind is LinkKind.EXCLUDES else "needs"
        found.append(f"{link.describe()}: {verb} {member.element_id}{wanted} too")
    return found


@dataclass(frozen=True, slots=True)
class Planned:
    """One element `apply-consensus` would resolve, and why."""

    element: Element
    outcome: Outcome
    label: str  # the outcome in words
    basis: tuple[str, ...]  # the Parties heard that accept it
    package: Link | None = None
    reach: Reach | None = None  # what it removes beyond its own paragraph(s): applied only with force


@dataclass(frozen=True, slots=True)
class Held:
    """An element with no objection that waits for its package: nothing is agreed until all is."""

    planned: Planned
    waiting: tuple[str, ...]  # the package's members not yet without objection


def consensus_plan(session: Session) -> tuple[list[Planned], list[Held]]:
    """What `apply-consensus` would do: the `no-objection` elements in text order, a package only whole."""
    states = session.states()
    ready: list[Planned] = []
    for element in session.elements():
        state = states[element.id]
        if state.status is Status.NO_OBJECTION and state.outcome is not None:
            label = outcome_label(session, element, state.outcome)
            package = next(
                (p for p in session.links() if p.kind is LinkKind.PACKAGE and p.involves(element.id)), None
            )
            wide = reach_of(session, element.id, state.outcome)
            ready.append(Planned(element, state.outcome, label, state.accepting, package, wide))
    agreed = {p.element.id for p in ready}
    plan: list[Planned] = []
    held: list[Held] = []
    for planned in ready:
        package = planned.package
        waiting = (
            ()
            if package is None
            else tuple(m.element_id for m in package.members if m.element_id not in agreed)
        )
        (held.append(Held(planned, waiting)) if waiting else plan.append(planned))
    return plan, held


def apply_plan(
    session: Session, plan: Iterable[Planned], *, meeting: str | None = None, force: bool = False
) -> list[Change]:
    """Resolves each planned element as its own journaled change, skipping those gone meanwhile and,
    unless `force` (the plan's reaches were shown), those that would remove more than their paragraph(s)."""
    applied = []
    for planned in plan:
        if planned.element.id not in {e.id for e in session.elements()}:
            continue  # gone with an enclosing bracket resolved just before
        grounds = Grounds(basis=planned.basis)
        try:
            change = resolve_to(
                session, planned.element.id, planned.outcome, meeting=meeting, grounds=grounds, force=force
            )
        except WideResolution:
            continue
        applied.append(change)
    return applied


def set_roster(session: Session, meeting: str | None, parties: Iterable[str]) -> Roster:
    """Sets the Parties in the room for `meeting` (names normalised; journaled)."""
    names = frozenset(session.registry.normalise(p) for p in parties)
    roster = Roster(meeting, names, explicit=True)
    with session.transaction() as write:
        write.append(roster_record(write.stamp, roster))
    return roster
