"""Square brackets once matched (`drafter.text.matching`): the tree of pairs, their slash-separated pieces,
and Markdown reference links (which use brackets but are not negotiating brackets)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from drafter.text.ids import IdAllocator, span_digest
from drafter.text.model import Bracket

SLASH = re.compile(r"\s/\s")


def reference_links(text: str, pairs: list[tuple[int, int]], labels: set[str]) -> set[tuple[int, int]]:
    """Markdown `[text][ref]` (and `[ref][]`) where `ref` is a defined link label: not negotiating brackets."""
    if not labels:
        return set()
    by_start = {start: end for start, end in pairs}
    links: set[tuple[int, int]] = set()
    for start, end in pairs:
        after = by_start.get(end)
        if after is None:
            continue
        label = text[end + 1 : after - 1].strip().lower() or text[start + 1 : end - 1].strip().lower()
        if label in labels and "[" not in text[start + 1 : after - 1].replace("][", "", 1):
            links.update({(start, end), (end, after)})
    return links


def slash_candidates(
    text: str, start: int, end: int, children: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Pieces of a bracket's own text split at spaced slashes (" / "), nested brackets left whole."""
    inner_start, inner_end = start + 1, end - 1
    if SLASH.search(text, inner_start, inner_end) is None:
        return ()
    own = list(text[inner_start:inner_end])
    for child_start, child_end in children:
        own[child_start - inner_start : child_end - inner_start] = ["\0"] * (child_end - child_start)
    cuts = [m.start() + inner_start for m in SLASH.finditer("".join(own))]
    return _pieces(start, end, cuts) if cuts else ()


def bracket_tree(
    text: str,
    pairs: list[tuple[int, int]],
    carried_ids: Mapping[tuple[int, int], str],
    taken_ids: Collection[str],
) -> tuple[Bracket, ...]:
    """The brackets of nested `pairs`: parents, children, depths, ids, slash pieces. Linear in the pairs
    and the text, however deep they nest (one pass with a stack; the spaced slashes of the whole text are
    found once and each given to the innermost bracket around it)."""
    pairs = sorted(pairs)
    parents: list[int | None] = []
    children: list[list[int]] = [[] for _ in pairs]
    cuts: dict[int, list[int]] = {}  # bracket index -> its own spaced slashes
    slashes = [m.start() for m in SLASH.finditer(text)] if "/" in text else []
    next_slash = 0
    depths: list[int] = []
    stack: list[int] = []
    for i, (start, _end) in enumerate(pairs):
        while next_slash < len(slashes) and slashes[next_slash] < start:
            _give_slash(slashes[next_slash], pairs, stack, cuts)
            next_slash += 1
        while stack and pairs[stack[-1]][1] <= start:
            stack.pop()
        parent = stack[-1] if stack else None
        parents.append(parent)
        if parent is not None:
            children[parent].append(i)
        depths.append(len(stack) + 1)
        stack.append(i)
    for slash in slashes[next_slash:]:
        _give_slash(slash, pairs, stack, cuts)
    allocator = IdAllocator(carried_ids.values(), taken_ids)
    ids = [carried_ids.get(pair) or allocator.allocate("b" + span_digest(text, *pair)) for pair in pairs]
    result = []
    for i, (start, end) in enumerate(pairs):
        parent = parents[i]
        result.append(
            Bracket(
                id=ids[i],
                start=start,
                end=end,
                depth=depths[i],
                parent=None if parent is None else ids[parent],
                children=tuple(ids[c] for c in children[i]),
                slash_candidates=_pieces(start, end, cuts[i]) if i in cuts else (),
            )
        )
    return tuple(result)


def _give_slash(
    slash: int, pairs: list[tuple[int, int]], stack: list[int], cuts: dict[int, list[int]]
) -> None:
    """Gives a spaced slash to the innermost bracket open around it (brackets ended before it are done)."""
    while stack and pairs[stack[-1]][1] <= slash:
        stack.pop()
    if stack:
        cuts.setdefault(stack[-1], []).append(slash)


def _pieces(start: int, end: int, cuts: list[int]) -> tuple[tuple[int, int], ...]:
    pieces, piece_start = [], start + 1
    for cut in cuts:
        pieces.append((piece_start, cut))
        piece_start = cut + 3
    pieces.append((piece_start, end - 1))
    return tuple(pieces)
