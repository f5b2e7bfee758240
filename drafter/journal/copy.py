"""Moving a journal between backends (a SQLite file, a PostgreSQL database): every record, byte for byte.

A target that already holds the draft's journal is only extended, and only when its records are the
source's first ones (a copy taken earlier, or a copy that was interrupted); a journal that went its own
way is refused rather than merged. The copy is one transaction: all of it lands, or none.
"""

from __future__ import annotations

from drafter.journal.store import Journal, JournalError, JournalStore, NewRecord


def copy_journal(source: Journal, target_store: JournalStore, name: str) -> tuple[Journal, int]:
    """Copies `source` (the journal of the draft called `name`) into `target_store`; returns the target
    journal and how many records were added."""
    target = target_store.open(name, source.base_sha256, read_only=False)
    if target is not None and target.base_sha256 != source.base_sha256:
        target.close()  # another version's journal: a database makes this one its own
        target = None
    if target is None:
        target = target_store.create(source.base_text, name)
        if target.base_sha256 != source.base_sha256:  # a file that is another draft's journal
            target.close()
            raise JournalError(f"{target.location}: holds the journal of another draft (or version of it)")
    try:
        with source.reading():
            records = list(source.records())
        with target.writing() as writer:
            present = writer.records_after(0)
            for theirs, ours in zip(present, records, strict=False):
                if theirs != ours:
                    raise JournalError(
                        f"{target.location}: event {theirs.seq} differs from {source.location}'s: the two "
                        "journals have gone separate ways; drafter will not merge them"
                    )
            if len(present) > len(records):
                raise JournalError(
                    f"{target.location}: has {len(present)} events, more than {source.location} "
                    f"({len(records)}): copy the other way"
                )
            for record in records[len(present) :]:
                writer.append(NewRecord(*record[1:]), after=record.seq - 1)
        if list(target.records()) != records:  # read back: what landed is what was read
            raise JournalError(f"{target.location}: the copy does not read back as the source")
    except BaseException:
        target.close()
        raise
    return target, len(records) - len(present)
