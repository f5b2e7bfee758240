"""Resolutions: pure functions from a `Draft` to a new `Draft` and the `Change` that made it.

Each returns the new draft and the `Change` (`drafter.negotiation.changes`) that made it.

Deleting text (`delete`, the zero option, deleting a group) follows one spacing rule:

1. Before closing punctuation (, ; : . ) ] ? !) or at the end of a line, the spaces
   before the deleted span go with it (`text [foo], more` -> `text, more`), and at the
   end of a line the spaces after it too; unless the span starts its line, where only
   the span and the spaces after it go.
2. Otherwise, when the span has a space (or the start of its line, or an opening
   `(`) before it and a space after it, the spaces after it go (`a [b] c` -> `a c`).
3. Otherwise the span touches a word and only the span goes
   (`Article[s 5.2 and] 6.4` -> `Article 6.4`, `check[s]` -> `check`).

So a deletion never leaves a double space or a space before punctuation that the
text did not already have.

A deletion that started a sentence with a capital (at the start of the text, after a paragraph's
number or label, after `.`, `?` or `!`, or at the start of a line after one that ended a sentence or a
chapeau) capitalises the word that now starts it: `18. [Also] notes that` -> `18. Notes that`. A
deleted word in lower case (`(a) [and] the`) was no sentence start and nothing is capitalised.

How far a deletion may reach before it is asked about is `drafter.negotiation.reach`; all of these
rules are in docs/resolutions.md.
"""

from __future__ import annotations

from dataclasses import replace

from drafter.incremental.offsets import Edit
from drafter.journal.store import RecordKind
from drafter.negotiation.changes import Change, ResolveError, finish
from drafter.text.matching import LEADING_LABEL
from drafter.text.model import AlternativeGroup, Bracket, Draft, Option, OptionGroup

__all__ = ["Change", "ResolveError", "amend", "bracket", "choose", "delete", "deletion", "keep", "propose"]

HORIZONTAL_SPACE = " \t\u00a0"
LINE_BREAKS = "\r\n\f"
EMPHASIS = "*_"  # Markdown emphasis marks a label may be set in
CLOSING_PUNCTUATION = ",;:.)]?!"
OPENING = "(["
SENTENCE_PUNCTUATION = ",;:.?!)\"'”’"
WORD_OPENING = "(\"'“‘"


# --- finding elements --------------------------------------------------------


def find_bracket(draft: Draft, element_id: str) -> Bracket:
    bracket = draft.bracket_by_id.get(element_id)
    if bracket is None:
        raise ResolveError(stale_message(element_id, "bracket"))
    return bracket


def find_element(draft: Draft, element_id: str) -> Bracket | AlternativeGroup | OptionGroup:
    found = draft.bracket_by_id.get(element_id) or draft.group_by_id.get(element_id)
    if found is None:
        raise ResolveError(stale_message(element_id, "element"))
    return found


def stale_message(element_id: str, what: str) -> str:
    return (
        f"no {what} {element_id!r} in the current text: it was resolved or changed since "
        "(see `drafter status` for the current ids)"
    )


# --- resolutions -------------------------------------------------------------


def keep(draft: Draft, element_id: str) -> tuple[Draft, Change]:
    """Keeps a bracket's text and drops its brackets; brackets inside it stay open."""
    return finish(draft, RecordKind.KEEP, element_id, keep_edits(draft, element_id))


def delete(draft: Draft, element_id: str) -> tuple[Draft, Change]:
    """Deletes a bracket (or a whole group) with its content; the change lists the brackets inside."""
    return finish(draft, RecordKind.DELETE, element_id, delete_edits(draft, element_id))


def choose(draft: Draft, element_id: str, k: int) -> tuple[Draft, Change]:
    """Keeps alternative or option `k` (1-based) of a group and removes the others.

    A chosen alternative loses its brackets; a chosen option loses its label. A zero
    option ("No text") or an empty alternative removes the whole group.
    """
    return finish(draft, RecordKind.CHOOSE, element_id, choose_edits(draft, element_id, k), choice=k)


def amend(
    draft: Draft, element_id: str, new_text: str, *, keep_brackets: bool = True
) -> tuple[Draft, Change]:
    """Replaces a bracket's wording (a group's: the whole group) with `new_text`, bracketed or not."""
    edits = amend_edits(draft, element_id, new_text, keep_brackets=keep_brackets)
    return finish(draft, RecordKind.AMEND, element_id, edits, text=new_text)


# The edits of each resolution, made but not applied: a Party's projected text applies many at once.


