"""Word's automatic paragraph numbers as a reader sees them (ECMA-376 Part 1, §17.9).

UN drafts number paragraphs with Word lists, so `1.`, `(a)`, `(i)` are not in the runs: they are
computed from the numbering part. A paragraph's `numPr` (or its style chain's, pStyle -> basedOn)
names a numbering instance (`num`, numId 0: none) and a level; the instance points to an abstract
definition, possibly through a numbering style (`numStyleLink` -> style -> num -> `styleLink`), and may
override levels (`lvlOverride`: a `startOverride`, or a whole `lvl`). Counters belong to the abstract
definition, so two lists sharing one continue each other's count. A level restarts when a higher level
is used (`lvlRestart`: absent, restart after any higher level; n, after level n or higher; 0, never;
as Word does, per [MS-OI29500] 2.1.292). `lvlText` spells the label with %1...%9, each level in its own
`numFmt` (all decimal under `isLgl`); `suff` says what follows it (tab, space, nothing).

Feed paragraphs in document order to `Numbering.label`: it keeps the counters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.formats.docx.ooxml import Element, attr, child, children, int_attr, on_off
from drafter.formats.docx.styles import Styles

LEVELS = 9
PLACEHOLDER = re.compile(r"%([1-9])")
SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
# Bullets are usually a character of the Symbol or Wingdings font (private-use code points).
BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
    "\uf0a8": "◆",
    "\uf02d": "-",
}
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph's number as shown ("1.", "(a)", "•") and what follows it."""

    text: str
    suffix: str
    level: int

    @property
    def prefix(self) -> str:
        return self.text + self.suffix if self.text else ""


@dataclass(slots=True)
class _Counters:
    values: list[int | None] = field(default_factory=lambda: [None] * LEVELS)
    overridden: set[tuple[int, int]] = field(default_factory=set)  # (numId, level) whose override began


@dataclass(frozen=True, slots=True)
class _Instance:
    """A `num` resolved: its levels in order of precedence, its start overrides, its counters' key."""

    num_id: int
    definition: Element  # the abstractNum whose counters and levels apply
    start_overrides: dict[int, int]
    levels: tuple[Element | None, ...]  # each level's lvl, overrides applied (looked up once)
    starts: tuple[int, ...]
    restarts: tuple[int | None, ...]  # lvlRestart, from the abstract definition only


