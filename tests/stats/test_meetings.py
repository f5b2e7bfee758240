"""`drafter stats FILE` with a journal: open elements after each meeting, open longest, Parties on them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.negotiation.positions import Stance
from drafter.stats.meetings import BEFORE_MEETINGS, journal_progress
from drafter.workspace import open_session
from tests.conftest import SAMPLES


@pytest.fixture
def negotiated(tmp_path: Path) -> Path:
    """The ocean sample worked through two meetings (and a position recorded before either)."""
    draft = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    with open_session(draft, actor="secretariat") as session:
        session.record_position("b96c9f6b", "Japan", Stance.OPPOSES)  # no meeting yet
        session.record_position("g18d9f37", "EU", Stance.SUPPORTS, choice=1, meeting="IC 3 Mar")
        session.record_position("g18d9f37", "G77/China", Stance.SUPPORTS, choice=1, meeting="IC 3 Mar")
        session.record_position("be33794a", "USA", Stance.OPPOSES, meeting="IC 3 Mar")
        session.record_position("be33794a", "EU", Stance.ACCEPTS, meeting="IC 3 Mar")
        session.choose("g18d9f37", 1, meeting="IC 3 Mar")
        session.keep("ba5faf7c", meeting="IC 3 Mar")
        session.record_position("g0aaf712", "AOSIS", Stance.SUPPORTS, choice=2, meeting="HoDs 4 Mar")
        session.record_position("g0aaf712", "EU", Stance.SUPPORTS, choice=1, meeting="HoDs 4 Mar")
        session.record_position("be33794a", "AOSIS", Stance.ACCEPTS, meeting="HoDs 4 Mar")
        session.delete("b9188ed3", meeting="HoDs 4 Mar")
        session.record_position("g950931f", "USA", Stance.SUPPORTS, choice=2)  # no label: still the HoDs
    return draft


def test_burn_down_by_meeting(negotiated: Path) -> None:
    with open_session(negotiated, read_only=True) as session:
        progress = journal_progress(session)
    # 33 open elements in the sample: '[early warning systems] [and] [nature-based solutions]' are three
    # brackets, not one group, under alternatives by evidence (issue 10; 31 before).
    assert progress.start_open == 33
    assert [(p.meeting, p.open_elements, p.positions, p.resolutions) for p in progress.meetings] == [
        (BEFORE_MEETINGS, 33, 1, 0),
        ("IC 3 Mar", 31, 4, 2),
        ("HoDs 4 Mar", 30, 4, 1),
    ]
    assert progress.now_open == 30


def test_open_longest_and_the_parties_on_them(negotiated: Path) -> None:
    with open_session(negotiated, read_only=True) as session:
        progress = journal_progress(session)
    assert [
        (e.element_id, e.first_meeting, e.meetings, e.parties, e.status) for e in progress.longest_open
    ] == [
        # Converging: the roster's other Parties have not been heard on them yet.
        ("b96c9f6b", None, 0, ("Japan",), "converging"),
        ("be33794a", "IC 3 Mar", 2, ("United States", "European Union", "AOSIS"), "converging"),
        ("g0aaf712", "HoDs 4 Mar", 1, ("AOSIS", "European Union"), "split"),
        ("g950931f", None, 0, ("United States",), "converging"),
    ]
    # Open elements each Party spoke on, and those where it objects to an outcome (holds them open).
    assert [(p.party, p.open_elements, p.objecting) for p in progress.parties] == [
        ("United States", 2, 2),
        ("AOSIS", 2, 1),
        ("European Union", 2, 1),
        ("Japan", 1, 1),
    ]
    assert progress.never_discussed == 26  # of 33 open elements (see the burn-down above)


def test_the_command_shows_it_and_never_creates_a_journal(
    negotiated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(negotiated)]) == 0
    out = capsys.readouterr().out
    assert "Open elements after each meeting (base text: 33)" in out
    assert "  IC 3 Mar" in out and "31 open  (4 positions, 2 changes;" in out
    assert "now: 30 open, 26 not yet discussed" in out
    assert "Parties on the most open elements" in out
    assert main(["stats", "--json", str(negotiated)]) == 0
    journal = json.loads(capsys.readouterr().out)["journal"]
    assert [m["open_elements"] for m in journal["meetings"]] == [33, 31, 30]
    fresh = tmp_path / "fresh.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", fresh)
    assert main(["stats", str(fresh)]) == 0
    assert "Open elements after each meeting" not in capsys.readouterr().out
    assert not list(tmp_path.glob("fresh.txt.drafter*"))


def test_the_chart_has_a_burn_down_panel(negotiated: Path, tmp_path: Path) -> None:
    chart = tmp_path / "chart.svg"
    assert main(["stats", "--chart", str(chart), str(negotiated)]) == 0
    text = chart.read_text(encoding="utf-8")
    assert "<!-- Open elements after each meeting -->" in text
    assert "<!-- IC 3 Mar -->" in text and "<!-- HoDs 4 Mar -->" in text
