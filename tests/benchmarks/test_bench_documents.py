"""`aj export --to pdf` of 100 descriptions into one file, against the floor: the same
library (reportlab, the same embedded font) writing the same number of pages of plain text
— each description's `.aj` lines drawn on a canvas, page after page, no layout. The export
lays out the stamp, headings, ruled tables split over pages with their header rows, and
fits each line to its column; the target is at most 3× the floor.

`BENCH_DOCUMENTS_COUNT` for fewer descriptions.
"""

from __future__ import annotations

import io
import os

import pytest

from ajtui.documents import render
from ajtui.format.parser import loads

from tests.benchmarks.harness import measure, record
from tests.helpers.corpus import texts

COUNT = int(os.environ.get("BENCH_DOCUMENTS_COUNT", "100"))


@pytest.fixture(scope="module")
def corpus() -> tuple[list, list[str]]:
    sources = texts(COUNT, seed=17)
    return [loads(t) for t in sources], sources


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(data))


def _plain(sources: list[str], pages: int) -> bytes:
    """`pages` A4 pages of the descriptions' lines in the export's font, 60 lines a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from ajtui.documents.pdf import FONT, _register_fonts

    _register_fonts()
    lines = [line for text in sources for line in text.splitlines()]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    k = 0
    for _ in range(pages):
        c.setFont(FONT, 10)
        y = A4[1] - 90
        for _ in range(60):
            c.drawString(57, y, lines[k % len(lines)])
            k += 1
            y -= 11
        c.showPage()
    c.save()
    return buf.getvalue()


def test_export_pdf(corpus):
    docs, sources = corpus
    pages = _pages(render(docs, "pdf"))
    t = measure(
        {
            "aj": lambda: render(docs, "pdf"),
            "floor": lambda: _plain(sources, pages),
        },
        rounds=3,
        cpu=True,
    )
    record(
        "documents",
        f"aj export --to pdf, {COUNT} descriptions ({pages} pages) into one file",
        t["aj"],
        f"reportlab: {pages} pages of plain text, same font",
        t["floor"],
        target=3.0,
        note="stamp, headings, ruled tables split by row with header rows, lines fitted",
    )


def test_export_docx(corpus):
    docs, sources = corpus
    pages = _pages(render(docs, "pdf"))
    t = measure(
        {"aj": lambda: render(docs, "docx"), "floor": lambda: _plain(sources, pages)},
        rounds=3,
        cpu=True,
    )
    record(
        "documents",
        f"aj export --to docx, {COUNT} descriptions into one file",
        t["aj"],
        f"reportlab: {pages} pages of plain text (the PDF floor)",
        t["floor"],
        note="for scale only: python-docx has no plain-text writer of its own to compare with",
    )
