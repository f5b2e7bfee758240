"""`drafter comments FILE.docx`: the document's comments, and the Party positions they propose.

Without `--accept` nothing is written. With it, every proposal whose stance is clear is recorded as
the Party's position (meeting from the comment where it says one), each with a note naming the
comment, so a second `--accept` records nothing twice.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from drafter.commands.sessions import add_actor, add_file, add_json, dump, open_for, reports_session_errors
from drafter.formats.docx.proposals import ImportedComment, accept, imported_comments
from drafter.negotiation.changes import preview


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "comments",
        help="a .docx's comments and the Party positions they propose; --accept records them",
        description="Lists every comment of a Word draft (its anchor's paragraph and words, author, date, the "
        "registry Parties it names and the stance its wording gives) and says which stay notes and why. "
        "--accept records the clear proposals as positions. Exit 2 when the draft cannot be read.",
    )
    add_file(parser)
    add_json(parser)
    parser.add_argument("--accept", action="store_true", help="record the clear proposals as positions")
    parser.add_argument(
        "--meeting", metavar="M", help="meeting for accepted positions whose comment names none"
    )
    add_actor(parser, "records them")
    parser.set_defaults(run=run)


@reports_session_errors
def run(args: argparse.Namespace) -> int:
    with open_for(args, read_only=not args.accept) as session:
        comments = imported_comments(session)
        recorded = already = 0
        if args.accept:
            recorded, already = accept(session, comments, actor_meeting=args.meeting)
        if args.json:
            dump([comment_dict(c) for c in comments])
            return 0
        for comment in comments:
            _print(comment)
        print(summary(comments))
        if args.accept:
            print(
                f"recorded {recorded} position{'s' if recorded != 1 else ''}"
                + (f" ({already} already recorded)" if already else "")
            )
    return 0


def comment_dict(item: ImportedComment) -> dict[str, Any]:
    c = item.comment
    return {
        "id": c.id,
        "author": c.author,
        "date": c.date,
        "anchor": item.anchor,
        "ref": item.ref,
        "start": item.start,
        "end": item.end,
        "text": c.text,
        "parties": list(item.parties),
        "stance": item.stance,
        "element": item.element,
        "meeting": item.meeting,
        "proposals": [
            {"party": p.party, "stance": p.word, "choice": p.choice, "text": p.text} for p in item.proposals
        ],
        "note_only": item.reason,
    }


def _print(item: ImportedComment) -> None:
    c = item.comment
    where = f"{item.ref} “{preview(item.anchor, 40)}”" if item.anchor else (item.ref or "no anchor")
    print(f"#{c.id} {where} — {c.author or 'unknown'}, {c.date[:10] or 'undated'}: {preview(c.text, 100)}")
    for proposal in item.proposals:
        flag = "" if proposal.clear else "  (unclear: edit it before accepting)"
        meeting = f" at {item.meeting}" if item.meeting else ""
        print(f"    proposes: {proposal.describe()} on {item.element}{meeting}{flag}")
    if item.reason and not item.proposals:
        print(f"    note only: {item.reason}")


def summary(comments: list[ImportedComment]) -> str:
    proposing = [c for c in comments if c.proposals]
    clear = sum(1 for c in proposing if any(p.clear for p in c.proposals))
    reasons = Counter(c.reason for c in comments if not c.proposals)
    left = "; ".join(f"{n} {why}" for why, n in reasons.most_common())
    return (
        f"{len(comments)} comment{'s' if len(comments) != 1 else ''}: {len(proposing)} became proposals "
        f"({clear} with a clear stance), {len(comments) - len(proposing)} left as notes"
        + (f" ({left})" if left else "")
    )
