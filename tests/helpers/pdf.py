"""A PDF written by hand (PDF syntax, the standard Helvetica font in WinAnsiEncoding, which
has õ ä ö ü š ž): text lines, rectangles and an optional image, so the importer's PDF route
is tested on files the tests make themselves."""

from __future__ import annotations

import zlib
from pathlib import Path


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class PdfPage:
    def __init__(self) -> None:
        self.ops: list[bytes] = []

    def text(self, x: float, y: float, s: str, size: int = 10) -> None:
        self.ops.append(b"BT /F1 %d Tf %.1f %.1f Td " % (size, x, y) + _pdf_string(s) + b" Tj ET")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.ops.append(b"%.1f %.1f %.1f %.1f re S" % (x, y, w, h))

    def image(self) -> None:
        self.ops.append(b"q 200 0 0 200 100 500 cm /Im1 Do Q")


def make_pdf(path: Path, pages: list[PdfPage], *, image: bool = False) -> None:
    """A minimal valid PDF: catalog, pages, Helvetica, content streams, xref."""
    objs: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % p for p in page_ids)
        + b"] /Count %d >>" % len(pages)
    )
    objs.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    img_id = 4 + 2 * len(pages)
    for i, page in enumerate(pages):
        resources = b"<< /Font << /F1 3 0 R >>"
        if image:
            resources += b" /XObject << /Im1 %d 0 R >>" % img_id
        resources += b" >>"
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources
            + b" /Contents %d 0 R >>" % (page_ids[i] + 1)
        )
        content = b"\n".join(page.ops)
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    if image:
        data = zlib.compress(bytes([128]) * 100 * 100)
        objs.append(
            b"<< /Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace "
            b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\n"
            b"stream\n" % len(data) + data + b"\nendstream"
        )
    out = b"%PDF-1.4\n"
    offsets = []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(out)
