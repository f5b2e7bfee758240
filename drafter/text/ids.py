"""Stable ids for brackets and groups: from their own text, unique within a draft."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable


def span_digest(text: str, start: int, end: int) -> str:
    """Seven hex digits from `text[start:end]`, the same wherever that text sits.

    A long span is known by its two ends: an edit deep inside it keeps the digest,
    and hashing stays linear when brackets nest whole sections.
    """
    key = text[start:end] if end - start <= 160 else f"{text[start : start + 80]}\0{text[end - 80 : end]}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest()[:7]


class IdAllocator:
    """Hands out ids unique in one draft: a repeated base gets -2, -3, ... in document order."""

    def __init__(self, taken: Iterable[str] = (), also_taken: Collection[str] = ()) -> None:
        """`also_taken`: more ids in use, looked up as they are (a large set need not be copied)."""
        self._taken = set(taken)
        self._also_taken = also_taken
        self._next: dict[str, int] = {}

    def allocate(self, base: str) -> str:
        n = self._next.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self._taken or candidate in self._also_taken:
            n += 1
            candidate = f"{base}-{n}"
        self._next[base] = n + 1
        self._taken.add(candidate)
        return candidate
