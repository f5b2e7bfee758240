"""`drafter journal copy` between a SQLite file and PostgreSQL, both ways, and `drafter journal drafts`."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.journal import Record
from drafter.journal.postgres import PostgresStore
from drafter.journal.sqlite import SqliteJournal
from tests.conftest import SAMPLES


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    path = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def ids(capsys: pytest.CaptureFixture[str], draft: Path, *journal: str) -> list[str]:
    status = json.loads(run(capsys, "status", str(draft), "--json", *journal))
    return [e["id"] for e in status["elements"]]


def in_file(path: Path) -> list[Record]:
    journal = SqliteJournal.open(path, read_only=True)
    try:
        return list(journal.records())
    finally:
        journal.close()


def in_database(url: str, draft: Path) -> list[Record]:
    journal = PostgresStore(url).open(
        draft.name, hashlib.sha256(draft.read_bytes()).hexdigest(), read_only=True
    )
    assert journal is not None
    try:
        return list(journal.records())
    finally:
        journal.close()


def test_copy_to_postgresql_and_back_keeps_every_event(
    draft: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = ids(capsys, draft)[:2]
    run(capsys, "position", str(draft), first, "--party", "EU", "--supports", "1", "--note", "«quoted» \\ ok")
    run(capsys, "resolve", str(draft), second, "--keep", "--party", "G77")
    beside = Path(str(draft) + ".drafter.sqlite")
    out = run(capsys, "journal", "copy", str(draft), "--to", database_url)
    assert out.startswith("ocean.txt: 2 of 2 events copied from ") and "(draft ocean.txt)" in out
    assert in_database(database_url, draft) == in_file(beside)  # every field of every event
    back = draft.with_name("back.sqlite")
    out = run(capsys, "journal", "copy", str(draft), "--journal", database_url, "--to", str(back))
    assert out.startswith("ocean.txt: 2 of 2 events copied")
    assert in_file(back) == in_file(beside)
    exported = {}
    for name, journal in (("beside", beside), ("back", back)):
        target = draft.with_name(f"{name}.txt")
        run(capsys, "export", str(draft), "-o", str(target), "--journal", str(journal))
        exported[name] = target.read_bytes()
    assert exported["beside"] == exported["back"] != draft.read_bytes()
    # More work in the file, then the database copy is brought up to date: only what is new is added.
    run(capsys, "resolve", str(draft), ids(capsys, draft)[0], "--delete")
    assert "1 of 3 events copied" in run(capsys, "journal", "copy", str(draft), "--to", database_url)
    assert "0 of 3 events copied" in run(capsys, "journal", "copy", str(draft), "--to", database_url)
    assert in_database(database_url, draft) == in_file(beside)


def test_journals_that_went_separate_ways_are_not_merged(
    draft: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = ids(capsys, draft)[:2]
    run(capsys, "resolve", str(draft), first, "--delete")
    other = draft.with_name("other.sqlite")
    run(capsys, "journal", "copy", str(draft), "--to", str(other))
    run(capsys, "resolve", str(draft), second, "--keep")  # in the file beside the draft
    run(capsys, "resolve", str(draft), second, "--delete", "--journal", str(other))  # in the copy
    run(capsys, "journal", "copy", str(draft), "--journal", str(other), "--to", database_url)
    before = in_file(Path(str(draft) + ".drafter.sqlite"))
    assert (
        main(
            ["journal", "copy", str(draft), "--journal", database_url, "--to", str(draft) + ".drafter.sqlite"]
        )
        == 2
    )
    assert "event 2 differs" in capsys.readouterr().err
    assert in_file(Path(str(draft) + ".drafter.sqlite")) == before


def test_copy_refuses_what_is_not_this_drafts_journal(
    draft: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["journal", "copy", str(draft), "--to", database_url]) == 2
    assert "holds no journal of" in capsys.readouterr().err
    other = tmp_path / "other.txt"
    shutil.copy(SAMPLES / "forest-decision.md", other)
    run(capsys, "resolve", str(other), ids(capsys, other)[0], "--delete")
    run(capsys, "resolve", str(draft), ids(capsys, draft)[0], "--delete")
    assert main(["journal", "copy", str(draft), "--to", str(other) + ".drafter.sqlite"]) == 2
    assert "holds the journal of another draft" in capsys.readouterr().err
    assert main(["journal", "copy", str(draft), "--to", "mysql://somewhere/db"]) == 2
    assert "not a journal location" in capsys.readouterr().err
    with sqlite3.connect(str(other) + ".drafter.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_drafts_lists_what_a_database_holds(
    draft: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "journal", "drafts", database_url) == "no drafts yet\n"
    run(capsys, "resolve", str(draft), ids(capsys, draft)[0], "--delete")
    run(capsys, "journal", "copy", str(draft), "--to", database_url)
    [line] = run(capsys, "journal", "drafts", database_url).splitlines()
    assert line.startswith("ocean.txt  base ") and "  1 events  since " in line
