"""The facilitator's commands: roster, gavel, apply-consensus (dry run, --yes), parties, status --party,
position --all-like, link, export --as-party, diff --party."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.commands.cli import main
from drafter.formats.docx.package import open_package
from drafter.formats.docx.reader import read_package
from drafter.formats.docx.runs import View

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TEXT = """A. Procedure

1. Parties [shall][should] act [promptly] on this (the insertion of 3 will require the deletion of 2).
2. The Conference [Decides][Requests] to act, and [Decides][Requests] to report.

B. Review

3. The Conference [Decides][Requests] to review.
"""


@pytest.fixture
def draft(tmp_path: Path) -> str:
    path = tmp_path / "draft.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ids(capsys: pytest.CaptureFixture[str], draft: str) -> dict[str, str]:
    _, out, _ = run(capsys, "status", draft, "--json")
    elements = json.loads(out)["elements"]
    named: dict[str, str] = {}
    for e in elements:
        named.setdefault(e["choices"][0], e["id"])
    return named


def test_a_roster_a_gavel_over_an_objection_and_apply_consensus(
    draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    named = ids(capsys, draft)
    shall, promptly = named["shall"], named["promptly"]
    assert run(capsys, "roster", draft, "--meeting", "IC 16 Nov", "EU", "US")[0] == 0
    code, out, _ = run(capsys, "roster", draft, "--meeting", "IC 16 Nov", "AOSIS", "--add", "--json")
    assert code == 0 and json.loads(out) == {
        "meeting": "IC 16 Nov",
        "set": True,
        "parties": ["AOSIS", "European Union", "United States"],
    }
    for party in ("EU", "US", "AOSIS"):
        run(capsys, "position", draft, promptly, "--party", party, "--delete", "--meeting", "IC 16 Nov")
        run(capsys, "position", draft, shall, "--party", party, "--supports", "1", "--meeting", "IC 16 Nov")
    run(capsys, "position", draft, shall, "--party", "Bolivia", "--opposes", "1", "--meeting", "HoDs")

    code, out, _ = run(capsys, "apply-consensus", draft, "--meeting", "IC 16 Nov")
    assert code == 0 and f"{promptly:<12} -> delete" in out and shall not in out
    assert "dry run: nothing changed" in out and "[promptly]" in Path(draft).read_text(encoding="utf-8")
    code, out, _ = run(capsys, "apply-consensus", draft, "--meeting", "IC 16 Nov", "--yes")
    assert code == 0 and "applied 1 of 1" in out

    code, _, err = run(capsys, "gavel", draft, shall, "--choose", "1")
    assert code == 2 and "Bolivia objects to choice 1 “shall”" in err and "--over-objection" in err
    code, out, _ = run(
        capsys, "gavel", draft, shall, "--choose", "1", "--over-objection", "noted in the report"
    )
    assert code == 0 and "OVER THE OBJECTION of Bolivia: noted in the report" in out
    _, out, _ = run(capsys, "log", draft)
    assert "gavelled; OVER THE OBJECTION of Bolivia: noted in the report" in out
    _, out, _ = run(capsys, "log", draft, "--json")
    gavelled = json.loads(out)[-1]
    assert gavelled["gavel"] and gavelled["over_objection_of"] == ["Bolivia"] and gavelled["party"] is None


def test_who_blocks_what(draft: str, capsys: pytest.CaptureFixture[str]) -> None:
    named = ids(capsys, draft)
    run(capsys, "position", draft, named["shall"], "--party", "EU", "--supports", "1")
    run(capsys, "position", draft, named["shall"], "--party", "US", "--supports", "1")
    run(capsys, "position", draft, named["shall"], "--party", "LMDC", "--supports", "2")
    run(capsys, "position", draft, named["promptly"], "--party", "LMDC", "--reserves")
    code, out, _ = run(capsys, "parties", draft, "--json")
    found = {p["party"]: p for p in json.loads(out)}
    assert code == 0 and found["LMDC"]["alone"] == [named["shall"]]
    assert set(found["LMDC"]["objects"]) == {named["shall"], named["promptly"]}
    assert named["promptly"] in found["European Union"]["silent"]
    _, out, _ = run(capsys, "status", draft, "--party", "LMDC", "--alone")
    assert named["shall"] in out and named["promptly"] not in out.split("\n", 2)[-1]
    _, out, _ = run(capsys, "status", draft, "--json")
    every = {e["id"] for e in json.loads(out)["elements"]}
    _, out, _ = run(capsys, "status", draft, "--party", "US", "--silent", "--json")
    assert {e["id"] for e in json.loads(out)["elements"]} == every - {named["shall"]}


def test_one_stance_on_every_repeat_and_proposals_by_number(
    draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    named = ids(capsys, draft)
    code, out, _ = run(
        capsys, "position", draft, named["Decides"], "--party", "EU", "--supports", "1", "--all-like", "text"
    )
    assert code == 0 and "and on 2 more of the same wording (text)" in out
    _, out, _ = run(capsys, "log", draft)
    assert out.count("\n") == 2 and "and on 2 more of the same wording" in out  # one step
    run(capsys, "position", draft, named["shall"], "--party", "AGN", "--propose", "/or, as appropriate,")
    code, out, _ = run(
        capsys, "position", draft, named["shall"], "--party", "EU", "--propose", " /or,  as appropriate,"
    )
    assert code == 0 and "EU proposes 3" in out.replace("European Union", "EU")
    code, out, _ = run(capsys, "position", draft, named["shall"], "--party", "US", "--supports", "3")
    assert code == 0 and "no-objection (proposal 3 “/or, as appropriate,”)" in out


def test_links_and_the_candidates_the_notes_suggest(draft: str, capsys: pytest.CaptureFixture[str]) -> None:
    named = ids(capsys, draft)
    code, out, _ = run(capsys, "link", draft, "--candidates")
    assert code == 0 and "requires" in out and "insertion of 3 will require the deletion of 2" in out
    assert not Path(draft + ".drafter.sqlite").exists()  # listing writes nothing
    code, out, _ = run(capsys, "link", draft, named["shall"], named["Decides"], "--package")
    assert code == 0 and out.startswith("package #1:")
    code, out, _ = run(capsys, "link", draft, "--remove", "1")
    assert code == 0 and "took back package #1" in out
    code, _, err = run(capsys, "link", draft, named["shall"], "--package")
    assert code == 2 and "two or more" in err
    code, _, err = run(capsys, "link", draft, f"{named['shall']}:maybe", named["Decides"], "--requires")
    assert code == 2 and err == "drafter: link: 'maybe' is not an outcome (keep, delete or a number)\n"
    code, out, _ = run(
        capsys, "link", draft, f"{named['shall']}:2", f"{named['promptly']}:delete", "--requires"
    )
    assert code == 0 and out == f"link #3: {named['shall']}:2 requires {named['promptly']}:delete\n"


def test_each_partys_text_and_where_two_differ(
    draft: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named = ids(capsys, draft)
    run(capsys, "position", draft, named["shall"], "--party", "EU", "--supports", "2")
    run(capsys, "position", draft, named["promptly"], "--party", "EU", "--delete")
    run(capsys, "position", draft, named["shall"], "--party", "LMDC", "--supports", "1")
    out_file = tmp_path / "eu.txt"
    assert run(capsys, "export", draft, "--as-party", "EU", "-o", str(out_file))[0] == 0
    assert out_file.read_text(encoding="utf-8").startswith("A. Procedure\n\n1. Parties should act on this")
    # Every export format takes the Party's text; nothing is journaled.
    assert run(capsys, "export", draft, "--as-party", "EU", "-o", str(tmp_path / "eu.html"))[0] == 0
    page = (tmp_path / "eu.html").read_text(encoding="utf-8")
    assert "as European Union would have it</h1>" in page and "Parties should act on this" in page
    assert "The text as European Union would have it: at every element the outcome it supports" in page
    assert "promptly" not in page and "[shall]" not in page
    assert run(capsys, "export", draft, "--as-party", "LMDC", "-o", str(tmp_path / "lmdc.md"))[0] == 0
    markdown = (tmp_path / "lmdc.md").read_text(encoding="utf-8")
    assert r"1\. Parties shall act \[promptly\] on this" in markdown and "should" not in markdown
    assert run(capsys, "export", draft, "--as-party", "EU", "-o", str(tmp_path / "eu.docx"))[0] == 0
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / "eu.docx")).paragraphs)
    assert "Parties should act on this" in word and "promptly" not in word
    # In Word, the Party's text is the consolidated text with the Party's outcomes as its tracked changes.
    exported = open_package(tmp_path / "eu.docx")
    assert read_package(exported, View.CURRENT).text.startswith(
        "A. Procedure\n\n1. Parties should act on this"
    )
    paragraphs = [line for line in TEXT.split("\n") if line]  # a new document: a paragraph per line
    assert read_package(exported, View.ORIGINAL).text.split("\n\n") == paragraphs
    body = etree.fromstring(zipfile.ZipFile(tmp_path / "eu.docx").read("word/document.xml"))
    revisions = list(body.iter(f"{W}ins", f"{W}del"))
    assert revisions and {r.get(f"{W}author") for r in revisions} == {"European Union"}
    notes = etree.fromstring(zipfile.ZipFile(tmp_path / "eu.docx").read("word/comments.xml"))
    said = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in notes.iter(f"{W}comment")]
    assert len(said) == 2 and any("rests on: European Union supports 2" in t for t in said), said
    code, _, err = run(capsys, "export", draft, "--as-party", "Atlantis", "-o", str(tmp_path / "x.html"))
    assert code == 2 and "unknown Party or group 'Atlantis'" in err and not (tmp_path / "x.html").exists()
    code, _, err = run(capsys, "export", draft, "--as-party", "Atlantis", "-o", "-")
    assert code == 2 and "unknown Party or group 'Atlantis'" in err
    code, out, _ = run(capsys, "diff", "--party", "EU", "--party", "LMDC", draft, "--format", "unified")
    assert (
        code == 1
        and "-1. Parties should act on this" in out
        and "+1. Parties shall act [promptly] on this" in out
    )
    assert "Decides" not in out  # where they agree (or are silent) nothing is shown
