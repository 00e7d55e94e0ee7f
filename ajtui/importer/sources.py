"""Reading a source file into blocks, or refusing it with one clear line.

The kind is decided by the file's first bytes (a PDF starts with `%PDF-`, a DOCX is a zip
archive), and the name's suffix only when the bytes do not say: a `.docx` that is no zip, a
`.pdf` without the PDF header, a `.doc`/`.odt`/`.rtf` are refused with what to do instead.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ajtui.base.reading import MAX_FILE_BYTES, ReadError, read_bytes
from ajtui.importer.blocks import Block
from ajtui.importer.errors import SourceError
from ajtui.importer.furniture import text_lines

#: Larger sources are refused (a description is a few pages).
MAX_SOURCE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", "")
SUFFIXES = (".txt", ".pdf", ".docx")
_UNSUPPORTED = {
    ".doc": "an old Word .doc file: save it as .docx or PDF",
    ".odt": "an OpenDocument file: save it as .docx or PDF",
    ".rtf": "an RTF file: save it as .docx or PDF",
    ".pages": "a Pages file: export it as .docx or PDF",
    ".xlsx": "a spreadsheet, not a description",
}


def read_source(path: str) -> tuple[list[Block], str, str]:
    """(blocks, the source's text for word counts, kind: 'text' | 'pdf' | 'docx')."""
    p = Path(path)
    if p.suffix.lower() in TEXT_SUFFIXES[:2]:
        # a text source gives a description as large: refused before reading it
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0  # read_bytes says why, in its words
        if size > MAX_FILE_BYTES:
            raise SourceError(too_large_text(size))
    try:
        data = read_bytes(path, MAX_SOURCE_BYTES, what="a source")
    except ReadError as e:
        raise SourceError(e.message) from None
    suffix = p.suffix.lower()
    if not data.strip():
        raise SourceError("empty file")
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        from ajtui.importer.pdf import read_pdf

        blocks = read_pdf(path)
        return blocks, _text_of(blocks), "pdf"
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        if not zipfile.is_zipfile(path):
            raise SourceError("not a Word .docx file (not a zip archive)")
        from ajtui.importer.docx import read_docx

        blocks = read_docx(path)
        return blocks, _text_of(blocks), "docx"
    if suffix == ".pdf":
        raise SourceError("not a PDF file (no %PDF header)")
    if suffix in _UNSUPPORTED:
        raise SourceError(f"unsupported: {_UNSUPPORTED[suffix]}")
    if len(data) > MAX_FILE_BYTES:  # the description would be as large: aj check refuses it
        raise SourceError(too_large_text(len(data)))
    text = decode_text(data)
    lines, counted = text_lines(text)
    return list(lines), counted, "text"  # a list[Block] (a list[Line] is not one)


def too_large_text(size: int) -> str:
    return (
        f"too large for a description ({size / 1e6:.1f} MB of text; aj check accepts "
        f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB)"
    )


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is allowed) or UTF-16 with a BOM; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError("not text (broken UTF-16)") from None
    if b"\0" in data:
        raise SourceError("binary data, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        sample = data[:4096]
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
        if controls > len(sample) // 50:
            raise SourceError("binary data, not text") from None
        raise SourceError(
            f"not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); save it as UTF-8"
        ) from None
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\f\r")
    if controls > max(8, len(text[:4096]) // 50):
        raise SourceError("binary data, not text (control characters)")
    if not any(c.isalpha() for c in text):
        raise SourceError("no text (no letters at all)")
    return text


def _text_of(blocks: list[Block]) -> str:
    from ajtui.importer.blocks import Line

    parts = []
    for b in blocks:
        if isinstance(b, Line):
            parts.append(b.text)
        else:
            parts.extend(b.texts)
    return "\n".join(parts)
