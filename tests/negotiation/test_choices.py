"""An element's choices are spans of the draft's text: a sequence equal to the tuple of their texts, read
lazily, so deep nesting does not copy the nest once per bracket."""

from __future__ import annotations

import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

import drafter
from drafter.negotiation.changes import PREVIEW_READ, preview
from drafter.negotiation.choices import Choices
from drafter.negotiation.elements import ElementKind, derive_elements


def test_choices_read_like_the_tuple_of_their_texts() -> None:
    text = "1. The Parties [shall][should] act [now]."
    choices = Choices(text, ((16, 21), (23, 29)))
    assert choices == ("shall", "should")
    assert tuple(choices) == ("shall", "should")
    assert len(choices) == 2
    assert choices[1] == "should"
    assert choices[-1] == "should"
    assert choices[:1] == ("shall",)
    assert list(choices) == ["shall", "should"]
    assert "shall" in choices
    assert choices.spans == ((16, 21), (23, 29))
    assert choices.lengths() == [5, 6]
    assert choices != ("shall",)
    assert hash(choices) == hash(("shall", "should"))


def test_moved_choices_read_the_new_text() -> None:
    old = "1. [a] b"
    new = "xx1. [a] b"
    moved = Choices(old, ((4, 5),)).moved(new, 2)
    assert moved.spans == ((6, 7),)
    assert moved == ("a",)
    assert moved == Choices(new, ((6, 7),))


def test_elements_choices_are_the_bracket_and_alternative_texts() -> None:
    draft = drafter.parse("1. The Parties [shall][should] act [now [and] here].\n")
    elements = {e.kind: e for e in derive_elements(draft) if e.kind is ElementKind.ALTERNATIVES}
    assert elements[ElementKind.ALTERNATIVES].choices == ("shall", "should")
    brackets = [e.choices for e in derive_elements(draft) if e.kind is ElementKind.BRACKET]
    assert ("now [and] here",) in brackets
    assert ("and",) in brackets


def test_deeply_nested_elements_share_the_text() -> None:
    """3,000 nested brackets: each choice as its own string would hold ~7,500 characters on average
    (22 MB in all); spans over the shared text keep the elements linear in the number of brackets."""
    depth = 3000
    draft = drafter.parse("1. Decides " + "[a " * depth + "b" + " ]" * depth + ".\n")
    tracemalloc.start()
    try:
        elements = derive_elements(draft)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(elements) == depth
    assert elements[0].choices[0].startswith("a [a [a")
    assert peak < 1000 * depth, f"{peak / depth:.0f} bytes per element"


def _old_preview(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@given(st.text(alphabet="ab [\n\t\u00a0", max_size=6000), st.integers(2, 200))
def test_preview_is_the_flattened_beginning(text: str, width: int) -> None:
    shown = preview(text, width)
    assert len(shown) <= width
    if len(text) <= PREVIEW_READ or len(" ".join(text[:PREVIEW_READ].split())) > width:
        assert shown == _old_preview(text, width)
    else:  # almost all white space as far as it reads: what it found, then "…"
        assert shown.endswith("…")


def test_preview_of_a_span_reads_only_its_beginning() -> None:
    text = "x" * 10 + "word " * 1_000_000
    assert preview(text, 12, 10, len(text) - 5) == "word word w…"
    assert preview(text, 12, 10, 19) == "word word"
