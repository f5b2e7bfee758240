"""WordprocessingML names and small lookups shared by the .docx reader and writer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"

Element = Any  # an lxml element (python-docx's classes or plain ones)


def w(name: str) -> str:
    """The Clark name of `w:name`."""
    return f"{{{W_NS}}}{name}"


def child(element: Element | None, name: str) -> Element | None:
    return None if element is None else element.find(w(name))


def children(element: Element | None, name: str) -> Iterator[Element]:
    if element is not None:
        yield from element.iterfind(w(name))


def attr(element: Element | None, name: str = "val") -> str | None:
    if element is None:
        return None
    value: str | None = element.get(w(name))
    return value


def int_attr(element: Element | None, name: str = "val") -> int | None:
    value = attr(element, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def on_off(element: Element | None) -> bool:
    """A toggle property (`<w:b/>`, `<w:isLgl w:val="0"/>`): present and not switched off."""
    return element is not None and attr(element) not in ("0", "false", "off")


def local(element: Element) -> str:
    """The local name of a WordprocessingML element ('' for comments and other namespaces)."""
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{W_NS}}}"):
        return ""
    return tag[len(W_NS) + 2 :]
