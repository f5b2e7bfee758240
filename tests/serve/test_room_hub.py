"""The fan-out: what a viewer is sent when it joins (a snapshot, or exactly the updates it missed)
and what happens to a viewer that cannot keep up."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from drafter.serve import hub as hub_module
from drafter.serve.feed import Feed, Message, RoomState
from drafter.serve.hub import Hub
from drafter.workspace import open_session
from tests.conftest import SAMPLES


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Feed, Hub, Path]:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    path = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    with open_session(path) as chair:
        chair.start_journal()
    feed = Feed(open_session(path, read_only=True), lambda state, message: None)
    hub = Hub(feed.state)
    feed.publish = hub.publish
    return feed, hub, path


def write_positions(path: Path, feed: Feed, count: int) -> None:
    """`count` journal events, each taken in by the feed on its own (one update each)."""
    from drafter.negotiation.session import Stance

    with open_session(path, actor="bob") as bob:
        for party in [entry.name for entry in bob.known_parties()][:count]:
            bob.record_position("be33794a", party, Stance.ACCEPTS)
            feed.take_changes()


def test_a_new_viewer_gets_a_snapshot_and_a_returning_one_what_it_missed(
    room: tuple[Feed, Hub, Path],
) -> None:
    feed, hub, path = room
    write_positions(path, feed, 3)
    assert hub.state.seq == 3
    [snapshot] = hub.catch_up(None)
    assert snapshot.event == "snapshot" and snapshot.seq == 3
    assert json.loads(snapshot.data)["blocks"] == list(hub.state.text.blocks)
    assert hub.catch_up(3) == []  # up to date
    missed = hub.catch_up(1)
    assert [(m.event, m.after, m.seq) for m in missed] == [("update", 1, 2), ("update", 2, 3)]
    assert [m.event for m in hub.catch_up(7)] == ["snapshot"]  # from a journal this one is not


def test_a_viewer_further_back_than_the_ring_gets_a_snapshot(
    room: tuple[Feed, Hub, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed, hub, path = room
    monkeypatch.setattr(hub_module, "RING_LENGTH", 2)
    write_positions(path, feed, 4)
    assert [m.seq for m in hub.catch_up(2)] == [3, 4]
    assert [m.event for m in hub.catch_up(1)] == ["snapshot"]


def test_every_viewer_gets_every_update_and_a_slow_one_is_dropped(
    room: tuple[Feed, Hub, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed, hub, path = room
    monkeypatch.setattr(hub_module, "QUEUE_LENGTH", 2)

    async def run() -> None:
        stopped: list[int] = []
        viewers = [hub.join(lambda k=k: stopped.append(k), hub.state.seq)[0] for k in range(3)]
        write_positions(path, feed, 2)
        assert all(v.queue.qsize() == 2 for v in viewers) and not stopped
        for viewer in viewers[1:]:  # two read theirs; the first does not
            while not viewer.queue.empty():
                viewer.queue.get_nowait()
        write_positions(path, feed, 1)
        assert stopped == [0] and viewers[0].dropped
        assert [v.queue.qsize() for v in viewers[1:]] == [1, 1]
        hub.leave(viewers[0])
        hub.close()
        assert sorted(stopped) == [0, 1, 2]

    asyncio.run(run())


def test_a_notice_outside_the_journal_is_not_replayed(room: tuple[Feed, Hub, Path]) -> None:
    feed, hub, path = room
    state: RoomState = hub.state
    hub.publish(state, Message("trouble", None, None, json.dumps({"message": "lost"})))
    write_positions(path, feed, 1)
    assert [m.event for m in hub.catch_up(0)] == ["update"]
