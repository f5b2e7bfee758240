"""Invariants of the journal under random sequences of operations, and under a killed process.

- the consolidated text parses, and the incrementally built model is the model of that text;
- undo restores the exact bytes from before the change it undoes (redo those after it);
- replaying the journal from the base text reproduces the consolidated text and its ids;
- only the spans that changes replaced differ from the base text;
- killing the process between two operations loses no acknowledged operation.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import drafter
from drafter.incremental.offsets import moved_spans
from drafter.journal import RecordKind
from drafter.negotiation.chair import apply_plan, consensus_plan
from drafter.negotiation.elements import derive_elements
from drafter.negotiation.replay import replay
from drafter.negotiation.session import Session, SessionError, Stance
from drafter.workspace import open_session
from tests.conftest import REPO, corpus_files, fixture_files

sys.path.insert(0, str(REPO / "bench"))
from synthetic import synthetic_draft

SOURCES = [
    p for p in corpus_files() if p.name.startswith(("07_", "09_paris_article2_v2", "13_"))
] + fixture_files()
PARTIES = ("EU", "G77/China", "AOSIS", "US", "LMDC")
WORDS = ("shall", "should, where appropriate,", "", "[nested] words")


class JournalMachine(RuleBasedStateMachine):
    """Drives one Session with random operations; checks the invariants after each."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="drafter-stateful-"))
        self.session: Session | None = None
        self.changed: list[int] = []  # change events made by this machine

    @initialize(source=st.sampled_from([*SOURCES, None]), seed=st.integers(0, 3))
    def open_copy(self, source: Path | None, seed: int) -> None:
        if source is None:  # no page breaks, whole paragraphs: edits take the window rebuild
            path = self.directory / "synthetic.txt"
            path.write_text(synthetic_draft(12_000, seed), encoding="utf-8")
        else:
            path = self.directory / source.name
            shutil.copyfile(source, path)
        self.session = open_session(path, actor="machine")

    def teardown(self) -> None:
        if self.session is not None:
            self.session.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @property
    def live(self) -> Session:
        assert self.session is not None
        return self.session

    def _change(self, action: str, *args: object, **options: object) -> None:
        session = self.live
        text = session.draft.text
        try:
            change = getattr(session, action)(*args, **options)
        except SessionError:
            assert session.draft.text == text  # a refusal changes nothing
            return
        if change is None:
            return
        seq = session.change_seq(change)
        self.changed.append(seq)
        assert self._text_before(seq) == text

    def _text_before(self, seq: int) -> str:
        """The consolidated text just before event `seq`, replayed from the journal."""
        session = self.live
        changes = [e.change for e in session.history() if e.change is not None and e.seq < seq]
        return replay(session.base, changes).text

    def _element(self, index: int, kinds: tuple[str, ...]) -> object | None:
        elements = [e for e in self.live.elements() if e.kind in kinds]
        return elements[index % len(elements)] if elements else None

    @rule(
        index=st.integers(0, 500),
        party=st.sampled_from(PARTIES),
        stance=st.sampled_from(list(Stance)),
        k=st.integers(1, 4),
    )
    def position(self, index: int, party: str, stance: Stance, k: int) -> None:
        element = self._element(index, ("bracket", "alternatives", "options"))
        if element is None:
            return
        choice = (
            None
            if element.kind == "bracket" or stance in (Stance.DELETE, Stance.RESERVES, Stance.PROPOSES)
            else 1 + k % len(element.choices)
        )  # type: ignore[attr-defined]
        text = "new words" if stance is Stance.PROPOSES else None
        self.live.record_position(element.id, party, stance, choice=choice, text=text)  # type: ignore[attr-defined]

    @rule(index=st.integers(0, 500), keep=st.booleans())
    def keep_or_delete(self, index: int, keep: bool) -> None:
        element = self._element(index, ("bracket",))
        if element is not None:
            self._change("keep" if keep else "delete", element.id)  # type: ignore[attr-defined]

    @rule(index=st.integers(0, 500), k=st.integers(1, 6))
    def choose(self, index: int, k: int) -> None:
        element = self._element(index, ("alternatives", "options"))
        if element is not None:
            self._change("choose", element.id, 1 + k % len(element.choices))  # type: ignore[attr-defined]

    @rule(index=st.integers(0, 500), words=st.sampled_from(WORDS), keep_brackets=st.booleans())
    def amend(self, index: int, words: str, keep_brackets: bool) -> None:
        element = self._element(index, ("bracket", "alternatives"))
        if element is not None:
            self._change("amend", element.id, words, keep_brackets=keep_brackets)  # type: ignore[attr-defined]

    @rule(start=st.integers(0, 20_000), length=st.integers(0, 80))
    def bracket(self, start: int, length: int) -> None:
        size = len(self.live.draft.text)
        start = start % (size + 1)
        self._change("bracket", start, min(size, start + length))

    @rule()
    def undo(self) -> None:
        session = self.live
        text = session.draft.text
        change = session.undo()
        if change is None:
            assert not session.can_undo and session.draft.text == text
            return
        assert change.refers is not None
        assert session.draft.text == self._text_before(change.refers)

    @rule()
    def redo(self) -> None:
        session = self.live
        change = session.redo()
        if change is not None:
            assert change.refers is not None
            assert session.draft.text == self._text_before(change.refers + 1)

    @precondition(lambda self: bool(self.changed))
    @rule(pick=st.integers(0, 1000))
    def reopen(self, pick: int) -> None:
        self._change("reopen", self.changed[pick % len(self.changed)])

    @rule()
    def apply_consensus(self) -> None:
        session = self.live
        for change in apply_plan(session, consensus_plan(session)[0]):
            assert change.kind in (
                RecordKind.KEEP,
                RecordKind.DELETE,
                RecordKind.CHOOSE,
                RecordKind.AMEND,  # a proposal adopted
            )

    @rule()
    def reopen_the_session(self) -> None:
        session = self.live
        text, spans = session.draft.text, [(b.start, b.end, b.id) for b in session.draft.brackets]
        elements, undo, redo = session.elements(), session.can_undo, session.can_redo
        session.close()
        self.session = open_session(session.path, actor="machine")
        assert self.session.draft.text == text
        assert [(b.start, b.end, b.id) for b in self.session.draft.brackets] == spans
        assert self.session.elements() == elements
        assert (self.session.can_undo, self.session.can_redo) == (undo, redo)

    @invariant()
    def consolidated_text_parses_to_the_same_model(self) -> None:
        if self.session is None:
            return
        draft = self.live.draft
        full = drafter.parse(draft.text, draft.source_format)
        assert draft.render() == draft.text
        assert [(b.start, b.end) for b in draft.brackets] == [(b.start, b.end) for b in full.brackets]
        assert [(g.start, g.end) for g in draft.alternative_groups] == [
            (g.start, g.end) for g in full.alternative_groups
        ]
        assert [(g.start, g.end) for g in draft.option_groups] == [
            (g.start, g.end) for g in full.option_groups
        ]
        assert draft.paragraphs == full.paragraphs

    @invariant()
    def elements_carried_over_are_those_made_afresh(self) -> None:
        if self.session is None:
            return
        assert self.live.elements() == derive_elements(self.live.draft)

    @invariant()
    def replay_from_the_base_reproduces_the_text_and_ids(self) -> None:
        if self.session is None:
            return
        session = self.live
        changes = [e.change for e in session.history() if e.change is not None]
        replayed = replay(session.base, changes)
        assert replayed.text == session.draft.text
        assert [(b.start, b.end, b.id) for b in replayed.brackets] == [
            (b.start, b.end, b.id) for b in session.draft.brackets
        ]

    @invariant()
    def only_replaced_spans_differ_from_the_base(self) -> None:
        if self.session is None:
            return
        session = self.live
        base, now = session.base.text, session.draft.text
        mapped: list[int | None] = list(range(len(base)))  # where each base character is now
        for event in session.history():
            if event.change is None:
                continue
            alive = [(i, p) for i, p in enumerate(mapped) if p is not None]
            moved = moved_spans(((p, p + 1) for _, p in alive), event.change.edits)
            for (i, _), span in zip(alive, moved, strict=True):
                mapped[i] = None if span is None else span[0]
        assert all(now[p] == base[i] for i, p in enumerate(mapped) if p is not None)


JournalMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestJournalMachine = JournalMachine.TestCase


WORKER = textwrap.dedent(
    """
    import hashlib, sys
    from drafter.negotiation.session import Stance
    from drafter.workspace import open_session
    session = open_session(sys.argv[1], actor="worker")
    n = 0
    while True:
        elements = session.elements()
        element = elements[n % len(elements)]
        if n % 3 == 2 and element.kind == "bracket":
            session.keep(element.id)
        elif n % 7 == 6 and session.can_undo:
            session.undo()
        else:
            choice = None if element.kind == "bracket" else 1
            session.record_position(element.id, "EU", Stance.SUPPORTS, choice=choice)
        digest = hashlib.sha256(session.draft.text.encode()).hexdigest()
        print("ack", session.last_seq, digest, flush=True)
        n += 1
    """
)


def test_killing_the_process_loses_no_acknowledged_operation(corpus_copy) -> None:  # type: ignore[no-untyped-def]
    path: Path = corpus_copy("09_paris_article2_v2")
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path)], stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )
    acknowledged: list[tuple[int, str]] = []
    assert worker.stdout is not None
    for line in worker.stdout:
        _, seq, digest = line.split()
        acknowledged.append((int(seq), digest))
        if len(acknowledged) == 40:
            worker.send_signal(signal.SIGKILL)
            break
    worker.wait()
    worker.stdout.close()
    last_seq, last_digest = acknowledged[-1]
    with open_session(path) as session:
        assert session.last_seq >= last_seq
        events = session.history()
        assert [e.seq for e in events] == list(range(1, session.last_seq + 1))
        for seq, digest in acknowledged[-5:]:
            changes = [e.change for e in events if e.change is not None and e.seq <= seq]
            text = replay(session.base, changes).text
            assert hashlib.sha256(text.encode()).hexdigest() == digest
        if session.last_seq == last_seq:
            assert hashlib.sha256(session.draft.text.encode()).hexdigest() == last_digest
