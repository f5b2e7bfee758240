"""Opening a .docx safely: what the file really is, bounded unpacking, no DTDs, python-docx on top.

A .docx is a zip of XML parts. Before python-docx sees it, every member's declared size and
compression ratio is checked (a zip bomb is refused before anything is inflated), XML parts are read
with a hard size cap, and a part that declares a DTD is refused (WordprocessingML never uses one; an
entity bomb needs one). Only the XML parts go to python-docx: pictures and embedded files are not
needed to read the text, so they are handed over empty and copied back, streamed, when a copy of the
document is written (`write_copy`).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from drafter.formats.docx.ooxml import Element
from drafter.formats.source import OLE_SIGNATURE, ZIP_SIGNATURE, not_readable
from drafter.text.parser import ReadError, unreadable

MAX_MEMBERS = 10_000
MAX_XML_PART = 64 * 2**20  # uncompressed bytes of one XML part
MAX_XML_TOTAL = 256 * 2**20  # of all XML parts together
MAX_DECLARED_TOTAL = 2 * 2**30  # of every member, pictures included (copied on export)
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 2**20
XML_SUFFIXES = (".xml", ".rels", ".vml")
CONTENT_TYPES = "[Content_Types].xml"
COPY_CHUNK = 2**20
DTD = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->)*<!(?:DOCTYPE|ENTITY)", re.DOTALL)
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WORD_97_STREAM = "WordDocument".encode("utf-16-le")
OPEN_DOCUMENT_TEXT = b"application/vnd.oasis.opendocument.text"
# One safe parser for the parts python-docx does not model (footnotes): no entities, no network.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True, slots=True)
class Package:
    """The document as python-docx has it; parts it does not model (footnotes) parsed here, once."""

    path: Path | None  # None: a new document, not read from a file
    document: Document
    blanked: frozenset[str]  # members handed to python-docx empty (pictures, embeddings)
    parsed: dict[str, Element] = field(default_factory=dict)  # partname -> root, of generic parts

    def related(self, reltype: str) -> Element | None:
        """The root element of the main document's part of `reltype` (None if it has none)."""
        for rel in self.document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            part = rel.target_part
            element: Element | None = getattr(part, "element", None)
            if element is not None:
                return element
            name = str(part.partname)
            if name not in self.parsed:
                try:
                    self.parsed[name] = etree.fromstring(part.blob, SAFE_PARSER)
                except etree.XMLSyntaxError as error:
                    raise not_readable(
                        self.path or Path("new document"),
                        f"is damaged: its part {name} is not well-formed XML ({error})",
                    ) from None
            return self.parsed[name]
        return None


def open_package(path: Path) -> Package:
    """Opens `path` as a .docx, or raises `ReadError` saying what the file is instead and what to do."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise unreadable(path, error) from None
    if head.startswith(OLE_SIGNATURE):
        raise _ole_error(path)
    if not head.startswith(ZIP_SIGNATURE):
        raise not_readable(path, f"is not a Word document (.docx): {_what_it_is(head)}")
    try:
        with zipfile.ZipFile(path) as archive:
            xml_parts, blanked = _read_members(path, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise not_readable(
            path, f"is a damaged Word document (the zip archive is corrupt: {error})"
        ) from None
    except OSError as error:
        raise unreadable(path, error) from None
    return Package(path, _load_document(path, xml_parts, blanked), blanked)


def _read_members(path: Path, archive: zipfile.ZipFile) -> tuple[dict[str, bytes], frozenset[str]]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise not_readable(
            path, f"has {len(members)} parts; a Word document has far fewer (at most {MAX_MEMBERS})"
        )
    names = {m.filename for m in members}
    other = _what_zip_it_is(archive, names)
    if other is not None:
        raise not_readable(path, f"is a zip archive but not a Word document: {other}")
    if sum(m.file_size for m in members) > MAX_DECLARED_TOTAL:
        raise _bomb(path, "its parts unpack to more than 2 GiB")
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _bomb(
                path,
                f"its part {member.filename} unpacks {member.file_size // max(member.compress_size, 1)} times its size",
            )
    xml_parts: dict[str, bytes] = {}
    blanked: set[str] = set()
    total = 0
    for member in members:
        if member.is_dir():
            continue
        if not member.filename.lower().endswith(XML_SUFFIXES):
            blanked.add(member.filename)
            continue
        if member.file_size > MAX_XML_PART:
            raise _bomb(path, f"its part {member.filename} is {member.file_size // 2**20} MiB of XML")
        with archive.open(member) as stream:
            data = stream.read(MAX_XML_PART + 1)
        if len(data) > MAX_XML_PART:
            raise _bomb(path, f"its part {member.filename} is more than {MAX_XML_PART // 2**20} MiB of XML")
        total += len(data)
        if total > MAX_XML_TOTAL:
            raise _bomb(path, f"its XML parts come to more than {MAX_XML_TOTAL // 2**20} MiB")
        if DTD.match(data[:65536]):
            raise not_readable(
                path,
                f"is not a safe Word document: its part {member.filename} declares a DTD (entities), which Word never writes",
            )
        xml_parts[member.filename] = data
    return xml_parts, frozenset(blanked)


def _load_document(path: Path, xml_parts: dict[str, bytes], blanked: frozenset[str]) -> Document:
    """python-docx over an in-memory package of the XML parts (pictures present but empty)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in xml_parts.items():
            package.writestr(name, data)
        for name in blanked:
            package.writestr(name, b"")
    buffer.seek(0)
    try:
        return docx.Document(buffer)
    except (KeyError, ValueError, PackageNotFoundError, etree.XMLSyntaxError, zipfile.BadZipFile) as error:
        raise not_readable(path, f"is a damaged Word document ({type(error).__name__}: {error})") from None


