"""PDF -> blocks, through pdfplumber.

pdfplumber (a maintained library on top of pdfminer.six) is used because it keeps table
cells apart: a ruled table (the duty | results table, a label | value grid) becomes `Row`s,
so the recognisers do not have to untangle interleaved columns. Text outside tables becomes
`Line`s in reading order; a vertical gap of more than half a line height becomes a blank
line, a page break three.

Page furniture is dropped here, before any recogniser sees it:

- a running header or footer: a line in the top or bottom margin band that comes back on
  other pages (digits aside: "Lk 2/3", "Versioon 2 · lk 3");
- a table's header row repeated at the top of a later page ("Ülesanne | Tulemus"): a row
  whose cells read as the first row of a table on an earlier page;
- page numbers (in `to_lines`).

Imported lazily: only a PDF import pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, Row, fold, to_lines
from .sources import SourceError

#: The top and bottom bands of a page where running headers and footers stand.
MARGIN_BAND = 0.1


@dataclass
class _Item:
    top: float
    order: int
    block: Block
    #: the folded text of a margin line (a running header/footer candidate), else "".
    running: str = ""
    #: the folded cells of a table's first row, else None.
    head: tuple[str, ...] | None = None


def read_pdf(path: str) -> list[Block]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a runtime dependency
        raise SourceError("reading PDF needs pdfplumber (pip install pdfplumber)") from None
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many kinds
        raise SourceError(_why(e)) from None
    pages: list[list[_Item]] = []
    chars = 0
    try:
        with pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                pages.append(_page(page))
    except SourceError:
        raise
    except Exception as e:
        raise SourceError(_why(e)) from None
    if not chars:
        raise SourceError("no text in the PDF (a scanned image?); run OCR on it first, "
                          "e.g. ocrmypdf")
    blocks = _without_furniture(pages)
    if not blocks:
        raise SourceError("no readable text in the PDF")
    return blocks


def _why(e: Exception) -> str:
    # pdfplumber wraps pdfminer's error (PdfminerException(PDFPasswordIncorrect()))
    causes = [e, *[a for a in e.args if isinstance(a, Exception)], e.__cause__, e.__context__]
    names = " ".join(type(c).__name__ for c in causes if c is not None)
    if "Password" in names or "Encrypt" in names:
        return "encrypted PDF; remove the password first"
    inner = next((a for a in e.args if isinstance(a, Exception)), e)
    detail = str(inner).splitlines()[0][:80] if str(inner) else type(inner).__name__
    return f"not a readable PDF ({detail})"


def _key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", fold(text)).split())


def _without_furniture(pages: list[list[_Item]]) -> list[Block]:
    running: dict[str, int] = {}
    for items in pages:
        for key in {it.running for it in items if it.running}:
            running[key] = running.get(key, 0) + 1
    heads: set[tuple[str, ...]] = set()
    blocks: list[Block] = []
    for pno, items in enumerate(pages):
        page_blocks: list[Block] = []
        page_heads = []
        for it in items:
            if it.running and running[it.running] > 1:
                continue
            if it.head is not None:
                if pno and it.head in heads:
                    continue          # the header row again, on a later page
                page_heads.append(it.head)
            page_blocks.append(it.block)
        heads.update(page_heads)
        if page_blocks and pno:
            page_blocks[0].gap = max(page_blocks[0].gap, 3)
        blocks.extend(page_blocks)
    return blocks


def _page(page) -> list[_Item]:
    items: list[_Item] = []
    try:
        tables = page.find_tables()
    except Exception:
        tables = []
    outside = page
    for t in tables:
        try:
            outside = outside.outside_bbox(t.bbox, strict=False)
        except Exception:
            continue
    height = float(page.height) or 842.0
    band = MARGIN_BAND * height
    prev_bottom = None
    line_height = 0.0
    for k, ln in enumerate(outside.extract_text_lines(return_chars=False)):
        top, bottom = float(ln["top"]), float(ln["bottom"])
        line_height = bottom - top or line_height or 10.0
        gap = 0
        if prev_bottom is not None and top - prev_bottom > 0.5 * line_height:
            gap = 1 + int((top - prev_bottom) / (2.5 * line_height))
        prev_bottom = bottom
        margin = top < band or bottom > height - band
        key = _key(ln["text"]) if margin else ""
        for j, line in enumerate(to_lines(ln["text"])):
            line.gap = gap if j == 0 else 0
            items.append(_Item(top, k, line, key))
    for t in tables:
        rows = t.extract()
        first = True
        for r, (row, cells) in enumerate(zip(t.rows, rows)):
            top = float(row.bbox[1])
            texts = list(cells)
            filled = [c for c in texts if c and c.strip()]
            if not filled:
                continue
            head = None
            if first:
                head = tuple(_key(c or "") for c in texts)
                first = False
            if len(filled) == 1:
                for j, line in enumerate(to_lines(filled[0])):
                    items.append(_Item(top, 10_000 + r, line, head=head if j == 0 else None))
                continue
            items.append(_Item(top, 10_000 + r, Row([to_lines(c or "") for c in texts], gap=1),
                               head=head))
    items.sort(key=lambda x: (x.top, x.order))
    return items