class Numbering:
    """Computes labels paragraph by paragraph, keeping Word's counters."""

    def __init__(self, numbering: Element | None, styles: Styles) -> None:
        self._styles = styles
        # An id defined twice: the first definition counts, as in Word and LibreOffice.
        self._nums: dict[int, Element] = {}
        for num in children(numbering, "num"):
            self._nums.setdefault(int_attr(num, "numId") or 0, num)
        self._abstracts: dict[int, Element] = {}
        for abstract in children(numbering, "abstractNum"):
            self._abstracts.setdefault(int_attr(abstract, "abstractNumId") or 0, abstract)
        self._counters: dict[int, _Counters] = {}  # by id() of the definition
        self._instances: dict[int, _Instance | None] = {}

    def label(self, p_pr: Element | None) -> Label | None:
        """The number of the next paragraph (its `pPr`), advancing the counters; None if unnumbered."""
        num_pr = child(p_pr, "numPr")
        style_id = attr(child(p_pr, "pStyle"))
        num_id = int_attr(child(num_pr, "numId"))
        level = int_attr(child(num_pr, "ilvl"))
        if num_id is None:
            num_id, style_level = self._styles.numbering(style_id)
            level = style_level if level is None else level
        if not num_id:
            return None
        instance = self._instance(num_id)
        if instance is None:
            return None
        if level is None:
            level = self._level_of_style(instance, style_id)
        if attr(child(instance.definition, "multiLevelType")) == "singleLevel":
            level = 0
        level = min(max(level, 0), LEVELS - 1)
        values = self._count(instance, level)
        return self._format(instance, level, values)

    # --- resolving a num ---------------------------------------------------------

    def _instance(self, num_id: int) -> _Instance | None:
        if num_id not in self._instances:
            self._instances[num_id] = self._resolve(num_id)
        return self._instances[num_id]

    def _resolve(self, num_id: int) -> _Instance | None:
        num = self._nums.get(num_id)
        abstract = (
            self._abstracts.get(int_attr(child(num, "abstractNumId")) or -1) if num is not None else None
        )
        if num is None or abstract is None:
            return None
        sources = [num]
        overrides = _start_overrides(num)
        link = attr(child(abstract, "numStyleLink"))
        if link is not None:  # the levels live with the numbering style's own list
            linked_num = self._nums.get(self._styles.numbering_style_num(link) or -1)
            linked = self._abstracts.get(int_attr(child(linked_num, "abstractNumId")) or -1)
            if linked_num is not None and linked is not None and linked is not abstract:
                sources.append(linked_num)
                overrides = {**_start_overrides(linked_num), **overrides}
                abstract = linked
        levels = _levels(sources, abstract)
        own = {int_attr(lvl, "ilvl"): lvl for lvl in children(abstract, "lvl")}
        return _Instance(
            num_id,
            abstract,
            overrides,
            levels,
            tuple(int_attr(child(lvl, "start")) or 0 for lvl in levels),
            tuple(int_attr(child(own.get(i), "lvlRestart")) for i in range(LEVELS)),
        )

    def _level_of_style(self, instance: _Instance, style_id: str | None) -> int:
        """A style that numbers its paragraphs without an ilvl takes the level that names the style."""
        names = {attr(s, "styleId") for s in self._styles.paragraph_chain(style_id)}
        for lvl in children(instance.definition, "lvl"):
            if attr(child(lvl, "pStyle")) in names:
                return int_attr(lvl, "ilvl") or 0
        return 0

    # --- counting ------------------------------------------------------------------

    def _count(self, instance: _Instance, level: int) -> list[int]:
        counters = self._counters.setdefault(id(instance.definition), _Counters())
        values = counters.values
        override = instance.start_overrides.get(level)
        if override is not None and (instance.num_id, level) not in counters.overridden:
            counters.overridden.add((instance.num_id, level))
            values[level] = override
        elif values[level] is None:
            values[level] = override if override is not None else instance.starts[level]
        else:
            values[level] = (values[level] or 0) + 1
        for deeper in range(level + 1, LEVELS):
            restart = instance.restarts[deeper]
            if restart is None or restart > deeper or (restart != 0 and level < restart):
                values[deeper] = None
        return [v if v is not None else instance.starts[i] for i, v in enumerate(values)]

    # --- spelling ------------------------------------------------------------------

    def _format(self, instance: _Instance, level: int, values: list[int]) -> Label:
        lvl = instance.levels[level]
        template = attr(child(lvl, "lvlText"))
        suffix = SUFFIXES.get(attr(child(lvl, "suff")) or "tab", "\t")
        if template is None:
            return Label("", suffix, level)
        legal = on_off(child(lvl, "isLgl"))
        if _num_format(lvl) == "bullet":
            return Label(_bullet(template), suffix, level)

        def spell(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            fmt = _num_format(instance.levels[index])
            if legal and fmt not in ("none", "decimalZero"):
                fmt = "decimal"
            return format_number(values[index], fmt)

        return Label(PLACEHOLDER.sub(spell, template), suffix, level)


def _levels(nums: list[Element], abstract: Element) -> tuple[Element | None, ...]:
    """Each level's definition: a num's lvlOverride/lvl first, else the abstract definition's; a level
    missing from both borrows the nearest level above it."""
    found: dict[int | None, Element] = {int_attr(lvl, "ilvl"): lvl for lvl in children(abstract, "lvl")}
    for num in reversed(nums):  # the paragraph's own num wins over a numbering style's
        for override in children(num, "lvlOverride"):
            lvl = child(override, "lvl")
            if lvl is not None:
                found[int_attr(override, "ilvl")] = lvl
    levels: list[Element | None] = []
    for level in range(LEVELS):
        levels.append(found.get(level, levels[-1] if levels else None))
    return tuple(levels)


def _start_overrides(num: Element) -> dict[int, int]:
    overrides = {}
    for override in children(num, "lvlOverride"):
        level, start = int_attr(override, "ilvl"), int_attr(child(override, "startOverride"))
        if level is not None and start is not None:
            overrides[level] = start
    return overrides


def _num_format(lvl: Element | None) -> str:
    return attr(child(lvl, "numFmt")) or "decimal"


def _bullet(template: str) -> str:
    return "".join(BULLETS.get(c, "•" if PRIVATE_USE.match(c) else c) for c in template)


def format_number(value: int, fmt: str) -> str:
    """`value` in a `numFmt` (those UN drafts use; others fall back to decimal, as Word does for
    formats it cannot show)."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # a..z, then aa..zz, then aaa...: the letter repeated.
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        for amount, symbol in ROMAN:
            count, value = divmod(value, amount)
            roman += symbol * count
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else ORDINAL_SUFFIX.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)