def write_copy(package: Package) -> bytes:
    """The package's document (as python-docx now has it) with the original pictures and embeddings."""
    for part in package.document.part.package.iter_parts():
        root = package.parsed.get(str(part.partname))
        if root is not None:  # a generic part keeps its bytes: give it the edited tree's
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    saved = io.BytesIO()
    package.document.save(saved)
    if package.path is None or not package.blanked:
        return saved.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as edited,
        zipfile.ZipFile(package.path) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in edited.infolist():
            if member.filename in package.blanked:
                continue
            copy.writestr(member, edited.read(member))
        for member in original.infolist():
            if member.filename in package.blanked:
                with original.open(member) as source, copy.open(member, "w") as target:
                    for chunk in _chunks(source):
                        target.write(chunk)
    return out.getvalue()


def _chunks(stream: Any) -> Iterator[bytes]:
    while chunk := stream.read(COPY_CHUNK):
        yield chunk


def _bomb(path: Path, why: str) -> ReadError:
    return not_readable(path, f"is refused as a likely zip bomb: {why}")


def _ole_error(path: Path) -> ReadError:
    """An OLE compound file: a password-protected .docx (Word encrypts into one) or an old binary .doc."""
    found_encrypted = found_word97 = False
    try:
        with path.open("rb") as handle:
            tail = b""
            while chunk := handle.read(COPY_CHUNK):
                window = tail + chunk
                found_encrypted = found_encrypted or ENCRYPTED_STREAM in window
                found_word97 = found_word97 or WORD_97_STREAM in window
                tail = window[-64:]
    except OSError as error:
        return unreadable(path, error)
    if found_encrypted:
        return not_readable(
            path,
            "is password-protected (encrypted), so drafter cannot read it. In Word: File > Info > Protect "
            "Document > Encrypt with Password, clear the password, save, and open that file",
        )
    if found_word97:
        return not_readable(
            path, "is an old Word 97-2003 document (.doc). In Word: File > Save As > Word Document (.docx)"
        )
    return not_readable(path, "is an old Office binary file, not a Word document (.docx)")


def _what_it_is(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"%pdf-"):
        return "it is a PDF file"
    if start.startswith(b"{\\rtf"):
        return "it is in Rich Text Format (RTF). In Word: File > Save As > Word Document (.docx)"
    if start.startswith((b"<html", b"<!doctype html")) or b"mime-version:" in start[:200]:
        return "it is a web page saved by Word. In Word: File > Save As > Word Document (.docx)"
    if start.startswith(b"<?xml"):
        return "it is an XML file (Word 2003 XML?). In Word: File > Save As > Word Document (.docx)"
    if b"\0" not in head:
        return "it looks like plain text: give it a .txt name to open it as a text draft"
    return "its contents are in some other format"


def _what_zip_it_is(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """What a zip archive that is not a Word document is; None when it looks like one."""
    if (
        "mimetype" in names
        and archive.getinfo("mimetype").file_size < 200
        and archive.read("mimetype").startswith(OPEN_DOCUMENT_TEXT)
    ):
        return "it is an OpenDocument text (.odt). In LibreOffice: File > Save As > Word 2007-365 (.docx)"
    if "xl/workbook.xml" in names:
        return "it is an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "it is a PowerPoint presentation"
    if CONTENT_TYPES not in names:
        return "it has no [Content_Types].xml, so it is no Office document"
    return None
