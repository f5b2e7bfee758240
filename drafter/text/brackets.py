"""Square brackets: the tree of matched pairs, their slash-separated pieces, Markdown reference links
(which use brackets but are not negotiating brackets) and alternative groups."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from drafter.text.ids import IdAllocator, span_digest
from drafter.text.model import AlternativeGroup, Bracket

HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]*")
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
    if not cuts:
        return ()
    pieces, piece_start = [], inner_start
    for cut in cuts:
        pieces.append((piece_start, cut))
        piece_start = cut + 3
    pieces.append((piece_start, inner_end))
    return tuple(pieces)


def bracket_tree(
    text: str,
    pairs: list[tuple[int, int]],
    carried_ids: Mapping[tuple[int, int], str],
    taken_ids: Collection[str],
) -> tuple[Bracket, ...]:
    pairs = sorted(pairs)
    parents: list[int | None] = []
    children: list[list[int]] = [[] for _ in pairs]
    depths: list[int] = []
    stack: list[int] = []
    for i, (start, _end) in enumerate(pairs):
        while stack and pairs[stack[-1]][1] <= start:
            stack.pop()
        parent = stack[-1] if stack else None
        parents.append(parent)
        if parent is not None:
            children[parent].append(i)
        depths.append(len(stack) + 1)
        stack.append(i)
    allocator = IdAllocator(carried_ids.values(), taken_ids)
    ids = [carried_ids.get(pair) or allocator.allocate("b" + span_digest(text, *pair)) for pair in pairs]
    result = []
    for i, (start, end) in enumerate(pairs):
        parent = parents[i]
        child_spans = [pairs[c] for c in children[i]]
        result.append(
            Bracket(
                id=ids[i],
                start=start,
                end=end,
                depth=depths[i],
                parent=None if parent is None else ids[parent],
                children=tuple(ids[c] for c in children[i]),
                slash_candidates=slash_candidates(text, start, end, child_spans),
            )
        )
    return tuple(result)


def alternative_groups(text: str, brackets: tuple[Bracket, ...]) -> tuple[AlternativeGroup, ...]:
    """Runs of sibling brackets separated only by horizontal space: `[a][b]`, `[a] [b]`."""
    by_parent: dict[str | None, list[Bracket]] = {}
    for bracket in brackets:
        by_parent.setdefault(bracket.parent, []).append(bracket)
    groups: list[AlternativeGroup] = []
    for siblings in by_parent.values():
        run = [siblings[0]]
        for bracket in siblings[1:]:
            previous = run[-1]
            gap = HORIZONTAL_SPACE.match(text, previous.end)
            if gap is not None and gap.end() == bracket.start:
                run.append(bracket)
                continue
            if len(run) > 1:
                groups.append(_group(run))
            run = [bracket]
        if len(run) > 1:
            groups.append(_group(run))
    groups.sort(key=lambda g: g.start)
    return tuple(groups)


def _group(run: list[Bracket]) -> AlternativeGroup:
    return AlternativeGroup(
        id="g" + run[0].id[1:], start=run[0].start, end=run[-1].end, alternatives=tuple(run)
    )
