"""Modal dialogs: each asks one question and dismisses with the answer (or None when cancelled)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

DIALOG_CSS = """
ModalScreen { align: center middle; background: $background 60%; }
ModalScreen > Vertical {
    width: 72; height: auto; max-height: 80%; padding: 1 2;
    border: thick $accent; background: $surface;
}
ModalScreen Label.title { text-style: bold; margin-bottom: 1; }
ModalScreen Label.hint { color: $text-muted; margin-top: 1; }
ModalScreen OptionList { height: auto; max-height: 16; }
ModalScreen TextArea { height: 12; }
"""


T = TypeVar("T")


class Dialog(ModalScreen[T | None]):
    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(Dialog[str]):
    """One line of text: a meeting, a search, a file name."""

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self._title, self._value, self._placeholder, self._hint = title, value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            yield Input(self._value, placeholder=self._placeholder, select_on_focus=True)
            yield Label(self._hint or "enter: OK   escape: cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class Confirm(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._question, classes="title")
            yield Label("y: yes   n or escape: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


@dataclass(frozen=True, slots=True)
class Choice:
    label: str
    value: str
    detail: str = ""


class PickList(Dialog[str]):
    """A searchable list; with `allow_new`, text that matches nothing is itself an answer."""

    def __init__(
        self, title: str, choices: Sequence[Choice], *, allow_new: bool = False, hint: str = ""
    ) -> None:
        super().__init__()
        self._title, self._choices, self._allow_new, self._hint = title, choices, allow_new, hint
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            yield Input(placeholder="type to search")
            yield OptionList()
            yield Label(self._hint or "up/down: move   enter: choose   escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self._filter("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, typed: str) -> None:
        needle = typed.strip().casefold()
        matches = [c for c in self._choices if needle in c.label.casefold() or needle in c.detail.casefold()]
        options = [
            Option(Text.assemble(c.label, ("  " + c.detail if c.detail else "", "dim"))) for c in matches
        ]
        self._shown = [c.value for c in matches]
        if self._allow_new and needle and not any(c.label.casefold() == needle for c in matches):
            options.insert(0, Option(Text.assemble(("new: ", "italic"), typed.strip())))
            self._shown.insert(0, typed.strip())
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        option_list.highlighted = 0 if options else None

    def on_key(self, event: events.Key) -> None:
        # The arrows move through the list while the search box keeps the focus.
        if event.key in ("down", "up") and isinstance(self.focused, Input):
            option_list = self.query_one(OptionList)
            if event.key == "down":
                option_list.action_cursor_down()
            else:
                option_list.action_cursor_up()
            event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self._shown[highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])


@dataclass(frozen=True, slots=True)
class StanceAnswer:
    stance: str  # a Stance value name: "SUPPORTS", "OPPOSES", ...
    choice: int | None = None


STANCE_KEYS = (
    ("a", "ACCEPTS", "can accept the text as it stands"),
    ("o", "OPPOSES", "objects"),
    ("d", "DELETE", "wants the text deleted"),
    ("p", "PROPOSES", "proposes other wording"),
    ("r", "RESERVES", "reserves its position"),
)


class StanceDialog(Dialog[StanceAnswer]):
    """The current Party's stance in one key: a number supports that alternative or option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(k), f"support({k})", f"supports {k}", show=False) for k in range(1, 10)),
        *(Binding(key, f"stance('{name}')", name.lower()) for key, name, _ in STANCE_KEYS),
    ]

    def __init__(self, party: str, choices: Sequence[str]) -> None:
        super().__init__()
        self._party, self._choices = party, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Stance of {self._party}", classes="title")
            lines = Text()
            for k, choice in enumerate(self._choices[:9], 1):
                lines.append(f"{k}", "bold")
                lines.append(f"  supports: {shorten(choice, 58)}\n")
            for key, _, meaning in STANCE_KEYS:
                lines.append(key, "bold")
                lines.append(f"  {meaning}\n")
            yield Label(lines)
            yield Label("escape: cancel", classes="hint")

    def action_support(self, k: int) -> None:
        if k <= max(len(self._choices), 1):
            self.dismiss(StanceAnswer("SUPPORTS", k))

    def action_stance(self, name: str) -> None:
        self.dismiss(StanceAnswer(name))


class AmendDialog(Dialog[str]):
    """Edits the text of an element; ctrl+s applies."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "apply", "Apply")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title, self._text = title, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            yield TextArea(self._text, soft_wrap=True)
            yield Label("ctrl+s: apply   escape: cancel", classes="hint")

    def action_apply(self) -> None:
        self.dismiss(self.query_one(TextArea).text)


def shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
