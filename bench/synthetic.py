"""Synthetic negotiating drafts of any size, for benchmarks.

`synthetic_draft(size_bytes, seed)` writes a plain-text draft shaped like a UNFCCC
compilation: sections (`I.`), articles, paragraphs numbered within each article with
`bis`/`ter` insertions, sub-paragraphs `(a)`, square brackets nested up to depth 5,
adjacent alternatives (`[shall][should]`), labelled options (one of them a zero
option), curly-brace notes and placeholders (`[X] per cent`, `20XX`).

`next_iteration(text, seed)` makes the next version of such a draft the way a
negotiation does: about 30% of the brackets resolved (text kept, text deleted, one
alternative chosen), some words changed, one paragraph moved to another article,
new paragraphs inserted in some articles and the paragraphs after them renumbered.

`pdf_layout(text)` lays a draft out as text extracted from a PDF: lines wrapped at
about 100 characters, no blank lines between paragraphs, and pages of 48 lines, each
opening with the document symbol and "Page N of M" and some ending with a footnote
under a separator line.

All are deterministic for a given seed. Run this file to write a pair:
`python bench/synthetic.py 1000000 OLD.txt NEW.txt`.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ORDINALS = ("bis", "ter", "quater", "quinquies")
LEAD_VERBS = (
    ("Decides", "Requests"),
    ("Invites", "Strongly urges"),
    ("Urges", "Encourages"),
    ("Recognizes", "Acknowledges"),
    ("Requests", "Also requests"),
)
MODALS = ("shall", "should", "may", "will", "are encouraged to")
SUBJECTS = (
    "Parties",
    "developed country Parties",
    "each Party",
    "the Conference of the Parties serving as the meeting of the Parties to this Agreement",
    "developing country Parties",
    "all Parties",
    "the secretariat",
    "the Subsidiary Body for Scientific and Technological Advice",
)
VERBS = (
    "communicate",
    "enhance",
    "provide",
    "take into account",
    "strengthen",
    "report on",
    "mobilize",
    "support",
    "implement",
    "review",
    "facilitate",
    "promote",
)
OBJECTS = (
    "nationally determined contributions",
    "adaptation efforts",
    "financial resources",
    "technology development and transfer",
    "capacity-building",
    "greenhouse gas emissions by sources and removals by sinks",
    "the global stocktake",
    "loss and damage associated with the adverse effects of climate change",
    "the transparency framework for action and support",
    "mitigation co-benefits resulting from adaptation actions",
    "internationally transferred mitigation outcomes",
    "national adaptation plans",
)
QUALIFIERS = (
    "in accordance with the principles of the Convention",
    "on the basis of equity and common but differentiated responsibilities and respective capabilities",
    "in the light of different national circumstances",
    "taking into account the needs of developing country Parties",
    "with a view to holding the increase in the global average temperature to well below 2 °C",
    "in a nationally determined manner",
    "consistent with the best available science",
    "in line with decision 1/CP.21",
    "subject to the availability of support",
    "by 2020 and every five years thereafter",
    "while ensuring environmental integrity",
    "as soon as possible",
)
ALTERNATIVE_RUNS = (
    ("shall", "should"),
    ("shall", "should", "other"),
    ("2017", "2018"),
    ("2020", "2025", "2030"),
    ("below 2 °C", "below 1.5 °C", "well below 2 °C"),
    ("NDMCs*", "INDCs", "contributions"),
    ("CMA", "COP"),
    ("enhance", "strengthen"),
)
HEADINGS = (
    "Purpose",
    "Mitigation",
    "Adaptation",
    "Loss and damage",
    "Finance",
    "Technology development and transfer",
    "Capacity-building",
    "Transparency of action and support",
    "Global stocktake",
    "Facilitating implementation and compliance",
    "Final clauses",
    "Cooperative approaches",
)
NOTES = (
    "{Note: substantive discussions on this paragraph have not concluded}",
    "{Placement proposal: to be moved to the decision}",
    "{Placeholder for preamble}",
    "{under discussion in tandem with the finance article}",
)
WORD_SWAPS = (
    ("enhance", "strengthen"),
    ("provide", "make available"),
    ("Parties", "Governments"),
    ("support", "assist"),
    ("promote", "advance"),
    ("review", "assess"),
    ("each", "every"),
    ("resources", "means"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
RENUMBERED_ARTICLES = 20  # one article in this many gets a new paragraph and renumbers the rest
NUMBER_AT_START = re.compile(r"(\d+)((?: (?:" + "|".join(ORDINALS) + r"))?)\. ")


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def clause(self) -> str:
        rng = self.rng
        parts = [rng.choice(SUBJECTS), rng.choice(MODALS), rng.choice(VERBS), rng.choice(OBJECTS)]
        for _ in range(rng.randint(0, 2)):
            parts.append(rng.choice(QUALIFIERS))
        return " ".join(parts)

    def bracketed(self, depth: int) -> str:
        """A phrase, bracketed at random; nesting goes at most to depth 5."""
        rng = self.rng
        roll = rng.random()
        if depth >= 5 or roll < 0.35:
            return rng.choice(OBJECTS) if roll < 0.2 else rng.choice(QUALIFIERS)
        if roll < 0.55:
            run = rng.choice(ALTERNATIVE_RUNS)
            gap = rng.choice(("", " "))
            return gap.join(f"[{word}]" for word in run)
        if roll < 0.62:
            return f"[X] per cent by 20XX{rng.choice(('', ' [-Y]'))}"
        inner = [rng.choice(QUALIFIERS), self.bracketed(depth + 1)]
        if rng.random() < 0.4:
            inner.append(rng.choice(OBJECTS))
        return "[" + " ".join(inner) + "]"

    def sentence(self) -> str:
        rng = self.rng
        text = self.clause()
        for _ in range(rng.randint(1, 3)):
            text += ", " + self.bracketed(1)
        text = text[0].upper() + text[1:]
        return text + rng.choice((".", ";", "."))

    def paragraph_body(self) -> str:
        rng = self.rng
        verbs = rng.choice(LEAD_VERBS)
        lead = f"[{verbs[0]}][{verbs[1]}]" if rng.random() < 0.3 else verbs[0]
        body = " ".join(self.sentence() for _ in range(rng.randint(1, 3)))
        text = f"{lead} that {body[0].lower()}{body[1:]}"
        if rng.random() < 0.15:
            text = f"[{text}]"
        return text


def synthetic_draft(size_bytes: int, seed: int) -> str:
    """A plain-text draft of about `size_bytes` UTF-8 bytes (it stops at the first paragraph past it)."""
    writer = _Writer(seed)
    rng = writer.rng
    title = f"Draft agreement and draft decision (synthetic iteration, seed {seed})"
    blocks = [title, "{Placeholder for preamble}"]
    size, counted = 0, 0
    article = 0
    section = 0
    while size < size_bytes:
        if article % 4 == 0:
            title = f"{ROMAN[section % len(ROMAN)]}. {rng.choice(HEADINGS).upper()}"
            blocks.append(title if rng.random() < 0.8 else f"{title} [{rng.choice(OBJECTS).upper()}]")
            section += 1
        article += 1
        heading = f"Article {article}"
        blocks.append(heading if rng.random() < 0.9 else f"[{heading}]")
        blocks.append("{" + rng.choice(HEADINGS) + "}")
        # Paragraphs are numbered within their article, as in an agreement.
        for number in range(1, rng.randint(3, 9) + 1):
            blocks.extend(_paragraph(writer, str(number)))
            for ordinal in ORDINALS[: rng.choice((0, 0, 0, 1, 1, 2))]:
                blocks.extend(_paragraph(writer, f"{number} {ordinal}"))
        size += sum(len(b.encode("utf-8")) + 2 for b in blocks[counted:])
        counted = len(blocks)
    return "\n\n".join(blocks) + "\n"


def _paragraph(writer: _Writer, number: str) -> list[str]:
    rng = writer.rng
    roll = rng.random()
    if roll < 0.12:
        options = [f"Option {k}: {writer.paragraph_body()}" for k in range(1, rng.randint(2, 4) + 1)]
        if rng.random() < 0.4:
            options.append(f"Option {len(options) + 1}: No text")
        return [f"{number}. {writer.paragraph_body()}", *options]
    blocks = [f"{number}. {writer.paragraph_body()}"]
    if roll < 0.35:
        for letter in "abcd"[: rng.randint(2, 4)]:
            blocks.append(f"    ({letter}) {writer.sentence()}")
    if rng.random() < 0.08:
        blocks.append(rng.choice(NOTES))
    return blocks


# --- the next iteration ------------------------------------------------------


def next_iteration(text: str, seed: int, resolve_share: float = 0.3) -> str:
    """The draft after a round of negotiation (see the module docstring)."""
    rng = random.Random(seed)
    text = _resolve_brackets(text, rng, resolve_share)
    blocks = text.rstrip("\n").split("\n\n")
    _change_words(blocks, rng)
    _move_paragraph(blocks)
    _insert_and_renumber(blocks, rng)
    return "\n\n".join(blocks) + "\n"


def _resolve_brackets(text: str, rng: random.Random, share: float) -> str:
    """Resolves innermost brackets and alternative groups until `share` of all brackets are gone."""
    from drafter import parse

    draft = parse(text)
    grouped = {b.id for g in draft.alternative_groups for b in g.alternatives}
    # Innermost only, so no two edits overlap.
    candidates: list[tuple[int, int, str]] = []
    for group in draft.alternative_groups:
        if all(not b.children for b in group.alternatives):
            chosen = rng.choice(group.alternatives)
            candidates.append((group.start, group.end, text[chosen.inner_start : chosen.inner_end]))
    for bracket in draft.brackets:
        if bracket.children or bracket.id in grouped:
            continue
        inner = text[bracket.inner_start : bracket.inner_end]
        candidates.append((bracket.start, bracket.end, inner if rng.random() < 0.6 else ""))
    rng.shuffle(candidates)
    target = int(len(draft.brackets) * share)
    removed, edits = 0, []
    for start, end, replacement in candidates:
        if removed >= target:
            break
        edits.append((start, end, replacement))
        removed += text.count("[", start, end)
    pieces, position = [], 0
    for start, end, replacement in sorted(edits):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return re.sub(r" {2,}", " ", "".join(pieces)).replace(" ,", ",")


def _change_words(blocks: list[str], rng: random.Random) -> None:
    for i in rng.sample(range(len(blocks)), k=max(1, len(blocks) // 20)):
        old, new = rng.choice(WORD_SWAPS)
        blocks[i] = blocks[i].replace(f" {old} ", f" {new} ", 1)


def _numbered(blocks: list[str]) -> list[int]:
    return [i for i, block in enumerate(blocks) if NUMBER_AT_START.match(block)]


def _move_paragraph(blocks: list[str]) -> None:
    """Moves the paragraph a quarter into the draft to an article three quarters in (as from the agreement
    to the decision); fixed positions, so every size moves a paragraph the same way."""
    numbered = _numbered(blocks)
    source = numbered[len(numbered) // 4]
    moved = blocks.pop(source)
    articles = [i for i, block in enumerate(blocks) if block.startswith("Article ")]
    target = articles[min(len(articles) - 1, (3 * len(articles)) // 4)] + 2
    blocks.insert(target, moved)


def _insert_and_renumber(blocks: list[str], rng: random.Random) -> None:
    """Inserts a few `bis` paragraphs, and in every 20th article a new paragraph that shifts the rest by one."""
    writer = _Writer(rng.randrange(1 << 30))
    numbered = _numbered(blocks)
    for i in sorted(rng.sample(numbered, k=min(len(numbered), 3)), reverse=True):
        match = NUMBER_AT_START.match(blocks[i])
        assert match is not None
        if not match.group(2):
            blocks.insert(i + 1, f"{match.group(1)} quinquies. {writer.paragraph_body()}")
    articles = [i for i, block in enumerate(blocks) if block.startswith(("Article ", "[Article "))]
    for k, article in reversed(list(enumerate(articles))):
        if k % RENUMBERED_ARTICLES == RENUMBERED_ARTICLES // 2:
            end = articles[k + 1] if k + 1 < len(articles) else len(blocks)
            _insert_in_article(blocks, article, end, writer)


def _insert_in_article(blocks: list[str], start: int, end: int, writer: _Writer) -> None:
    """A new paragraph 2 in the article from `start` to `end`; the later paragraphs' numbers grow by one."""
    numbered = [i for i in range(start, end) if NUMBER_AT_START.match(blocks[i])]
    if len(numbered) < 2:
        return
    for i in numbered[1:]:
        match = NUMBER_AT_START.match(blocks[i])
        assert match is not None
        blocks[i] = f"{int(match.group(1)) + 1}{match.group(2)}. {blocks[i][match.end() :]}"
    blocks.insert(numbered[1], f"2. {writer.paragraph_body()}")


PAGE_LINES = 48
WRAP = 100


def pdf_layout(text: str) -> str:
    """`text` as a PDF's extracted text: wrapped lines, running headers, page breaks, footnotes."""
    lines: list[str] = []
    for block in text.split("\n\n"):
        words, line = block.split(" "), ""
        for word in words:
            if line and len(line) + 1 + len(word) > WRAP:
                lines.append(line + " ")
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line + " ")
    pages = [lines[i : i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]
    out = []
    for number, page in enumerate(pages, 1):
        header = ["FCCC/ADP/2026/L.1 ", f"Page {number} of {len(pages)} "]
        footer = (
            [" " * 24, f"{number} Placeholder for a footnote to page {number}. "] if number % 3 == 0 else []
        )
        out.append("\n".join([*header, *page, *footer]))
    return "\n\f".join(out) + "\n"


def main(argv: list[str]) -> int:
    size, old_path, new_path = int(argv[0]), Path(argv[1]), Path(argv[2])
    old = synthetic_draft(size, seed=1)
    old_path.write_text(old, encoding="utf-8")
    new_path.write_text(next_iteration(old, seed=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
