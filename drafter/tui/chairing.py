"""The facilitator's keys: resolve (after a one-key confirm), apply what has no objection, gavel,
record stances (once for every repeat of the same wording), the current Party, meeting and roster,
the Party × element matrix and the text as the current Party would have it.

The facilitator acts; Parties take positions: a resolution is never credited to the selected Party;
its basis is the Parties whose positions accept the outcome (the core's `chair` module decides all this).
"""

from __future__ import annotations

from drafter.negotiation.chair import (
    apply_plan,
    consensus_plan,
    gavel,
    implications,
    outcome_label,
    reach_of,
    resolve_to,
    set_roster,
)
from drafter.negotiation.consensus import DELETE, KEEP, Outcome
from drafter.negotiation.elements import Element, ElementKind, Likeness, elements_like, reference
from drafter.negotiation.links import implied
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import SessionError
from drafter.tui.dialogs import (
    Choice,
    Confirm,
    KeyChoice,
    ListConfirm,
    PickList,
    RosterDialog,
    StanceAnswer,
    StanceDialog,
    TextPrompt,
)
from drafter.tui.drafting import DraftingScreen
from drafter.tui.matrix import MatrixScreen
from drafter.tui.party_text import PartyTextScreen


class ChairingScreen(DraftingScreen):
    """Keys of the chair and of recording positions, on top of the drafting screen."""

    # Resolving: the key names an outcome; a one-key confirm says which element and what it becomes.

    def action_choose(self, k: int) -> None:
        if element := self._current_or_warn():
            self._resolve(element, k, f"Choose {k}")

    def action_keep(self) -> None:
        if element := self._current_or_warn():
            self._resolve(element, KEEP, "Keep")

    def action_delete(self) -> None:
        if element := self._current_or_warn():
            self._resolve(element, DELETE, "Delete")

    def _resolve(self, element: Element, outcome: Outcome, verb: str) -> None:
        if outcome not in self.session.outcomes(element.id):
            kind = (
                "a group of choices: choose one"
                if element.is_group
                else "a single bracket: keep or delete it"
            )
            self.notify(f"{verb}: {element.id} has no outcome {outcome} ({kind})", severity="error")
            return
        objectors = self.session.split_on(element.id, outcome)[1]
        lines = [f"{verb} at {self._place(element)}: {outcome_label(self.session, element, outcome)}?"]
        if objectors:
            lines.append(f"{', '.join(objectors)} object{'s' if len(objectors) == 1 else ''} to it.")
        lines += implications(self.session, element.id, outcome)
        lines += self._beyond(element, outcome)
        question = "\n".join(lines)

        def answer(yes: bool | None) -> None:
            if yes and self._change(
                verb,
                lambda: resolve_to(self.session, element.id, outcome, meeting=self.meeting, force=True),
            ):
                self._offer_linked(element.id, outcome)

        self.app.push_screen(Confirm(question), answer)

    def _beyond(self, element: Element, outcome: Outcome) -> list[str]:
        """What the resolution removes beyond the element's own paragraph(s), for the confirm to show."""
        wide = reach_of(self.session, element.id, outcome)
        return [] if wide is None else [f"Careful: it {wide.describe()}."]

    def _offer_linked(self, element_id: str, outcome: Outcome) -> None:
        """After a resolution, offers to go to what its links imply (nothing is agreed until everything is)."""
        targets = [
            member.element_id
            for _, member in implied(self.session.links(), element_id, outcome)
            if member.element_id in self._index
        ]
        if not targets:
            return
        options = [(str(k), f"go to {t}", t) for k, t in enumerate(targets[:9], 1)]
        options.append(("enter", "stay here", ""))

        def chosen(target: str | None) -> None:
            if target:
                self._select(target, center=True)

        self.app.push_screen(KeyChoice("Its links ask for more:", options), chosen)

    def _place(self, element: Element) -> str:
        return f"{reference(self.session.draft, element)} ({element.id})"

    def action_consensus(self) -> None:
        plan, held = consensus_plan(self.session)
        if not plan:
            waiting = f" ({len(held)} wait for their package)" if held else ""
            self.notify(f"No element has no objection from everyone in the room{waiting}.")
            return
        rows = [
            f"{self._place(p.element)} -> {p.label}  heard: {', '.join(p.basis[:4])}{' …' if len(p.basis) > 4 else ''}"
            + ("" if p.reach is None else f"  CAREFUL: it {p.reach.describe()}")
            for p in plan
        ]
        rows += [
            f"{self._place(h.planned.element)} held: its package waits for {', '.join(h.waiting)}"
            for h in held
        ]

        def answer(yes: bool | None) -> None:
            if yes:
                applied: list[object] = []
                if self._change(
                    "Apply",
                    lambda: applied.extend(apply_plan(self.session, plan, meeting=self.meeting, force=True)),
                ):
                    self.notify(f"Applied {len(applied)} of {len(plan)}.")

        title = f"No objection from anyone in the room ({len(plan)})"
        self.app.push_screen(ListConfirm(title, rows, f"Apply these {len(plan)}?"), answer)

    def action_gavel(self) -> None:
        element = self._current_or_warn()
        if element is None:
            return
        choices = []
        outcomes = {str(outcome): outcome for outcome in self.session.outcomes(element.id)}
        for value, outcome in outcomes.items():
            objectors = self.session.split_on(element.id, outcome)[1]
            detail = f"objecting: {', '.join(objectors)}" if objectors else "no objection on record"
            choices.append(Choice(outcome_label(self.session, element, outcome), value, detail))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            outcome = outcomes[value]
            objectors = self.session.split_on(element.id, outcome)[1]
            if not objectors:
                self._gavel_shown(element, outcome, None)
                return
            self.app.push_screen(
                TextPrompt(
                    f"Gavel over the objection of {', '.join(objectors)}: the chair's reason",
                    hint="recorded with the objectors' names; escape: do not gavel",
                ),
                lambda reason: self._gavel_over(element, outcome, reason),
            )

        self.app.push_screen(PickList(f"Gavel {self._place(element)}: which outcome?", choices), chosen)

    def _gavel_over(self, element: Element, outcome: Outcome, reason: str | None) -> None:
        if reason and reason.strip():
            self._gavel_shown(element, outcome, reason)

    def _gavel_shown(self, element: Element, outcome: Outcome, reason: str | None) -> None:
        """Gavels, after showing what goes when it removes more than the element's own paragraph(s)."""

        def go() -> None:
            self._change(
                "Gavel",
                lambda: gavel(
                    self.session,
                    element.id,
                    outcome,
                    over_objection=reason,
                    meeting=self.meeting,
                    force=True,
                ),
            )

        beyond = self._beyond(element, outcome)
        if not beyond:
            go()
            return
        question = "\n".join(
            [f"Gavel at {self._place(element)}: {outcome_label(self.session, element, outcome)}?", *beyond]
        )
        self.app.push_screen(Confirm(question), lambda yes: go() if yes else None)

    # Parties, meeting, roster, stances -------------------------------------------

    def action_party(self) -> None:
        registry = self.session.registry
        choices = [Choice(entry.name, entry.name, entry.detail) for entry in self.session.known_parties()]

        def chosen(name: str | None) -> None:
            if not name:
                return
            known = registry.lookup(name)
            if known is not None:
                self._set_party(known)
                return
            close = registry.nearest(name)
            nearest = f" Nearest known: {', '.join(close)}." if close else ""
            self.app.push_screen(
                Confirm(f"“{name}” is no known Party or group.{nearest} Add it as a new Party?"),
                lambda yes: self._set_party(name) if yes else None,
            )

        self.app.push_screen(
            PickList(
                "Current Party",
                choices,
                lookup=registry.lookup,
                nearest=registry.nearest,
                hint="type to search; the nearest known names come first, a new name is asked about",
            ),
            chosen,
        )

    def _set_party(self, name: str) -> None:
        try:
            self.party = self.session.normalise_party(name)  # a new name is journaled as a new Party
            self.session.set_setting("party", self.party)
        except SessionError as error:
            self.notify(str(error), severity="error")
        self._show_status()

    def action_meeting(self) -> None:
        def chosen(meeting: str | None) -> None:
            if meeting is not None:
                self.meeting = meeting.strip() or None
                self.session.set_setting("meeting", self.meeting or "")
                self._reload()  # the roster, and so the states, are the meeting's

        self.app.push_screen(
            TextPrompt("Current meeting", self.meeting or "", placeholder="e.g. IC 16 November"), chosen
        )

    def action_roster(self) -> None:
        roster = self.session.roster(self.meeting)
        spoken = set().union(*self.session.speakers().values()) if self.session.speakers() else set()
        first = sorted(spoken | roster.parties)
        others = [e.name for e in self.session.known_parties() if e.name not in spoken | roster.parties]

        def chosen(parties: list[str] | None) -> None:
            if parties is not None:
                self._change("Roster", lambda: set_roster(self.session, self.meeting, parties))

        self.app.push_screen(RosterDialog(self.meeting, first + others, roster.parties), chosen)

    def action_filter(self) -> None:
        if self.party is None:
            self.notify("Choose the current Party first (P).", severity="warning")
            return
        self.filter_on = not self.filter_on
        self.session.set_setting("filter", "on" if self.filter_on else "off")
        self._show_status()
        current = self._element(self.current_id)
        if self.filter_on and (current is None or not self._wanted(current)):
            self._step(1)

    def action_stance(self) -> None:
        element = self._current_or_warn()
        if element is None:
            return
        if self.party is None:
            self.notify("Choose the current Party first (P).", severity="warning")
            return
        party = self.party
        choices = element.choices if element.is_group else None

        def record(answer: StanceAnswer | None) -> None:
            if answer is None:
                return
            if answer.stance is Stance.PROPOSES:
                self.app.push_screen(
                    TextPrompt(f"Wording {party} proposes"),
                    lambda text: self._ask_like(element, party, answer, text) if text else None,
                )
            else:
                self._ask_like(element, party, answer, None)

        self.app.push_screen(StanceDialog(party, choices, self.session.proposals(element.id)), record)

    def _ask_like(self, element: Element, party: str, answer: StanceAnswer, text: str | None) -> None:
        """Offers the same stance on every element of the same wording, in the section or the text."""
        draft, elements = self.session.draft, self.session.elements()
        in_section = elements_like(draft, elements, element, Likeness.SECTION)
        in_text = elements_like(draft, elements, element, Likeness.TEXT)
        if not in_text:
            self._record(element, party, answer, text, ())
            return
        options = [("enter", "only here", "")]
        if in_section:
            options.append(
                ("s", f"also on the {len(in_section)} of the same wording in this section", "section")
            )
        options.append(("t", f"also on the {len(in_text)} of the same wording in the whole text", "text"))

        def chosen(scope: str | None) -> None:
            if scope is not None:
                like = {"section": in_section, "text": in_text}.get(scope, ())
                self._record(element, party, answer, text, tuple(e.id for e in like))

        self.app.push_screen(
            KeyChoice(f"{party} {answer.stance.value}: the same wording occurs again", options), chosen
        )

    def _record(
        self, element: Element, party: str, answer: StanceAnswer, text: str | None, also_on: tuple[str, ...]
    ) -> None:
        self._change(
            "Record stance",
            lambda: self.session.record_position(
                element.id,
                party,
                answer.stance,
                choice=answer.choice,
                text=text,
                meeting=self.meeting,
                also_on=also_on,
            ),
        )
        if also_on:
            self.notify(f"Recorded on {1 + len(also_on)} elements of the same wording (one step in the log).")

    # Who blocks what, and the text as a Party would have it ----------------------

    def action_matrix(self) -> None:
        def chosen(element_id: str | None) -> None:
            if element_id is not None and element_id in self._index:
                self._select(element_id, center=True)

        self.app.push_screen(MatrixScreen(self.session, self.party), chosen)

    def action_as_party(self) -> None:
        if self.party is None:
            self.notify("Choose the current Party first (P).", severity="warning")
            return
        self.app.push_screen(PartyTextScreen(self.session, self.party))

    # The reading: which adjacent brackets are alternatives (journaled, undoable; no text changes) ----

    def action_split(self) -> None:
        element = self._current_or_warn()
        if element is None:
            return
        if element.kind is not ElementKind.ALTERNATIVES:
            self.notify(f"Split: {element.id} is no group of alternatives.", severity="warning")
            return
        if self._change("Split", lambda: self.session.split(element.id)):
            self.notify(
                f"Split {self._place(element)}: its brackets are now resolved one by one (u undoes it)."
            )

    def action_join(self) -> None:
        element = self._current_or_warn()
        if element is None:
            return
        later = [e for e in self._elements if e.start >= element.end]
        if not later:
            self.notify("Join: no bracket after this one.", severity="warning")
            return
        if self._change("Join", lambda: self.session.join([element.id, later[0].id])):
            self.notify(f"Joined at {self._place(element)}: one group of alternatives (u undoes it).")

    def action_unattached(self) -> None:
        found = self.session.unattached()
        if not found:
            self.notify("Every position is on an element as the text reads now.")
            return
        brackets = self.session.draft.bracket_by_id
        choices = [
            Choice(u.describe(), "b" + u.element_id[1:] if u.element_id.startswith("g") else u.element_id, "")
            for u in found
        ]

        def chosen(bracket_id: str | None) -> None:
            if bracket_id and bracket_id in brackets:
                owner = next(
                    (e.id for e in self._elements if e.start <= brackets[bracket_id].start < e.end), None
                )
                if owner is not None:
                    self._select(owner, center=True)

        title = "Positions that need re-attachment (their element was read differently since)"
        self.app.push_screen(PickList(title, choices, hint="enter: go to its brackets"), chosen)
