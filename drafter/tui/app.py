"""The one app factory: `make_app(path)` builds the drafting app for the CLI and for every test."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from drafter import workspace
from drafter.negotiation.session import JournalInUseError, Session, SessionError
from drafter.text.parser import ReadError
from drafter.tui.collector import IdleCollector
from drafter.tui.journal_state import BUSY_WAIT, GIVE_UP_AFTER, RETRY_EVERY
from drafter.tui.screen import MainScreen


class DrafterApp(App[None]):
    """Opens the draft's Session in a worker (a big parse must not freeze the screen), then shows it."""

    CSS_PATH = "drafter.tcss"
    TITLE = "drafter"

    def __init__(
        self,
        path: Path,
        *,
        actor: str | None = None,
        keymap: Mapping[str, str] | None = None,
        journal: str | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.actor = actor
        self.journal = journal  # a file or a postgresql:// URL; None: $DRAFTER_JOURNAL, else beside the draft
        self.session: Session | None = None
        self.error: str | None = None  # why the draft could not be opened, for the command line to print
        self.collector = IdleCollector(self)
        if keymap:
            self.set_keymap(dict(keymap))

    def compose(self) -> ComposeResult:
        yield Static(f"Opening {self.path.name} …", id="opening")
        yield LoadingIndicator()

    def on_mount(self) -> None:
        self.open_session()

    class Opened(Message):
        def __init__(self, session: Session) -> None:
            self.session = session
            super().__init__()

    class Failed(Message):
        def __init__(self, reason: str) -> None:
            self.reason = reason
            super().__init__()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def open_session(self) -> None:
        """Opens the session; a journal another process is writing (bringing its schema up to date) is
        waited for, up to GIVE_UP_AFTER. Writes then wait BUSY_WAIT at most, never freezing the screen."""
        deadline = time.monotonic() + GIVE_UP_AFTER
        while True:
            try:
                session = workspace.open_session(
                    self.path, actor=self.actor, journal_path=self.journal, busy_timeout=BUSY_WAIT
                )
            except JournalInUseError as error:
                if time.monotonic() < deadline:
                    time.sleep(RETRY_EVERY)
                    continue
                self.post_message(self.Failed(str(error)))
            except (ReadError, SessionError) as error:
                self.post_message(self.Failed(str(error)))
            else:
                self.post_message(self.Opened(session))
            return

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:  # a bug, not a bad file: say so rather than hang on "Opening"
            error = event.worker.error
            self.post_message(self.Failed(f"{self.path}: internal error while opening: {error!r}"))

    def on_drafter_app_failed(self, message: Failed) -> None:
        self.error = message.reason
        self.exit(return_code=2)

    def on_drafter_app_opened(self, message: Opened) -> None:
        self.session = message.session
        self.collector.start()
        self.push_screen(MainScreen(message.session, self.path.name))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()
        if self.session is not None:
            self.session.close()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for key, binding in screen.bound_keys():
                if binding.action.startswith("choose(") and binding.action != "choose(1)":
                    continue
                title = (
                    "Choose alternative or option 1" if binding.action == "choose(1)" else binding.description
                )
                yield SystemCommand(title, f"key: {key}", partial(screen.run_action, binding.action))


def make_app(
    path: str | os.PathLike[str],
    *,
    actor: str | None = None,
    keymap: Mapping[str, str] | None = None,
    journal: str | None = None,
) -> DrafterApp:
    """The drafting app for `path`; `keymap` maps binding ids (see `MAIN_BINDINGS`) to keys; `journal` a
    journal file or a postgresql:// URL (default: $DRAFTER_JOURNAL, else beside the draft)."""
    return DrafterApp(Path(path), actor=actor, keymap=keymap, journal=journal)
