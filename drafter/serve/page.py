"""The room's page as a browser first gets it: the text, the panel and the activity, rendered here.

The page works before its script runs (it is the export's HTML); the script (static/room.js) then
follows the room through server-sent events. Nothing on the page sends anything back but requests
for the page itself and the event stream: there is no form and no write.
"""

from __future__ import annotations

import json
from importlib import resources

from drafter.formats.html import DRAFT_STYLE
from drafter.formats.html_page import BASE_STYLE, html_text
from drafter.serve.feed import RoomState

WAITING = (
    '<p class="waiting">No element under discussion yet: the page follows the facilitator once '
    "their place in the text is in the journal.</p>"
)


def stylesheet() -> bytes:
    """The export's style for the text and the room's own, in one file (the page has no inline style)."""
    room = resources.files("drafter.serve").joinpath("static/room.css").read_text("utf-8")
    return (BASE_STYLE + DRAFT_STYLE + room).encode("utf-8")


def script() -> bytes:
    return resources.files("drafter.serve").joinpath("static/room.js").read_bytes()


def room_page(state: RoomState, *, positions: bool) -> str:
    focus = state.focus
    lines = "".join(
        f'<li data-seq="{line.seq}"><time>{html_text(line.time)}</time> {html_text(line.text)}</li>'
        for line in reversed(state.activity)
    )
    start = {"room": state.room, "waiting": WAITING} | state.common()
    start_json = json.dumps(start, ensure_ascii=False).replace("</", "<\\/")
    hidden = "" if positions else '<p class="hidden-positions">Positions are not shown in this room.</p>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{html_text(state.title)} – live</title>
<link rel="stylesheet" href="room.css">
<script src="room.js" defer></script>
</head>
<body>
<header class="room-head">
<div class="title-line"><h1>{html_text(state.title)}</h1>
<span id="live" class="live connecting" role="status">connecting…</span>
<span id="following" class="following"></span>
<span class="tools"><button type="button" id="smaller" title="Smaller text">A−</button><button type="button" id="larger" title="Larger text">A+</button><button type="button" id="follow" hidden>Follow the room</button></span></div>
<ul class="summary" id="summary">{state.text.summary}</ul>
<p id="trouble" class="trouble" hidden></p>
</header>
<main class="room">
<article class="draft" id="text">{"".join(state.text.blocks)}</article>
<aside class="panel" id="panel">
<section id="focus" aria-live="polite">{focus.panel if focus is not None else WAITING}</section>
{hidden}<h2 class="activity-head">Latest</h2>
<ol id="activity" class="activity">{lines}</ol>
</aside>
</main>
<script type="application/json" id="room-start">{start_json}</script>
</body>
</html>
"""
