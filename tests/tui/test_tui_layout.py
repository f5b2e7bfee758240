"""The document view's pure part: soft-wrapping rows and the offsets under cells."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.tui.layout import RowWrapper, common_prefix, common_suffix, wrap_points


@pytest.mark.parametrize(
    ("line", "width", "starts"),
    [
        ("", 10, (0,)),
        ("short", 10, (0,)),
        ("aaaa bbbb cccc", 9, (0, 10)),  # "aaaa bbbb" fits; its space ends the row
        ("aaaa bbbb cccc", 8, (0, 5, 10)),
        ("aaaaaaaaaaaaaaaaaaaa", 8, (0, 8, 16)),  # no space: cut at the width
        ("aaaa bbbb", 9, (0,)),
        ("aaaa  bbbb", 5, (0, 6)),  # a break after the run of spaces
    ],
)
def test_wrap_points(line: str, width: int, starts: tuple[int, ...]) -> None:
    assert wrap_points(line, width) == starts


@given(st.text(alphabet="ab []\n\r", max_size=200), st.integers(min_value=8, max_value=30))
def test_rows_cover_every_character_once_and_fit_the_width(text: str, width: int) -> None:
    rows = RowWrapper(width).rows(text)
    covered = "".join(text[s:e] for s, e in zip(rows.starts, rows.ends, strict=True))
    assert covered == "".join(line.removesuffix("\r") for line in text.split("\n"))
    assert all(e - s <= width + 1 for s, e in zip(rows.starts, rows.ends, strict=True))
    for offset in range(len(text)):
        row = rows.row_of(offset)
        assert rows.starts[row] <= offset


def test_offsets_under_cells_stay_inside_their_row() -> None:
    rows = RowWrapper(8).rows("one two three\nfour")
    assert rows.offset_at(0, 0) == 0
    assert rows.offset_at(0, 50) == rows.ends[0]
    assert rows.offset_at(len(rows) + 3, 1) == rows.starts[-1] + 1


def test_rewrapping_reuses_lines_it_has_seen() -> None:
    wrapper = RowWrapper(10)
    first = wrapper.rows("alpha beta gamma\ndelta")
    again = wrapper.rows("alpha beta gamma\ndelta epsilon")
    assert first.starts[:2] == again.starts[:2]


@given(
    st.text(alphabet="ab []\n\r", max_size=150),
    st.data(),
    st.integers(min_value=8, max_value=20),
)
def test_rewrapping_after_an_edit_gives_the_rows_of_the_new_text(
    text: str, data: st.DataObject, width: int
) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    new = text[:start] + data.draw(st.text(alphabet="ab []\n\r", max_size=20)) + text[end:]
    wrapper = RowWrapper(width)
    assert wrapper.rewrap(wrapper.rows(text), text, new) == RowWrapper(width).rows(new)


@given(st.text(alphabet="ab\n", max_size=60), st.text(alphabet="ab\n", max_size=60))
def test_common_prefix_and_suffix(a: str, b: str) -> None:
    prefix = common_prefix(a, b)
    assert a[:prefix] == b[:prefix] and (prefix == min(len(a), len(b)) or a[prefix] != b[prefix])
    limit = min(len(a), len(b)) - prefix
    suffix = common_suffix(a, b, limit)
    assert suffix <= limit and a[len(a) - suffix :] == b[len(b) - suffix :]
    assert suffix == limit or a[len(a) - suffix - 1] != b[len(b) - suffix - 1]
