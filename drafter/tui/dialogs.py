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
from textual.widgets import Input, Label, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from drafter.negotiation.changes import preview
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
        nearest: Callable[[str], Sequence[str]] | None = None,
        named: Callable[[str], Sequence[str]] | None = None,
        hint: str = "",
    ) -> None:
        """`nearest(text)`: known names close to a typed one that names nothing known, offered first.
        `named(text)`: the values a typed text names (a go-to reference names paragraphs): when there are
        any, they alone are listed, in that order, instead of the choices the text occurs in."""
        super().__init__()
        self._title, self._choices, self._lookup, self._hint = title, choices, lookup, hint
        self._nearest, self._named = nearest, named
        self._by_value = {c.value: c for c in choices}
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
        named = [self._by_value[v] for v in self._named(typed) if v in self._by_value] if self._named else []
        matches = named or [
            c for c in self._choices if needle in c.label.casefold() or needle in c.detail.casefold()
        ]
        options = [
            Option(Text.assemble(c.label, ("  " + c.detail if c.detail else "", "dim"))) for c in matches
        ]
        self._shown = [c.value for c in matches]
        if self._lookup is not None and needle:
            known = self._lookup(typed)
            if known is None:
                close = list(self._nearest(typed)) if self._nearest else []
                for name in reversed(close):
                    if name in self._shown:
                        del options[self._shown.index(name)]
                        self._shown.remove(name)
                    options.insert(0, Option(Text.assemble(name, ("  did you mean?", "dim"))))
                    self._shown.insert(0, name)
                # A new name comes last: known names close to it, or holding it ("Europ"), come first.
                options.append(Option(Text.assemble(("new: ", "italic"), typed.strip())))
                self._shown.append(typed.strip())
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
    (
        "a",
        Stance.ACCEPTS,
        "can accept: any outcome (then a number: only that one)",
        "can accept: any outcome (then a number: only that one)",
    ),
    (
        "o",
        Stance.OPPOSES,
        "opposes the text as it stands (then a number: only that one)",
        "opposes every choice (then a number: only that one)",
    ),
    ("d", Stance.DELETE, "wants the text deleted", "wants the whole passage deleted"),
    ("p", Stance.PROPOSES, "proposes other wording", "proposes other wording"),
    ("r", Stance.RESERVES, "reserves its position", "reserves its position"),
)
STANCE_OF_KEY = {key: stance for key, stance, _, _ in STANCE_KEYS}
NAMED_LATER = frozenset({Stance.ACCEPTS, Stance.OPPOSES})  # a number may follow: that outcome only


