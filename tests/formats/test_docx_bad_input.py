"""Bad .docx input: a clear message naming the file, exit 2, nothing unpacked beyond bounds, no traceback."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.formats.docx import package
from drafter.formats.source import ReadError, read_source
from tests.formats.test_source_dispatch import small_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the .docx `source` with some members replaced or added."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            if member.filename not in replace:
                copy.writestr(member, original.read(member))
        for name, data in replace.items():
            copy.writestr(name, data)
    return target


def refusal(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"drafter: {path}: ") and "Traceback" not in err
    return err


def test_truncated_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = small_docx(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "damaged Word document" in refusal(cut, capsys)


def test_password_protected_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Word writes an encrypted .docx as an OLE compound file with an "EncryptedPackage" stream.
    path = tmp_path / "secret.docx"
    path.write_bytes(OLE + bytes(504) + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le") + bytes(2000))
    err = refusal(path, capsys)
    assert "password-protected" in err and "Encrypt with Password" in err


def test_old_binary_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(OLE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(2000))
    assert "Word 97-2003" in refusal(path, capsys)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"Parties [shall] cooperate.\n", "plain text"),
        (b"{\\rtf1\\ansi Parties}", "Rich Text Format"),
        (b"<html><body>Parties</body></html>", "web page"),
    ],
)
def test_a_docx_that_is_something_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, said: str
) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(content)
    err = refusal(path, capsys)
    assert "is not a Word document (.docx)" in err and said in err


def test_an_opendocument_text_named_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument text" in refusal(path, capsys)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = rezip(
        small_docx(tmp_path / "a.docx"), tmp_path / "bomb.docx", {"word/media/image1.png": bytes(64 * 2**20)}
    )
    assert bomb.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match="zip bomb"):
            read_source(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20
    assert "zip bomb" in refusal(bomb, capsys)


def test_xml_entity_bomb_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = small_docx(tmp_path / "a.docx")
    with zipfile.ZipFile(source) as archive:
        document = archive.read("word/document.xml").decode()
    laughs = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]>"
    )
    head, _, rest = document.partition("?>")
    bomb = rezip(source, tmp_path / "laughs.docx", {"word/document.xml": f"{head}?>{laughs}{rest}".encode()})
    assert "declares a DTD" in refusal(bomb, capsys)


def test_an_oversized_xml_part_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_XML_PART", 4096)
    assert "MiB of XML" in refusal(small_docx(tmp_path / "a.docx"), capsys)


def test_pictures_are_not_unpacked_to_read_the_text(tmp_path: Path) -> None:
    """A 40 MB picture (incompressible) costs neither memory nor time when the text is read."""
    noise = io.BytesIO()
    with open("/dev/urandom", "rb") as random:
        noise.write(random.read(40 * 2**20))
    heavy = rezip(
        small_docx(tmp_path / "a.docx"), tmp_path / "heavy.docx", {"word/media/photo.jpeg": noise.getvalue()}
    )
    del noise
    tracemalloc.start()
    try:
        source = read_source(heavy)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "Parties [shall][should] cooperate." in source.text
    assert peak < 16 * 2**20
