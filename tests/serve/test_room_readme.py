"""The README's room: three commands, and each is one drafter accepts as written (the options exist and
say what the README says they do). The room itself, run this way, is tests/serve/test_room_end_to_end.py."""

from __future__ import annotations

import re
import shlex

from drafter.commands.cli import build_parser
from tests.conftest import REPO

SECTION = "### The room: delegates follow the text live"


def room_commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(SECTION) :]
    section = section[: section.index("\n## ")]
    [block] = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def test_the_readme_runs_a_room_in_three_commands_drafter_accepts() -> None:
    export, serve, facilitator = room_commands()
    assert export[0] == "export"
    variable, _, url = export[1].partition("=")
    assert variable == "DRAFTER_JOURNAL" and url.startswith("postgresql://")

    assert serve[:2] == ["drafter", "serve"]
    room = build_parser("serve").parse_args(serve[1:])
    assert room.host == "0.0.0.0" and room.access_code is not None  # open to the room's network, with a code
    assert room.journal is None  # the journal comes from DRAFTER_JOURNAL, as for the facilitators

    assert facilitator[0] == "drafter" and facilitator[1] == serve[2]  # the TUI on the same draft
    tui = build_parser("open").parse_args(["open", *facilitator[1:]])
    assert tui.file == room.file and tui.journal is None
