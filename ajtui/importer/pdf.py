"""PDF -> blocks, through pdfplumber.

pdfplumber (a maintained library on top of pdfminer.six) is used because it keeps table
cells apart: a ruled table (the duty | results table, a label | value grid) becomes `Row`s,
so the recognisers do not have to untangle interleaved columns. Text outside tables becomes
`Line`s in reading order; a vertical gap of more than half a line height becomes a blank
line, a page break three. Imported lazily: only a PDF import pays for it.
"""

from __future__ import annotations

from .blocks import Block, Row, to_lines
from .sources import SourceError


def read_pdf(path: str) -> list[Block]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a runtime dependency
        raise SourceError("reading PDF needs pdfplumber (pip install pdfplumber)") from None
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many kinds
        raise SourceError(_why(e)) from None
    blocks: list[Block] = []
    chars = 0
    try:
        with pdf:
            for pno, page in enumerate(pdf.pages):
                chars += len(page.chars)
                page_blocks = _page(page)
                if page_blocks and pno:
                    page_blocks[0].gap = max(page_blocks[0].gap, 3)
                blocks.extend(page_blocks)
    except SourceError:
        raise
    except Exception as e:
        raise SourceError(_why(e)) from None
    if not chars:
        raise SourceError("no text in the PDF (a scanned image?); run OCR on it first, "
                          "e.g. ocrmypdf")
    if not blocks:
        raise SourceError("no readable text in the PDF")
    return blocks


def _why(e: Exception) -> str:
    name = type(e).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF; remove the password first"
    detail = str(e).splitlines()[0][:80] if str(e) else name
    return f"not a readable PDF ({detail})"


def _page(page) -> list[Block]:
    items: list[tuple[float, int, Block]] = []
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
    prev_bottom = None
    height = 0.0
    for k, ln in enumerate(outside.extract_text_lines(return_chars=False)):
        top, bottom = float(ln["top"]), float(ln["bottom"])
        height = bottom - top or height or 10.0
        gap = 0
        if prev_bottom is not None and top - prev_bottom > 0.5 * height:
            gap = 1 + int((top - prev_bottom) / (2.5 * height))
        prev_bottom = bottom
        for j, line in enumerate(to_lines(ln["text"])):
            line.gap = gap if j == 0 else 0
            items.append((top, k, line))
    for t in tables:
        rows = t.extract()
        for r, (row, cells) in enumerate(zip(t.rows, rows)):
            top = float(row.bbox[1])
            texts = list(cells)
            filled = [c for c in texts if c and c.strip()]
            if not filled:
                continue
            if len(filled) == 1:
                for line in to_lines(filled[0]):
                    items.append((top, 10_000 + r, line))
                continue
            items.append((top, 10_000 + r, Row([to_lines(c or "") for c in texts], gap=1)))
    items.sort(key=lambda x: (x[0], x[1]))
    return [blk for _, _, blk in items]

