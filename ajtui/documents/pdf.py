"""The official document as PDF, through reportlab (imported when used).

The text is set in DejaVu Sans Condensed, embedded from the package (`fonts/`, with its
licence), so õ ä ö ü š ž print right and the text can be selected and searched. Each of the
author's lines is printed as one line: a line too wide for its column is set in a smaller
size (down to `MIN_SIZE`) rather than wrapped, so that importing the PDF reads the same
lines back. Only a line too wide even then wraps. Tables are ruled (what a PDF reader —
and the importer — recognises as a table); the duty table repeats its header row on each
page; the footer has "Lk N".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from importlib import resources
from xml.sax.saxutils import escape

from ajtui.documents.layout import Block, DutyTable, FieldTable, Page, Para

FONT = "AjDejaVuSansCondensed"
BOLD = "AjDejaVuSansCondensed-Bold"
SIZE = 10.0
MIN_SIZE = 6.5
#: role -> (font, size, alignment: 0 left, 1 centre, 2 right, space before)
_ROLES: dict[str, tuple[str, float, int, float]] = {
    "stamp": (FONT, SIZE, 2, 0),
    "title": (BOLD, 14, 1, 14),
    "heading": (BOLD, 11, 0, 12),
    "subheading": (BOLD, SIZE, 0, 8),
    "body": (FONT, SIZE, 0, 4),
    "bullet": (FONT, SIZE, 0, 1),
    "signature": (FONT, SIZE, 0, 6),
}
_PAD = 4.0  # a table cell's padding, each side
#: top and bottom margin: a little more than a tenth of A4's height (importer/pdf.py MARGIN_BAND)
MARGIN = 0.1 * 842 + 4
_BULLET_INDENT = 12.0


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources.files("ajtui.documents") / "fonts"
    for name, file in ((FONT, "DejaVuSansCondensed.ttf"), (BOLD, "DejaVuSansCondensed-Bold.ttf")):
        with resources.as_file(fonts / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


class _Writer:
    def __init__(self, width: float) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.width = width
        self._style_cache: dict[tuple, ParagraphStyle] = {}

    def style(self, role: str, size: float, bold: bool = False, indent: float = 0.0):
        key = (role, size, bold, indent)
        st = self._style_cache.get(key)
        if st is None:
            from reportlab.lib.styles import ParagraphStyle

            font, _, align, before = _ROLES[role]
            st = ParagraphStyle(
                f"{role}-{size}-{bold}-{indent}",
                fontName=BOLD if bold else font,
                fontSize=size,
                leading=size * 1.25,
                alignment=align,
                spaceBefore=before,
                leftIndent=indent,
                bulletIndent=0,
                bulletFontName=FONT,
            )
            self._style_cache[key] = st
        return st

    def para(self, role: str, text: str, width: float, *, bold: bool = False, bullet: str = ""):
        """A paragraph whose every line fits `width` at the largest size that lets it."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import XPreformatted

        font, size, _, _ = _ROLES[role]
        if bold:
            font = BOLD
        indent = _BULLET_INDENT if bullet else 0.0
        lines = text.split("\n")
        widest = max(stringWidth(line, font, size) for line in lines)
        room = width - indent - 1
        if widest > room:
            size = max(MIN_SIZE, int(size * room / widest * 4) / 4)
        st = self.style(role, size, bold, indent)
        # preformatted: the author's lines and spaces as they are, wrapped only when too wide
        return XPreformatted(escape(text), st, bulletText=bullet or None)

    def table(self, rows, widths, header: bool):
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitByRow=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                    ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        t.spaceBefore = 4
        return t

    def block(self, block: Block) -> list:
        w = self.width
        if isinstance(block, Para):
            return [self.para(block.role, block.text, w, bold=block.strong, bullet=block.mark)]
        if isinstance(block, FieldTable):
            lw, vw = w * 0.3, w * 0.7
            rows = [
                [
                    self.para("body", label, lw - 2 * _PAD, bold=True),
                    self.para("body", value, vw - 2 * _PAD),
                ]
                for label, value in block.rows
            ]
            return [self.table(rows, [lw, vw], False)]
        if isinstance(block, DutyTable):
            dw, rw = w * 0.5, w * 0.5
            rows = []
            if block.columns:
                rows.append(
                    [
                        self.para("body", c, cw - 2 * _PAD, bold=True)
                        for c, cw in zip(block.columns, (dw, rw))
                    ]
                )
            for number, text, results in block.rows:
                duty = self.para("body", f"{number} {text}" if text else number, dw - 2 * _PAD)
                res = [self.para("bullet", r, rw - 2 * _PAD, bullet="•") for r in results]
                rows.append([duty, res or ""])
            return [self.table(rows, [dw, rw], bool(block.columns))]
        raise TypeError(type(block).__name__)  # pragma: no cover - layout makes no other


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(doc.pagesize[0] / 2, 28, f"Lk {canvas.getPageNumber()}")
    canvas.restoreState()


class PdfFile:
    """An A4 PDF with the fonts, margins and page numbers every ajtui document has:
    `doc.width` to lay out with, `build(story)` for the bytes."""

    def __init__(self, title: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm
        from reportlab.platypus import SimpleDocTemplate

        _register_fonts()
        self._buf = io.BytesIO()
        self.doc = SimpleDocTemplate(
            self._buf,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            # the body stays out of the top and bottom tenth of the page, where the importer
            # looks for running headers and footers (a line that recurs there is dropped)
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            creator="ajtui",
            invariant=1,
        )

    def build(self, story: list) -> bytes:
        self.doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
        return self._buf.getvalue()


def to_pdf(pages: Sequence[Page]) -> bytes:
    """The pages as one PDF, each description from a new page."""
    from reportlab.platypus import PageBreak

    pdf = PdfFile(pages[0].name if len(pages) == 1 and pages[0].name else "Ametijuhendid")
    writer = _Writer(pdf.doc.width)
    story: list = []
    for i, page in enumerate(pages):
        if i:
            story.append(PageBreak())
        for block in page.blocks:
            story.extend(writer.block(block))
    return pdf.build(story)
