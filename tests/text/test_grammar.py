"""The built parsers are kept in the user's cache folder: loaded when they match, built again when they do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from lark import Lark

from drafter.text.grammar import cache_file, grammar_text, lalr_parser

OPTIONS = {"lexer": "contextual", "start": "text_document", "maybe_placeholders": False}
SAMPLE = "1. The Parties [shall][should] act.\n"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "drafter"


def tokens(parser: Lark) -> list[str]:
    return [token.type for token in parser.parse(SAMPLE).scan_values(lambda _: True)]


def refuse_to_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(self: Lark) -> None:
        raise AssertionError("the parser was built, not loaded from the cache")

    monkeypatch.setattr(Lark, "_build_parser", build)


def test_the_second_parser_is_loaded_from_the_cache(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = lalr_parser("drafter", **OPTIONS)
    (kept,) = cache_home.iterdir()
    assert kept == cache_file("drafter", grammar_text("drafter"), OPTIONS)
    assert cache_home.stat().st_mode & 0o077 == 0  # another user can neither read nor plant a parser
    refuse_to_build(monkeypatch)
    assert tokens(lalr_parser("drafter", **OPTIONS)) == tokens(built)


def test_other_options_or_another_grammar_get_their_own_file(cache_home: Path) -> None:
    lalr_parser("drafter", **OPTIONS)
    lalr_parser("drafter", **dict(OPTIONS, start="markdown_document"))
    lalr_parser("balanced")
    assert len(list(cache_home.iterdir())) == 3


def test_a_changed_grammar_is_not_served_an_old_parser(cache_home: Path) -> None:
    grammar = grammar_text("drafter")
    assert cache_file("drafter", grammar, OPTIONS) != cache_file("drafter", grammar + "\n// new\n", OPTIONS)


def test_a_damaged_cache_file_is_built_again(cache_home: Path) -> None:
    expected = tokens(lalr_parser("drafter", **OPTIONS))
    (kept,) = cache_home.iterdir()
    kept.write_bytes(kept.read_bytes()[:200])  # cut short, as by a crash while it was written
    assert tokens(lalr_parser("drafter", **OPTIONS)) == expected
    kept.write_bytes(b"not a parser\n")
    assert tokens(lalr_parser("drafter", **OPTIONS)) == expected


def test_no_cache_folder_still_gives_a_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be made inside a file
    assert cache_file("drafter", "g", {}) is None
    assert tokens(lalr_parser("drafter", **OPTIONS))
