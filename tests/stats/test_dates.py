"""When each version was issued: given, its version line, its front matter, its file name."""

from __future__ import annotations

from datetime import datetime

import pytest

from drafter import load, parse
from drafter.stats.dates import DateError, DateSource, parse_given, version_date
from tests.conftest import SAMPLES, corpus_tier
from tests.diff.test_diff import PARIS, VERSIONS


@corpus_tier
def test_the_paris_versions_say_when_they_were_issued() -> None:
    found = [version_date(load(VERSIONS / name), name) for name in PARIS]
    assert [(d.when, d.source) for d in found if d is not None] == [
        # "*Edited version of 6 November 2015*" beats the front matter's 23 October title.
        (datetime(2015, 11, 6), DateSource.VERSION_LINE),
        (datetime(2015, 12, 4), DateSource.FRONT_MATTER),  # title: Draft Agreement 4 December 2015
        (datetime(2015, 12, 9), DateSource.FRONT_MATTER),  # title: Draft Agreement 9 Dec 2015
        (datetime(2015, 12, 12), DateSource.FILE_NAME),  # title: Paris Agreement
    ]


def test_a_version_line_with_its_time() -> None:
    found = version_date(load(SAMPLES / "ocean-agreement-rev1.txt"), "ocean-agreement-rev1.txt")
    assert found is not None and found.when == datetime(2026, 3, 5, 10, 0)
    assert found.label() == "5 Mar 2026 10:00"
    text = parse("DRAFT TEXT\nVersion of 4 December 2015@10.00\n\n1. Parties [shall] act.\n")
    dated = version_date(text, "draft.txt")
    assert dated is not None and (dated.when, dated.source) == (
        datetime(2015, 12, 4, 10, 0),
        DateSource.VERSION_LINE,
    )


def test_front_matter_version_and_file_names() -> None:
    forest = version_date(load(SAMPLES / "forest-decision.md"), "forest-decision.md")
    assert forest is not None and (forest.when, forest.source) == (
        datetime(2026, 3, 4),
        DateSource.FRONT_MATTER,
    )
    plain = parse("1. Parties [shall] act.\n")
    named = version_date(plain, "adp_compilation_4dec2015_article3.txt")
    assert named is not None and (named.when, named.source) == (datetime(2015, 12, 4), DateSource.FILE_NAME)
    assert version_date(plain, "draft.txt") is None
    # A date that does not exist is no date.
    assert version_date(parse("Version of 31 February 2015\n"), "draft.txt") is None


def test_dates_given_on_the_command_line() -> None:
    assert parse_given("2015-12-04").when == datetime(2015, 12, 4)
    assert parse_given("2015-12-04T10:00").when == datetime(2015, 12, 4, 10, 0)
    assert parse_given("4 December 2015@10.00").when == datetime(2015, 12, 4, 10, 0)
    assert parse_given(" 9 Dec 2015 ").source is DateSource.GIVEN
    for wrong in ("tomorrow", "2015-13-01", "32 December 2015", ""):
        with pytest.raises(DateError, match="is not a date"):
            parse_given(wrong)
