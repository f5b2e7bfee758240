"""The long fuzz run (outside CI): Hypothesis over the parser, the incremental edit and the diff.

    nice -n 19 .venv/bin/python bench/fuzz_long.py --cpu-hours 1.2 --report /tmp/fuzz-report.json

Runs the properties below in rounds (each round a fresh Hypothesis run of `--examples` examples per
property, shrinking on), until the process has used `--cpu-hours` of CPU time. Failures are shrunk,
stored in `.hypothesis/fuzz-long` (replayed first on the next run) and written to the report with
their falsifying example; the report is rewritten after every round, so a run cut short still says
what it tried. The CI runs of the same checks are tests/text/test_fuzz.py, tests/diff/test_diff_fuzz.py
and tests/incremental/test_edit.py; this adds hostile shapes (deep nesting, stray-bracket runs, control
characters, arbitrary Unicode) and sequences of incremental edits checked against a full parse.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402
from hypothesis.errors import InvalidArgument  # noqa: E402
from hypothesis.extra.lark import from_lark  # noqa: E402

import drafter  # noqa: E402
from drafter.incremental.edit import replace  # noqa: E402
from drafter.text.model import SourceFormat  # noqa: E402
from tests.diff.test_diff_fuzz import ANY_TEXT, check, draft_pair  # noqa: E402
from tests.incremental.test_edit import INSERTS, assert_same_model  # noqa: E402
from tests.text.test_fuzz import BRACKET_HEAVY, MARKDOWN_GRAMMAR, TEXT_GRAMMAR, _check  # noqa: E402

FORMATS = st.sampled_from(list(SourceFormat))
HOSTILE_PIECES = st.sampled_from(
    [
        "\x1b]0;pwned\x07",
        "\x1b[?1049h",
        "\x9b31m",
        "\u202e",
        "\x00",
        "\ufeff",
        "\r",
        "\u2028",
        "\U0001f600",
        "\u0627\u0644",
        "\ud7ff",
        "Option 1:",
        "{",
        "}",
    ]
)


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Deep nesting, long stray runs, control characters and arbitrary Unicode, mixed."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        shape = draw(st.sampled_from(["nest", "stray", "open", "unicode", "piece", "heavy"]))
        n = draw(st.integers(0, 3000))
        if shape == "nest":
            parts.append("[" * n + draw(st.text(max_size=5)) + "]" * draw(st.integers(0, n)))
        elif shape == "stray":
            parts.append("]" * n)
        elif shape == "open":
            parts.append("[" * n)
        elif shape == "unicode":
            parts.append(draw(st.text(max_size=200)))
        elif shape == "piece":
            parts.append(draw(HOSTILE_PIECES) * draw(st.integers(1, 50)))
        else:
            parts.append(draw(BRACKET_HEAVY))
    return draw(st.sampled_from(["", "\n", "\n\n", " "])).join(parts)


PARSER_TEXT = st.one_of(
    BRACKET_HEAVY,
    from_lark(TEXT_GRAMMAR, start="text_document"),
    from_lark(MARKDOWN_GRAMMAR, start="markdown_document"),
    hostile_text(),
    draft_pair().map(lambda pair: pair[1]),
)
EDIT_TEXT = st.one_of(
    st.sampled_from(INSERTS), BRACKET_HEAVY.map(lambda t: t[:30]), HOSTILE_PIECES, st.text(max_size=8)
)


def parser_property(text: str, fmt: SourceFormat) -> None:
    _check(text, fmt)


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[float, int, str]]:
    return draw(
        st.lists(
            st.tuples(st.floats(0, 1), st.sampled_from([0, 1, 2, 7, 40, 300]), EDIT_TEXT),
            min_size=1,
            max_size=10,
        )
    )


def edit_property(text: str, fmt: SourceFormat, steps: list[tuple[float, int, str]]) -> None:
    draft = drafter.parse(text, fmt)
    for where, length, insert in steps:
        start = min(len(draft.text), int(where * (len(draft.text) + 1)))
        draft = replace(draft, start, min(len(draft.text), start + length), insert)
        assert_same_model(draft)


def diff_property(pair: tuple[str, str], fmt: SourceFormat) -> None:
    check(*pair, fmt)


# Examples per round relative to --examples: an incremental-edit example (up to ten edits, each checked
# against a full parse) costs about ten times a parser or diff example.
WEIGHTS = {"parser": 1.0, "incremental-edit": 0.1, "diff": 1.0}
PROPERTIES: dict[str, tuple[Callable[..., None], tuple[Any, ...]]] = {
    "parser": (parser_property, (PARSER_TEXT, FORMATS)),
    "incremental-edit": (
        edit_property,
        (st.one_of(PARSER_TEXT, draft_pair().map(lambda pair: pair[0])), FORMATS, edits()),
    ),
    "diff": (
        diff_property,
        (
            st.one_of(draft_pair(), st.tuples(ANY_TEXT, ANY_TEXT), st.tuples(PARSER_TEXT, PARSER_TEXT)),
            FORMATS,
        ),
    ),
}


def _counting(function: Callable[..., None], counted: list[int]) -> Callable[[tuple[Any, ...]], None]:
    def counting(args: tuple[Any, ...]) -> None:
        counted[0] += 1
        function(*args)

    return counting


def run(cpu_seconds: float, examples: int, report_path: Path, only: list[str]) -> dict[str, Any]:
    database = DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "fuzz-long"))
    report: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "cpu_budget_hours": cpu_seconds / 3600,
        "examples_per_round": examples,
        "properties": {
            name: {"examples": 0, "rounds": 0, "cpu_seconds": 0.0, "failures": []} for name in only
        },
    }
    while time.process_time() < cpu_seconds:
        for name in only:
            function, strategies = PROPERTIES[name]
            entry = report["properties"][name]
            counted = [0]
            counting = _counting(function, counted)
            test = settings(
                max_examples=max(1, int(examples * WEIGHTS[name])),
                deadline=None,
                database=database,
                suppress_health_check=list(HealthCheck),
                print_blob=True,
            )(given(st.tuples(*strategies))(counting))
            before = time.process_time()
            try:
                test()
            except InvalidArgument:
                raise  # the harness is wrong, not the code under test
            except Exception as error:  # a falsified property: keep going with the others
                text = "".join(traceback.format_exception_only(type(error), error)).strip()
                notes = "\n".join(getattr(error, "__notes__", []))
                if all(f["error"] != text for f in entry["failures"]):
                    entry["failures"].append({"error": text[:4000], "example": notes[:4000]})
            entry["examples"] += counted[0]
            entry["rounds"] += 1
            entry["cpu_seconds"] += time.process_time() - before
            report["cpu_hours"] = time.process_time() / 3600
            report["updated"] = time.strftime("%Y-%m-%d %H:%M:%S")
            report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
            if time.process_time() >= cpu_seconds:
                break
    return report


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cpu-hours", type=float, default=1.0)
    parser.add_argument("--examples", type=int, default=2000, help="examples per property per round")
    parser.add_argument("--report", type=Path, default=Path("fuzz-report.json"))
    parser.add_argument("--only", nargs="*", choices=list(PROPERTIES), default=list(PROPERTIES))
    args = parser.parse_args()
    os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
    report = run(args.cpu_hours * 3600, args.examples, args.report, args.only)
    failures = sum(len(p["failures"]) for p in report["properties"].values())
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
