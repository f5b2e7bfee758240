"""Modal dialogs: each asks one question and dismisses with the answer (or None when cancelled)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

from drafter.negotiation.positions import Stance

T = TypeVar("T")


class Dialog(ModalScreen[T | None]):
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
    """A searchable list. With `lookup` (a name's known value, or None), text that names
    nothing known is itself an answer, and a known spelling ("EU") finds its entry first."""

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        *,
        lookup: Callable[[str], str | None] | None = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self._title, self._choices, self._lookup, self._hint = title, choices, lookup, hint
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
        if self._lookup is not None and needle:
            known = self._lookup(typed)
            if known is None:
                options.insert(0, Option(Text.assemble(("new: ", "italic"), typed.strip())))
                self._shown.insert(0, typed.strip())
            else:
                if known in self._shown:
                    del options[self._shown.index(known)]
                    self._shown.remove(known)
                options.insert(0, Option(Text(known)))
                self._shown.insert(0, known)
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
    stance: Stance
    choice: int | None = None


# key, stance, what it means on a single bracket, on a group of choices
STANCE_KEYS = (
    ("a", Stance.ACCEPTS, "can accept the text: keep it", "can accept any of the choices"),
    ("o", Stance.OPPOSES, "opposes the text: it must go", "opposes every choice: deletion only"),
    ("d", Stance.DELETE, "wants the text deleted", "wants the whole passage deleted"),
    ("p", Stance.PROPOSES, "proposes other wording", "proposes other wording"),
    ("r", Stance.RESERVES, "reserves its position", "reserves its position"),
)


class StanceDialog(Dialog[StanceAnswer]):
    """The current Party's stance in one key: a number supports that alternative or option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(k), f"support({k})", f"supports {k}", show=False) for k in range(1, 10)),
        *(
            Binding(key, f"stance('{stance.value}')", stance.name.lower())
            for key, stance, _, _ in STANCE_KEYS
        ),
    ]

    def __init__(self, party: str, choices: Sequence[str] | None) -> None:
        """`choices` of a group of alternatives or options; None for a single bracket."""
        super().__init__()
        self._party, self._choices = party, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Stance of {self._party}", classes="title")
            lines = Text()
            if self._choices is None:
                lines.append("1", "bold")
                lines.append("  supports the text: keep it\n")
            for k, choice in enumerate((self._choices or ())[:9], 1):
                lines.append(f"{k}", "bold")
                lines.append(f"  supports: {shorten(choice, 58)}\n")
            for key, _, on_bracket, on_group in STANCE_KEYS:
                lines.append(key, "bold")
                lines.append(f"  {on_bracket if self._choices is None else on_group}\n")
            yield Label(lines)
            yield Label("escape: cancel", classes="hint")

    def action_support(self, k: int) -> None:
        if self._choices is None:
            if k == 1:
                self.dismiss(StanceAnswer(Stance.SUPPORTS))
        elif k <= len(self._choices):
            self.dismiss(StanceAnswer(Stance.SUPPORTS, k))

    def action_stance(self, value: str) -> None:
        """`value`: the stance's value, as a binding's action string carries it."""
        self.dismiss(StanceAnswer(Stance(value)))


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
