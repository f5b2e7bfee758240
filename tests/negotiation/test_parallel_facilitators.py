"""Several facilitators, each in a process of their own, working different sections of one draft at the same
moment: every acknowledged write lands once, numbered without gaps in the order they committed, and the
text is the one the same resolutions give made one after another. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from drafter.negotiation.session import Session
from drafter.workspace import open_session
from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.usefixtures("journal_backend")  # DRAFTER_JOURNAL names the database for PostgreSQL

FACILITATORS = 3
PARTIES = ("EU", "AOSIS", "LMDC")

# One facilitator: waits for the common start, records three Parties' positions on each of its elements,
# then resolves them; prints the journal number each write was acknowledged with.
FACILITATOR = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from drafter.negotiation.session import Stance
    from drafter.workspace import open_session

    draft, actor, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
    ids, parties = json.loads(sys.argv[4]), json.loads(sys.argv[5])
    session = open_session(Path(draft), actor=actor, busy_timeout=60.0)
    groups = {e.id for e in session.elements() if e.is_group}
    time.sleep(max(0.0, start_at - time.time()))
    acknowledged = []
    for element_id in ids:
        for party in parties:
            choice = 1 if element_id in groups else None
            session.record_position(element_id, party, Stance.SUPPORTS, choice=choice)
            acknowledged.append(session.last_seq)
    for element_id in ids:
        session.choose(element_id, 1) if element_id in groups else session.keep(element_id)
        acknowledged.append(session.last_seq)
    session.close()
    print(json.dumps(acknowledged))
    """
)


def resolve_in_turn(session: Session, ids: list[str]) -> None:
    groups = {e.id for e in session.elements() if e.is_group}
    for element_id in ids:
        session.choose(element_id, 1) if element_id in groups else session.keep(element_id)


def test_facilitators_on_different_sections_at_once_all_land_in_order(tmp_path: Path) -> None:
    draft = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    with open_session(draft, actor="setup") as setup:
        setup.start_journal()
        top, end = [], 0
        for element in setup.elements():  # in text order: the ones not inside another's span
            if element.start >= end:
                top.append(element.id)
                end = element.end
    sections = [top[k::FACILITATORS][:2] for k in range(FACILITATORS)]
    start_at = time.time() + 3.0  # every process has opened its session by then
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-c", FACILITATOR, str(draft), f"facilitator{k}", str(start_at)),
                *(json.dumps(ids), json.dumps(PARTIES)),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k, ids in enumerate(sections)
    ]
    acknowledged: dict[str, list[int]] = {}
    for k, process in enumerate(processes):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        acknowledged[f"facilitator{k}"] = json.loads(out)

    with open_session(draft, read_only=True) as check:
        events = check.history()
        writes = sum(len(seqs) for seqs in acknowledged.values())
        assert [e.seq for e in events] == list(range(1, writes + 1))  # each write once, no gaps
        for actor, seqs in acknowledged.items():
            # each facilitator's writes are where it was told they landed, in the order it made them
            assert seqs == sorted(seqs) and all(events[seq - 1].actor == actor for seq in seqs)
        text = check.draft.text
        open_ids = {e.id for e in check.elements()}

    # The same resolutions made one after another by one facilitator give the same text.
    reference = tmp_path / "reference" / "ocean.txt"
    reference.parent.mkdir()
    shutil.copy(SAMPLES / "ocean-agreement.txt", reference)
    with open_session(reference, journal_path=str(tmp_path / "reference.sqlite")) as alone:
        for ids in sections:
            resolve_in_turn(alone, ids)
        assert text == alone.draft.text
        assert open_ids == {e.id for e in alone.elements()}
    assert not open_ids & {element_id for ids in sections for element_id in ids}
