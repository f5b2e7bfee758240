"""The grammars shipped in `drafter.grammars`, and their LALR parsers, built once per user and cached.

Building the parse tables of `grammars/drafter.lark` takes longer than all the rest of a
`drafter check` on a small draft, so the built parser is kept with Lark's own `cache` in the
user's cache folder (`~/.cache/drafter` on Linux). The file's name carries a digest of the
grammar, the parser's options and Lark's and Python's versions, and Lark checks the same digest
inside it: a changed grammar or an upgrade builds (and keeps) a new one, and an unreadable or
damaged file is built again. Not Lark's default folder: there a cached parser (a pickle) sits
in the shared temporary folder under a predictable name, which another user could plant.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark
from lark import __version__ as lark_version
from platformdirs import user_cache_path

UNHASHED_OPTIONS = frozenset({"transformer"})  # used when parsing; the built tables do not depend on it


def grammar_text(name: str) -> str:
    """The text of `grammars/NAME.lark`, as installed."""
    return resources.files("drafter.grammars").joinpath(f"{name}.lark").read_text(encoding="utf-8")


def lalr_parser(name: str, **options: Any) -> Lark:
    """An LALR parser for `grammars/NAME.lark` with Lark `options`, loaded from the cache when it can be."""
    grammar = grammar_text(name)
    cache = cache_file(name, grammar, options)
    return Lark(grammar, parser="lalr", cache=str(cache) if cache else False, **options)


def cache_file(name: str, grammar: str, options: dict[str, Any]) -> Path | None:
    """Where the parser of `grammar` built with `options` is kept; None when no cache folder can be made."""
    hashed = sorted((key, repr(value)) for key, value in options.items() if key not in UNHASHED_OPTIONS)
    key = repr((grammar, hashed, lark_version, sys.version_info[:2]))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    folder = user_cache_path("drafter")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / f"{name}-{digest}.lark-parser"
