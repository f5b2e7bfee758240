"""The room's feed: what viewers are sent when the journal changes, on SQLite and on PostgreSQL.

Another facilitator's session writes; the feed (the room's read-only session) takes the change in
and publishes one update per batch of journal events: the blocks that changed, the focus on the
followed facilitator's element, the activity lines.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from drafter.journal import RecordKind
from drafter.negotiation.session import Session, Stance
from drafter.serve.feed import Feed, Message, RoomState
from drafter.workspace import open_session

pytestmark = pytest.mark.usefixtures("journal_backend")  # every test on SQLite and on PostgreSQL


class Published:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.state: RoomState | None = None

    def __call__(self, state: RoomState, message: Message) -> None:
        self.state, _ = state, self.messages.append(message)

    def last(self) -> dict[str, object]:
        data: dict[str, object] = json.loads(self.messages[-1].data)
        return data


def room(path: Path, **options: object) -> tuple[Feed, Published, Session]:
    with open_session(path) as chair:
        chair.start_journal()
    session = open_session(path, read_only=True)
    published = Published()
    return Feed(session, published, **options), published, session  # type: ignore[arg-type]


def catch_up(feed: Feed) -> None:
    """Waits for the journal's nudge (PostgreSQL's NOTIFY arrives a moment after the commit), then
    takes the changes in, as the feed's thread does."""
    journal = feed.session.journal
    assert journal is not None and journal.wait_for_change(feed.state.seq, 10)
    feed.take_changes()


def test_a_resolution_reaches_the_room_as_the_changed_blocks_only(ocean: Path) -> None:
    feed, published, session = room(ocean)
    with session:
        before = feed.state
        with open_session(ocean, actor="bob") as bob:
            bob.choose("g18d9f37", 2)
        catch_up(feed)
        [message] = published.messages
        data = published.last()
        assert message.event == "update" and message.after == before.seq and message.seq == 1
        # One block changed (the paragraph holding the alternatives); the others are not sent again.
        [(start, end, blocks)] = data["edits"]  # type: ignore[misc]
        assert end - start == 1 and len(blocks) == 1
        assert "objectives" in blocks[0] and "principles" not in blocks[0]
        assert before.text.blocks[start] != blocks[0]
        assert feed.state.text.blocks == (*before.text.blocks[:start], blocks[0], *before.text.blocks[end:])
        assert data["count"] == len(feed.state.text.blocks)
        [line] = data["activity"]  # type: ignore[misc]
        assert line["seq"] == 1 and line["text"].startswith("bob chose 2 at ")  # type: ignore[index]


def test_the_room_follows_the_latest_cursor_or_the_facilitator_named(ocean: Path) -> None:
    for follow, expected in ((None, "be33794a"), ("alice", "g18d9f37")):
        path = ocean.with_name(f"{follow}.txt")
        shutil.copy(ocean, path)
        feed, published, session = room(path, follow=follow)
        with session, open_session(path, actor="alice") as alice, open_session(path, actor="bob") as bob:
            alice.set_setting("cursor", "g18d9f37")
            bob.set_setting("cursor", "be33794a")  # written last
            catch_up(feed)
            focus = feed.state.focus
            assert focus is not None and focus.element_id == expected
            assert published.last()["moved"] is True
            assert feed.state.facilitators == ("alice", "bob")
            # Settings move the focus without rendering the text again, and are not activity.
            assert "edits" not in published.last() and published.last()["activity"] == []


def test_the_focus_names_the_brackets_and_blocks_to_highlight_and_the_panel(ocean: Path) -> None:
    feed, _, session = room(ocean)
    with session, open_session(ocean, actor="alice") as alice:
        alice.record_position("g18d9f37", "EU", Stance.SUPPORTS, choice=2, meeting="IC 1")
        alice.record_position("g18d9f37", "AOSIS", Stance.OPPOSES, note="too weak")
        alice.set_setting("cursor", "g18d9f37")
        catch_up(feed)
        focus = feed.state.focus
        assert focus is not None and focus.actor == "alice"
        group = next(g for g in session.draft.alternative_groups if g.id == "g18d9f37")
        assert focus.brackets == tuple(b.id for b in group.alternatives)
        assert focus.blocks is not None
        first, last = focus.blocks
        assert first == last and "principles" in feed.state.text.blocks[first]
        for words in (
            "principles",
            "objectives",
            "European Union",
            "supports 2",
            "(IC 1)",
            "AOSIS",
            "too weak",
        ):
            assert words in focus.panel
        # Options span paragraphs: the focus covers each block of the group.
        alice.set_setting("cursor", "ode06319")
        catch_up(feed)
        options = feed.state.focus
        assert options is not None and options.brackets == () and options.blocks is not None
        blocks = feed.state.text.blocks[options.blocks[0] : options.blocks[1] + 1]
        assert "Option 1" in blocks[0] and "Option 3" in "".join(blocks) and len(blocks) >= 3


def test_positions_can_be_hidden_from_the_room(ocean: Path) -> None:
    feed, published, session = room(ocean, positions=False)
    with session, open_session(ocean, actor="alice") as alice:
        alice.record_position("g18d9f37", "EU", Stance.SUPPORTS, choice=2)
        alice.set_setting("cursor", "g18d9f37")
        alice.choose("g0aaf712", 1, party="AOSIS")
        catch_up(feed)
        everything = published.messages[-1].data + (feed.state.focus.panel if feed.state.focus else "")
        assert "European Union" not in everything and "EU" not in everything and "AOSIS" not in everything
        lines = [line["text"] for line in published.last()["activity"]]  # type: ignore[union-attr]
        assert lines == ["a position was recorded", lines[1]] and lines[1].startswith("alice chose 1 at ")


def test_an_element_resolved_under_discussion_is_said_to_be_gone(ocean: Path) -> None:
    feed, _, session = room(ocean)
    with session, open_session(ocean, actor="alice") as alice:
        alice.set_setting("cursor", "g18d9f37")
        alice.choose("g18d9f37", 1)
        catch_up(feed)
        focus = feed.state.focus
        assert focus is not None and focus.blocks is None and "no longer open" in focus.panel


def test_the_feed_thread_publishes_each_write_and_stops_when_told(ocean: Path) -> None:
    feed, published, session = room(ocean)
    arrived = threading.Event()
    publish = feed.publish

    def tell(state: RoomState, message: Message) -> None:
        publish(state, message)
        arrived.set()

    feed.publish = tell
    stop = threading.Event()
    thread = threading.Thread(target=feed.run, args=(stop,))
    thread.start()
    try:
        with open_session(ocean, actor="bob") as bob:
            bob.record_position("be33794a", "EU", Stance.ACCEPTS)
        assert arrived.wait(10), "the feed did not publish bob's position"
        assert published.messages[-1].seq == 1
        assert [r.kind for r in session.journal.records()] == [RecordKind.POSITION]  # type: ignore[union-attr]
    finally:
        stop.set()
        thread.join(10)
        session.close()
    assert not thread.is_alive()
