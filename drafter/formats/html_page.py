"""What drafter's HTML pages share: the page around a body, the house style, and text made safe as HTML.

Every page is one self-contained file: no scripts, no fonts, nothing fetched, every text escaped.
Used by the draft export (`drafter.formats.html`) and the diff (`drafter.diff.html`).
"""

from __future__ import annotations

import re
from html import escape

# Bracket colours by depth, dark enough to read on white and on paper.
DEPTH_COLOURS = ("#9a6700", "#0550ae", "#8250df", "#1a7f37", "#bc4c00", "#bf3989")
# C0 controls other than tab and line feed (a PDF's form feeds, stray NULs) are not text in HTML.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

BASE_STYLE = """
:root { --muted: #57606a; --rule: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; margin: 0; color: #1f2328; background: #fff; }
header { padding: 16px 28px 8px; border-bottom: 1px solid var(--rule); background: #f6f8fa; }
h1 { font-size: 20px; margin: 0 0 6px; font-family: system-ui, sans-serif; }
.summary { margin: 0; padding-left: 18px; font-family: system-ui, sans-serif; font-size: 13px; color: #333; }
"""


def html_text(text: str) -> str:
    """`text` as HTML character data: markup escaped, control characters dropped."""
    return escape(CONTROLS.sub("", text))


def page(title: str, style: str, body: str) -> str:
    """A whole HTML document: the house style, then `style`, around `body` (already HTML)."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html_text(title)}</title>
<style>{BASE_STYLE}{style}</style>
</head>
<body>
{body}
</body>
</html>
"""