def keep_edits(draft: Draft, element_id: str) -> tuple[Edit, ...]:
    element = find_element(draft, element_id)
    if not isinstance(element, Bracket):
        raise ResolveError(f"{element_id} is a group of choices: choose one (or delete the group)")
    return (Edit(element.start, "[", ""), Edit(element.end - 1, "]", ""))


def delete_edits(draft: Draft, element_id: str) -> tuple[Edit, ...]:
    element = find_element(draft, element_id)
    return (deletion(draft.text, element.start, element.end),)


def choose_edits(draft: Draft, element_id: str, k: int) -> tuple[Edit, ...]:
    group = find_element(draft, element_id)
    text = draft.text
    if isinstance(group, Bracket):
        raise ResolveError(f"{element_id} is a single bracket: keep or delete it")
    count = len(group.alternatives) if isinstance(group, AlternativeGroup) else len(group.options)
    if not 1 <= k <= count:
        raise ResolveError(f"{element_id} has {count} choices; {k} is not one of them")
    if isinstance(group, AlternativeGroup):
        chosen = group.alternatives[k - 1]
        if not text[chosen.inner_start : chosen.inner_end].strip():
            return (deletion(text, group.start, group.end),)
        return (
            Edit(group.start, text[group.start : chosen.inner_start], ""),
            Edit(chosen.inner_end, text[chosen.inner_end : group.end], ""),
        )
    option = group.options[k - 1]
    start = _label_marks(text, group.options[0])[0]  # `**Option 1:**`: its opening marks go with it
    body = _body_start(text, _label_marks(text, option)[1], option.end)
    end = _label_marks(text, group.options[k])[0] if k < count else option.end  # the next one's marks too
    end = min(end, option.end)
    while end > body and text[end - 1] in HORIZONTAL_SPACE + LINE_BREAKS:
        end -= 1  # the break before the next label goes with it: no line of spaces is left
    if option.zero or body >= end:
        return (deletion(text, start, group.end),)
    return tuple(
        e
        for e in (
            Edit(start, text[start:body], ""),
            Edit(end, text[end : group.end], ""),
        )
        if e.old
    )


def _label_marks(text: str, option: Option) -> tuple[int, int]:
    """An option label with the Markdown emphasis around it (`**Option 2:**`), else the label alone."""
    before = option.start
    while before > 0 and text[before - 1] in EMPHASIS:
        before -= 1
    marks = text[before : option.start]
    if marks and text.startswith(marks[::-1], option.label_end):
        return before, option.label_end + len(marks)
    return option.start, option.label_end


def amend_edits(
    draft: Draft, element_id: str, new_text: str, *, keep_brackets: bool = True
) -> tuple[Edit, ...]:
    element = find_element(draft, element_id)
    text = draft.text
    if isinstance(element, Bracket) and keep_brackets:
        return (Edit(element.inner_start, text[element.inner_start : element.inner_end], new_text),)
    if isinstance(element, Bracket) or not keep_brackets:
        if not new_text:
            return (deletion(text, element.start, element.end),)
        return (Edit(element.start, text[element.start : element.end], new_text),)
    return (Edit(element.start, text[element.start : element.end], f"[{new_text}]"),)


def bracket(draft: Draft, start: int, end: int) -> tuple[Draft, Change]:
    """Puts new brackets around `text[start:end]`, which must not cut through another bracket."""
    _check_span(draft, start, end)
    edits = (Edit(start, "", "["), Edit(end, "", "]"))
    new, change = finish(draft, RecordKind.BRACKET, "", edits)
    return _named_by_new_bracket(draft, new, change, start, end + 2)


def propose(draft: Draft, at: int, text: str, *, attached: bool = False) -> tuple[Draft, Change]:
    """Inserts a new bracketed proposal `[text]` at offset `at`, set off from the words it would touch
    (`_setting_off`); `attached` inserts it as part of a word, exactly as given (`check[s]`)."""
    if not text or "[" in text or "]" in text:
        raise ResolveError("a proposal is some text without square brackets of its own")
    _check_span(draft, at, at)
    before, after = ("", "") if attached else _setting_off(draft.text, at, text)
    new, change = finish(
        draft, RecordKind.PROPOSE, "", (Edit(at, "", f"{before}[{text}]{after}"),), text=text
    )
    start = at + len(before)
    return _named_by_new_bracket(draft, new, change, start, start + len(text) + 2)


