"""The escape catalogue through every human-readable command: nothing from a draft, a journal or a file
name reaches the terminal as a control sequence; each shows as a visible escape instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.inert import inert
from drafter.negotiation.positions import Stance
from drafter.workspace import open_session

# OSC (title, hyperlink, clipboard) ended by BEL or ST, CSI (alternate screen, clear, colour, cursor),
# DCS, the same as 8-bit C1 controls, lone BEL/BS/CR/VT/FF/DEL, and bidi overrides and isolates.
CATALOGUE = {
    "osc-title-bel": "\x1b]0;pwned\x07",
    "osc-title-st": "\x1b]2;pwned\x1b\\",
    "osc-hyperlink": "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc-clipboard": "\x1b]52;c;ZXZpbA==\x07",
    "csi-alternate-screen": "\x1b[?1049h",
    "csi-clear": "\x1b[2J\x1b[H",
    "csi-colour": "\x1b[31;1m",
    "dcs": "\x1bP1$r\x1b\\",
    "c1-csi": "\x9b?1049h",
    "c1-osc": "\x9d0;pwned\x9c",
    "c1-dcs": "\x90q\x9c",
    "bel-bs": "\x07\x08",
    "lone-cr": "overwritten\rforged",
    "vt-ff-del": "\x0b\x0c\x7f",
    "bidi-rlo": "\u202eevil\u202c",
    "bidi-lro": "\u202dx\u202c",
    "bidi-isolates": "\u2066\u2067\u2068x\u2069",
    "bidi-embeddings": "\u202a\u202bx\u202c",
}
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
RICH_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def assert_inert(output: str, *, colours: bool = False) -> None:
    if colours:
        output = RICH_COLOUR.sub("", output)
    found = UNSAFE.search(output)
    assert found is None, (
        f"{found.group()!r} at {found.start()}: {output[max(0, found.start() - 40) : found.end() + 40]!r}"
    )


def payload_line(name: str, payload: str) -> str:
    # The last `[` is never closed: an error `check` reports with the line as context.
    return f"{name}: Parties [shall {payload} act][should act] on [{payload} now."


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A draft (whose file name carries an escape) with every payload in its text and its journal."""
    lines = ["I. " + CATALOGUE["osc-title-bel"] + " Heading", ""]
    for k, (name, payload) in enumerate(CATALOGUE.items(), 1):
        lines += [f"{k}. " + payload_line(name, payload), ""]
    lines += ["99. A stray ] bracket after " + CATALOGUE["csi-alternate-screen"], ""]
    path = tmp_path / "draft\x1b]0;name\x07.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    party = "Evil" + CATALOGUE["osc-title-bel"]
    with open_session(path, actor="clerk" + CATALOGUE["c1-csi"]) as session:
        session.add_party(party)
        element = next(e for e in session.elements() if e.kind == "alternatives")
        session.record_position(
            element.id,
            party,
            Stance.SUPPORTS,
            choice=1,
            meeting="IC" + CATALOGUE["osc-clipboard"],
            note="note" + CATALOGUE["bidi-rlo"],
        )
        session.set_setting("meeting", "HoDs" + CATALOGUE["dcs"])
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_inert_escapes_every_catalogue_entry_visibly() -> None:
    for payload in CATALOGUE.values():
        shown = inert(payload)
        assert_inert(shown)
        assert "\\" in shown and inert(shown) == shown
    assert inert("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert inert("\u202eevil") == "\\u202eevil"
    assert inert("tab\tnew\nline\r\nok") == "tab\tnew\nline\r\nok"
    assert inert("ordinary «text» – 1.5 °C, 中文, العربية") == "ordinary «text» – 1.5 °C, 中文, العربية"
    assert inert("bad byte \udcff") == "bad byte \\xff"


def test_every_human_command_shows_the_catalogue_inert(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = str(hostile)
    with open_session(hostile, read_only=True) as session:
        bracket = next(e for e in session.elements() if e.kind == "bracket")
        group = next(e for e in session.elements() if e.kind == "alternatives")
    other = tmp_path / "other.txt"
    other.write_text(
        hostile.read_text(encoding="utf-8").replace("now.", "today " + CATALOGUE["osc-title-bel"] + ".")
    )
    commands: list[tuple[str, ...]] = [
        ("check", file),
        ("check", file, "--max-diagnostics", "0"),
        ("status", file),
        ("log", file),
        ("party", file),
        ("party", file, "--add", "Friends" + CATALOGUE["csi-clear"]),
        ("position", file, group.id, "--party", "EU", "--supports", "2", "--note", CATALOGUE["osc-title-st"]),
        ("resolve", file, bracket.id, "--amend", "amended " + CATALOGUE["c1-osc"]),
        ("undo", file),
        ("stats", file, str(other)),
        ("diff", file, str(other), "--color", "never"),
        ("diff", file, str(other), "--color", "never", "--side-by-side"),
        ("diff", file, str(other), "--color", "never", "--summary"),
        ("diff", file, str(other), "--format", "unified"),
        # Refusals and errors echo what the user typed or what the file is called:
        ("resolve", file, "b" + CATALOGUE["osc-title-bel"], "--keep"),
        ("check", str(tmp_path / ("missing" + CATALOGUE["csi-alternate-screen"] + ".txt"))),
        ("export", file, "-o", str(tmp_path / ("nodir" + CATALOGUE["osc-title-bel"]) / "x.txt")),
        ("position", file, group.id, "--party", "Unknown" + CATALOGUE["c1-csi"], "--accepts"),
    ]
    for argv in commands:
        _, out, err = run(capsys, *argv)
        assert_inert(out)
        assert_inert(err)
        assert out or err, argv
    _, out, _ = run(capsys, "check", file)
    assert "\\x1b]0;name\\x07.txt" in out  # the file name, visibly
    _, out, _ = run(capsys, "log", file)
    assert "Evil\\x1b]0;pwned\\x07" in out and "\\u202e" in out


def test_the_coloured_diff_keeps_its_colours_and_nothing_else(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(hostile.read_text(encoding="utf-8").replace("now.", "today."), encoding="utf-8")
    for extra in ([], ["--side-by-side"]):
        code, out, _ = run(capsys, "diff", str(hostile), str(other), "--color", "always", *extra)
        assert code == 1 and RICH_COLOUR.search(out)
        assert_inert(out, colours=True)
        assert "\\x1b[?1049h" in out


def test_data_outputs_are_left_as_data(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON carries the text exactly (its own escapes); `export -o -` is the draft itself."""
    import json

    _, out, _ = run(capsys, "log", str(hostile), "--json")
    assert json.loads(out)[0]["target"] == "Evil" + CATALOGUE["osc-title-bel"]
    _, out, _ = run(capsys, "check", str(hostile), "--json")
    assert CATALOGUE["bidi-rlo"][0] in out  # JSON escapes C0 itself; the rest is the text as it is
    assert json.loads(out)[0]["diagnostics"]


def test_check_shows_a_bounded_window_and_caps_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "strays.txt"
    path.write_text("1. Text " + "]" * 20_000 + " end\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) < 200
    assert sum(": error in 1: " in line for line in lines) == 50
    assert "… 19950 more diagnostics not shown" in out
    code, out, _ = run(capsys, "check", str(path), "--max-diagnostics", "0")
    assert sum(": error in 1: " in line for line in out.splitlines()) == 20_000
    assert len(out) < 20_000 * 400  # linear in the number of diagnostics, not in number × line length
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert len(out) < 20_000 * 600


def test_the_caret_stays_under_the_column_after_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.txt"
    path.write_text("1. \x07\x1b\u202e red ] here\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path))
    context, caret = out.splitlines()[-2:]
    assert context[caret.index("^")] == "]"


def test_the_chairs_commands_show_the_catalogue_inert(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands that came after the catalogue (chairing, readings, links, carry) print through the
    same inert streams: payloads in the text, the journal, the arguments and the file name."""
    file = str(hostile)
    with open_session(hostile, read_only=True) as session:
        groups = [e for e in session.elements() if e.kind == "alternatives"]
        brackets = [e for e in session.elements() if e.kind == "bracket"]
    other = tmp_path / "next.txt"
    other.write_text(hostile.read_text(encoding="utf-8").replace("now.", "today."), encoding="utf-8")
    meeting = "IC" + CATALOGUE["osc-title-bel"]
    commands: list[tuple[str, ...]] = [
        ("roster", file, "--meeting", meeting, "EU", "Evil" + CATALOGUE["osc-title-bel"]),
        ("roster", file, "--meeting", meeting),
        ("parties", file),
        ("parties", file, "--meeting", meeting),
        ("split", file, groups[1].id),
        ("undo", file),
        ("redo", file),
        ("undo", file),
        ("link", file, groups[2].id, brackets[1].id, "--requires", "--note", "n" + CATALOGUE["csi-clear"]),
        ("link", file, "--candidates"),
        ("gavel", file, groups[3].id, "--choose", "1", "--over-objection", "r" + CATALOGUE["bidi-rlo"]),
        ("apply-consensus", file, "--dry-run"),
        ("bracket", file, "--insert", "0", "new " + CATALOGUE["csi-colour"]),
        ("reopen", file, "999"),  # no such change: the refusal names the file
        ("log", file),
        ("carry", file, str(other), "--dry-run"),
        ("comments", file),  # not a Word draft: the refusal names the file
    ]
    for argv in commands:
        _, out, err = run(capsys, *argv)
        assert_inert(out)
        assert_inert(err)
        assert out or err, argv
    _, out, _ = run(capsys, "log", file)
    assert "gavel" in out and "\\u202e" in out
