"""What a facilitator's drafter process does, in a loop, for the kill and concurrency tests: positions,
resolutions, undo, settings and exports on one draft, each acknowledged in a log once it is durable.

The log is written with one `os.write` per line (O_APPEND): a SIGKILL cannot lose a line already
written, nor leave half of one. Lines:
    ready PID                  the process is up
    creating                   its first write will create the journal
    ack SEQ KIND TARGET SHA    record SEQ (KIND on TARGET) is committed; SHA: the text's sha256 after it
    exporting SHA              an export of these bytes is about to be written to OUT
    exported SHA               ... and is in place
    refused KIND REASON        a write the session refused (another process got there first...)
"""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

from drafter.formats.export import ExportFormat, ExportOptions, export
from drafter.negotiation.session import JournalInUseError, Session, SessionError, Stance
from drafter.output import write_output
from drafter.text.parser import parse
from drafter.workspace import open_session

PARTIES = ("EU", "USA", "China", "Brazil", "AOSIS", "LDCs", "Norway")
STANCES = (Stance.SUPPORTS, Stance.ACCEPTS, Stance.OPPOSES, Stance.RESERVES)


def warm_up() -> None:
    """Builds the grammar's parser once in the forkserver, so a forked worker need not (seconds under load)."""
    parse("1. Parties [shall][should] act.\n")


warm_up()


def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:16]


class Log:
    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def say(self, line: str) -> None:
        os.write(self._fd, (line.replace("\n", " ") + "\n").encode("utf-8"))


def work(draft: str, log_path: str, out: str, seed: int, operations: int, export_every: int) -> None:
    """Runs `operations` operations (forever if 0) on `draft` as actor `worker-SEED`."""
    rng = random.Random(seed)
    log = Log(log_path)
    log.say(f"ready {os.getpid()}")
    session = open_session(draft, actor=f"worker-{seed}")
    if not session.has_journal:
        log.say("creating")
    done = 0
    while operations == 0 or done < operations:
        before = session.last_seq
        kind, target = one_operation(session, rng, log)
        if kind is None or session.last_seq == before:  # a setting is kept in memory until a journal exists
            continue
        done += 1
        log.say(f"ack {session.last_seq} {kind} {target} {sha(session.draft.text)}")
        if export_every and done % export_every == 0:
            data = export(session, ExportFormat.HTML, ExportOptions())
            log.say(f"exporting {sha(data)}")
            write_output(out, data, force=True, protect=[draft])
            log.say(f"exported {sha(data)}")
    session.close()


def one_operation(session: Session, rng: random.Random, log: Log) -> tuple[str | None, str]:
    """One write; its record's kind and target, or None when it wrote nothing (refused, or no-op)."""
    elements = session.elements()
    roll = rng.random()
    try:
        if roll < 0.15 or not elements:
            change = session.undo()
            return (None, "") if change is None else (change.kind.value, change.target or "-")
        element = rng.choice(elements)
        if roll < 0.6:
            choice = rng.randint(1, len(element.choices)) if element.is_group else None
            session.record_position(element.id, rng.choice(PARTIES), rng.choice(STANCES), choice=choice)
            return "position", element.id
        if roll < 0.8:
            session.set_setting("cursor", f"{element.id}-{rng.random():.6f}")
            return "setting", "cursor"
        change = session.choose(element.id, 1) if element.is_group else session.keep(element.id)
        return change.kind.value, element.id
    except JournalInUseError as error:
        log.say(f"refused busy {error}")
    except SessionError as error:
        log.say(f"refused other {error}")
    return None, ""


def read_log(path: Path) -> list[list[str]]:
    """The log's complete lines, split (the first four fields; a reason keeps its spaces together)."""
    if not path.exists():
        return []
    return [line.split(" ", 5) for line in path.read_text(encoding="utf-8").splitlines()]
