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
from drafter.iterations.carry import Plan
from drafter.iterations.chain import Carried, CarryError
from drafter.iterations.changed import carry_changed
from drafter.journal import JournalError
from drafter.negotiation.session import BaseChanged, JournalInUseError, Session, SessionError
from drafter.text.parser import ReadError
from drafter.tui.carry_screen import CarryScreen
from drafter.tui.changed import ChangedOnDisk, WhenChanged
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

    class Changed(Message):
        """The draft changed on disk since its journal began: the user chooses what to do."""

        def __init__(self, changed: BaseChanged) -> None:
            self.changed = changed
            super().__init__()

    class JournalCarried(Message):
        def __init__(self, session: Session, carried: Carried) -> None:
            self.session = session
            self.carried = carried
            super().__init__()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def open_session(self, journal_base: bool = False) -> None:
        """Opens the session; a journal another process is writing (bringing its schema up to date) is
        waited for, up to GIVE_UP_AFTER. Writes then wait BUSY_WAIT at most, never freezing the screen."""
        deadline = time.monotonic() + GIVE_UP_AFTER
        while True:
            try:
                session = workspace.open_session(
                    self.path,
                    actor=self.actor,
                    journal_path=self.journal,
                    journal_base=journal_base,
                    busy_timeout=BUSY_WAIT,
                )
            except JournalInUseError as error:
                if time.monotonic() < deadline:
                    time.sleep(RETRY_EVERY)
                    continue
                self.post_message(self.Failed(str(error)))
            except BaseChanged as changed:
                self.post_message(self.Changed(changed))
            except (ReadError, SessionError) as error:
                self.post_message(self.Failed(str(error)))
            else:
                self.post_message(self.Opened(session))
            return

    @work(thread=True, exclusive=True, exit_on_error=False)
    def carry_journal(self) -> None:
        """Carries the journal to the file's text now (`drafter carry FILE`), then opens the draft."""
        try:
            carried = carry_changed(self.path, actor=self.actor, journal=self.journal)
            session = workspace.open_session(
                self.path, actor=self.actor, journal_path=self.journal, busy_timeout=BUSY_WAIT
            )
            self.post_message(self.JournalCarried(session, carried))
        except (ReadError, SessionError, CarryError, JournalError) as error:
            self.post_message(self.Failed(str(error)))

    def action_review_carry(self) -> None:
        """The review list of the last carry again: the old journal (set aside or elsewhere, as the version
        chain names it) compared with this version's text once more, nothing written."""
        chain = self.session.version_chain if self.session is not None else ()
        if not chain:
            self.notify("This journal was not carried from an earlier version.", timeout=5)
            return
        name = str(chain[-1]["name"])
        self.review_carry(f"{name} (before)" if name == self.path.name else name, str(chain[-1]["journal"]))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def review_carry(self, old_name: str, old_journal: str) -> None:
        try:
            carried = carry_changed(self.path, actor=self.actor, journal=old_journal, dry_run=True)
        except (ReadError, SessionError, CarryError, JournalError) as error:
            self.call_from_thread(
                self.notify, f"The journal of {old_name} cannot be read again: {error}", severity="error"
            )
            return
        self.call_from_thread(self.show_carry, carried.plan, old_name)

    def show_carry(self, plan: Plan, old_name: str) -> None:
        """The review list of a carry; enter on a carried row goes to its element."""
        screen = self.screen

        def go(element_id: str | None) -> None:
            if element_id is not None and isinstance(screen, MainScreen):
                screen.go_to_element(element_id)

        self.push_screen(CarryScreen(plan, old_name, self.path.name), go)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:  # a bug, not a bad file: say so rather than hang on "Opening"
            error = event.worker.error
            self.post_message(self.Failed(f"{self.path}: internal error while opening: {error!r}"))

    def on_drafter_app_failed(self, message: Failed) -> None:
        self.error = message.reason
        self.exit(return_code=2)

    def on_drafter_app_opened(self, message: Opened) -> None:
        self.session = message.session
        # The indicator animates (a repaint of the whole screen 15 times a second) for as long as it is
        # mounted, even under the drafting screen: ~10% of a core while the user only reads.
        self.query_one(LoadingIndicator).remove()
        self.collector.start()
        self.push_screen(MainScreen(message.session, self.path.name))
        if message.session.on_journal_base:
            self.notify(
                f"Working on the journal's copy of the text it began with; {self.path.name} on disk differs "
                "and is left alone.",
                timeout=10,
            )

    def on_drafter_app_changed(self, message: Changed) -> None:
        def chosen(choice: WhenChanged | None) -> None:
            if choice is WhenChanged.KEEP:
                self.open_session(journal_base=True)
            elif choice is WhenChanged.CARRY:
                self.carry_journal()
            else:
                self.error = str(message.changed)
                self.exit(return_code=2)

        self.push_screen(ChangedOnDisk(message.changed), chosen)

    def on_drafter_app_journal_carried(self, message: JournalCarried) -> None:
        self.on_drafter_app_opened(self.Opened(message.session))
        self.show_carry(message.carried.plan, f"{self.path.name} (before)")

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