class StanceDialog(Dialog[StanceAnswer]):
    """The current Party's stance in one key: a number supports that choice or proposal; `a` or `o`
    then a number accepts or opposes only that one (enter: any / the text as it stands)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(k), f"number({k})", f"supports {k}", show=False) for k in range(1, 10)),
        *(Binding(key, f"stance('{key}')", stance.name.lower()) for key, stance, _, _ in STANCE_KEYS),
        Binding("enter", "without_number", "any", show=False),
    ]

    def __init__(
        self, party: str, choices: Sequence[str] | None, proposals: Sequence[tuple[int, str]] = ()
    ) -> None:
        """`choices` of a group of alternatives or options, None for a single bracket; `proposals` by number."""
        super().__init__()
        self._party, self._choices, self._proposals = party, choices, tuple(proposals)
        self._pending: Stance | None = None  # accepts or opposes, waiting for a number or enter

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Stance of {self._party}", classes="title")
            lines = Text()
            if self._choices is None:
                lines.append("1", "bold")
                lines.append("  supports the text: keep it\n")
            for k, choice in enumerate((self._choices or ())[:9], 1):
                lines.append(f"{k}", "bold")
                lines.append(f"  supports: {preview(choice, 58)}\n")
            for number, text in self._proposals:
                if number <= 9:
                    lines.append(f"{number}", "bold")
                    lines.append(f"  supports proposal: {preview(text, 48)}\n")
            for key, _, on_bracket, on_group in STANCE_KEYS:
                lines.append(key, "bold")
                lines.append(f"  {on_bracket if self._choices is None else on_group}\n")
            yield Label(lines)
            yield Label("escape: cancel", classes="hint", id="stance-hint")

    def _numbers(self) -> range:
        return range(1, len(self._choices or ("",)) + len(self._proposals) + 1)

    def action_number(self, k: int) -> None:
        if k not in self._numbers():
            return
        if self._pending is not None and self._choices is None and k == 1:
            # On a bracket, accepting its text only is supporting it; opposing it is opposing the text.
            self.dismiss(StanceAnswer(Stance.SUPPORTS if self._pending is Stance.ACCEPTS else Stance.OPPOSES))
        elif self._pending is not None:
            self.dismiss(StanceAnswer(self._pending, k))
        elif self._choices is None and k == 1:
            self.dismiss(StanceAnswer(Stance.SUPPORTS))
        else:
            self.dismiss(StanceAnswer(Stance.SUPPORTS, k))

    def action_stance(self, key: str) -> None:
        """`key`: the key pressed (a binding's action string carries it), looked up in `STANCE_KEYS`."""
        stance = STANCE_OF_KEY[key]
        if stance in NAMED_LATER and self._pending is None:
            self._pending = stance
            self.query_one("#stance-hint", Label).update(
                f"{stance.value}: a number names the outcome; enter: "
                + ("any outcome" if stance is Stance.ACCEPTS else "the text as it stands")
                + "   escape: cancel"
            )
            return
        self.dismiss(StanceAnswer(stance))

    def action_without_number(self) -> None:
        if self._pending is not None:
            self.dismiss(StanceAnswer(self._pending))


class KeyChoice(Dialog[str]):
    """A question answered by one key: each option a key, what it does, and the answer it gives."""

    def __init__(self, title: str, options: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self._title, self._options = title, tuple(options)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            lines = Text()
            for key, what, _ in self._options:
                lines.append(key, "bold")
                lines.append(f"  {what}\n")
            yield Label(lines)
            yield Label("escape: cancel", classes="hint")

    def on_key(self, event: events.Key) -> None:
        for key, _, answer in self._options:
            if event.key == key:
                event.stop()
                self.dismiss(answer)


class ListConfirm(Dialog[bool]):
    """A list of what is about to happen, then y to do it or n/escape not to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
    ]

    def __init__(self, title: str, rows: Sequence[str], question: str) -> None:
        super().__init__()
        self._title, self._rows, self._question = title, tuple(rows), question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            yield OptionList(*(Option(Text(row)) for row in self._rows))
            yield Label(self._question, classes="title")
            yield Label("y: yes   n or escape: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class RosterDialog(Dialog[list[str]]):
    """Who is in the room: every known Party (about 210), ticked if on the meeting's roster. Typing narrows
    the list to the names holding what was typed; ticks are kept for names narrowed out of sight; enter
    sets the roster to every ticked name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "keep", "Keep", priority=True),  # before the list's enter (which would tick)
        Binding("down", "to_list", show=False),
    ]

    def __init__(self, meeting: str | None, parties: Sequence[str], present: frozenset[str]) -> None:
        super().__init__()
        self._meeting, self._parties = meeting, tuple(parties)
        self._ticked = set(present)
        self._shown = self._parties

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"In the room for {self._meeting or '(no meeting)'}", classes="title")
            yield Input(placeholder="type part of a name to narrow the list")
            yield SelectionList[str](*((p, p, p in self._ticked) for p in self._parties))
            yield Label(
                "down: list   space: tick   enter: set the roster   escape: cancel",
                classes="hint",
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._take_ticks()
        wanted = " ".join(event.value.split()).casefold()
        self._shown = tuple(p for p in self._parties if wanted in p.casefold())
        names = self.query_one(SelectionList)
        names.clear_options()
        names.add_options([(p, p, p in self._ticked) for p in self._shown])

    def _take_ticks(self) -> None:
        """The list's ticks of the names it shows, into the ticks of every name."""
        selected = set(self.query_one(SelectionList).selected)
        self._ticked = (self._ticked - set(self._shown)) | selected

    def action_to_list(self) -> None:
        names = self.query_one(SelectionList)
        if names.highlighted is None and names.option_count:
            names.highlighted = 0  # space ticks the first name shown
        names.focus()

    def action_keep(self) -> None:
        self._take_ticks()
        self.dismiss([p for p in self._parties if p in self._ticked])


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