def _setting_off(text: str, at: int, proposal: str) -> tuple[str, str]:
    """The spaces that make a proposal a word of its own where it would touch one: a space after it when
    a word follows (`[also]shall` would read as one word: `[also] shall`) and before it after a word or
    after a sentence's punctuation (`Parties act.[Also]` -> `act. [Also]`), each only when the proposal's
    own first or last character is a letter, digit, quote or bracket (`shall[, as appropriate,]` stays).
    Right before or after a bracket nothing is added: `[must][shall]` makes an alternative. An offset
    inside a word is refused: the proposal would cut it in two."""
    previous, following = text[at - 1 : at], text[at : at + 1]
    if previous.isalnum() and following.isalnum():
        start, end = at, at
        while start and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        raise ResolveError(
            f"offset {at} is inside the word {text[start:end]!r}: a proposal goes before or after a word, "
            "or is attached to it as part of it"
        )
    before = previous != "" and (previous.isalnum() or previous in SENTENCE_PUNCTUATION)
    after = following != "" and (following.isalnum() or following in WORD_OPENING)
    return (
        " " if before and (proposal[0].isalnum() or proposal[0] in WORD_OPENING) else "",
        " " if after and (proposal[-1].isalnum() or proposal[-1] in SENTENCE_PUNCTUATION) else "",
    )


def _named_by_new_bracket(
    draft: Draft, new: Draft, change: Change, start: int, end: int
) -> tuple[Draft, Change]:
    created = next((b for b in new.brackets if (b.start, b.end) == (start, end)), None)
    if created is None:
        raise ResolveError(f"offsets {start}-{end - 2}: the new brackets would not pair with each other here")
    return new, replace(change, target=created.id)


def _check_span(draft: Draft, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(draft.text):
        raise ResolveError(f"span {start}-{end} is outside the text (0-{len(draft.text)})")
    for b in draft.brackets:
        if (start <= b.start < end) != (start < b.end <= end) and b.start < end and b.end > start:
            line, column = draft.line_column(b.start)
            raise ResolveError(
                f"span {start}-{end} cuts through bracket {b.id} (line {line}, column {column})"
            )
    for d in draft.errors:
        if start <= d.offset < end:
            raise ResolveError(
                f"span {start}-{end} holds an unbalanced bracket (line {d.line}, column {d.column})"
            )


def _body_start(text: str, label_end: int, end: int) -> int:
    """Where an option's text starts: after its label, its spaces and, for a label on its own line, the break."""
    position = label_end
    while position < end and text[position] in HORIZONTAL_SPACE:
        position += 1
    if text.startswith("\r\n", position):
        position += 2
    elif position < end and text[position] in LINE_BREAKS:
        position += 1
    return position


def deletion(text: str, start: int, end: int) -> Edit:
    """The edit that deletes `text[start:end]` by the spacing rule of this module's docstring."""
    before = start
    while before > 0 and text[before - 1] in HORIZONTAL_SPACE:
        before -= 1
    after = end
    while after < len(text) and text[after] in HORIZONTAL_SPACE:
        after += 1
    following = text[after : after + 1]
    preceding = text[before - 1 : before] if before > 0 else ""
    starts_line = preceding in ("", *LINE_BREAKS)
    line_end = following in ("", *LINE_BREAKS)
    if line_end or following in CLOSING_PUNCTUATION:
        cut_start = start if starts_line else before
        cut_end = after if line_end else end
    elif (start > before or starts_line or preceding in OPENING) and after > end:
        cut_start, cut_end = start, after
    else:
        cut_start, cut_end = start, end
    word = _first_letter(text, cut_end)
    if word is not None and _capital_first(text[start:end]) and _starts_sentence(text, cut_start):
        return Edit(cut_start, text[cut_start : word + 1], text[cut_end:word] + text[word].upper())
    return Edit(cut_start, text[cut_start:cut_end], "")


EMPHASIS = "*_"
SENTENCE_ENDS = ".?!"


def _capital_first(deleted: str) -> bool:
    letter = next((c for c in deleted if c.isalpha()), "")
    return letter.isupper()


def _first_letter(text: str, at: int) -> int | None:
    """The offset of a lower-case letter starting the text at `at` (emphasis marks skipped)."""
    while at < len(text) and text[at] in EMPHASIS:
        at += 1
    return at if at < len(text) and text[at].islower() else None


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a sentence starts at `at`: see the module's docstring."""
    line_start = max(text.rfind(c, 0, at) for c in LINE_BREAKS) + 1
    prefix = text[line_start:at]
    before = prefix.rstrip(HORIZONTAL_SPACE + "[" + EMPHASIS)
    if before:
        label = LEADING_LABEL.match(prefix)
        return before[-1] in SENTENCE_ENDS or (label is not None and label.end() == len(prefix))
    previous = text[:line_start].rstrip(HORIZONTAL_SPACE + LINE_BREAKS + EMPHASIS)
    return not previous or previous[-1] in SENTENCE_ENDS + ":;"
