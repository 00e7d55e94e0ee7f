"""PDF -> blocks, through pdfplumber.

pdfplumber (a maintained library on top of pdfminer.six) is used because it keeps table
cells apart: a ruled table (the duty | results table, a label | value grid) becomes `Row`s,
so the recognisers do not have to untangle interleaved columns. Text outside tables becomes
`Line`s in reading order; a vertical gap of more than half a line height becomes a blank
line, a page break three.

A general part set as a table without rulings (no table for pdfplumber to find) is read
as rows too: a label column and a value column are told from where the lines' word runs
start (`_borderless_grids`), so a value that wraps beside a label set in the middle of its
cell does not land under the neighbouring label.

Page furniture is dropped here, before any recogniser sees it:

- a running header or footer: a line in the top or bottom margin band that comes back on
  other pages (digits aside: "Lk 2/3", "Versioon 2 · lk 3");
- a table's header row repeated at the top of a later page ("Ülesanne | Tulemus"): a
  page's first row whose cells read as the first row of a table on an earlier page (not
  elsewhere: two annexes may well start their tables alike);
- page numbers (in `to_lines`).

Imported lazily: only a PDF import pays for it.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from ajtui.importer.blocks import Block, Line, Row, fold, to_lines
from ajtui.importer.errors import SourceError
from ajtui.importer.furniture import body_follows, starts_something

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
    # pdfminer logs what it repairs in a damaged file ("Could not get FontBBox …") to
    # stderr; the import says what went wrong in one line of its own
    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    pages: list[list[_Item]] = []
    chars = 0
    try:
        try:
            pdf = pdfplumber.open(path)
        except Exception as e:  # pdfminer raises many kinds
            raise SourceError(_why(e)) from None
        with pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                pages.append(_page(page))
    except SourceError:
        raise
    except Exception as e:
        raise SourceError(_why(e)) from None
    finally:
        log.setLevel(level)
    if not chars:
        raise SourceError(
            "no text in the PDF (a scanned image?); run OCR on it first, e.g. ocrmypdf"
        )
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
    detail = str(inner).splitlines()[0] if str(inner).strip() else type(inner).__name__
    # the message may quote the file's bytes: only printable text, and short
    detail = re.sub(r"\\x[0-9a-f]{2}|[^\w .,:;!?/'()\[\]=-]", "?", detail)[:80]
    return f"not a readable PDF ({detail})"


def _key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", fold(text)).split())


def _without_furniture(pages: list[list[_Item]]) -> list[Block]:
    # a margin line that starts something (a stamp, "Lisa 2", a title above "1. Üldosa")
    # is no running header even when every page has it: each annex starts a page
    for items in pages:
        lines = [(it, it.block) for it in items if isinstance(it.block, Line)]
        for k, (it, line) in enumerate(lines):
            if it.running and (
                starts_something(line) or body_follows([x for _, x in lines[k + 1 : k + 4]])
            ):
                it.running = ""
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
                if pno and not page_blocks and it.head in heads:
                    continue  # the header row again, at the top of a later page
                page_heads.append(it.head)
            page_blocks.append(it.block)
        heads.update(page_heads)
        if page_blocks and pno:
            page_blocks[0].gap = max(page_blocks[0].gap, 3)
        blocks.extend(page_blocks)
    return blocks


def _all_bold(chars) -> bool:
    """Every visible character of the line in a bold face ("Arial-BoldMT", "Calibri,Bold")."""
    seen = False
    for c in chars:
        if not c.get("text", "").strip():
            continue
        if "bold" not in str(c.get("fontname", "")).lower():
            return False
        seen = True
    return seen


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
    text_lines = outside.extract_text_lines(return_chars=True)
    grids = _borderless_grids(text_lines, outside)
    for k, ln in enumerate(text_lines):
        if k in grids:
            for row_top, row in grids[k]:
                items.append(_Item(row_top, k, row))
            prev_bottom = None
            continue
        if ln.get("grid"):
            continue
        top, bottom = float(ln["top"]), float(ln["bottom"])
        line_height = bottom - top or line_height or 10.0
        gap = 0
        if prev_bottom is not None and top - prev_bottom > 0.5 * line_height:
            gap = 1 + int((top - prev_bottom) / (2.5 * line_height))
        prev_bottom = bottom
        margin = top < band or bottom > height - band
        key = _key(ln["text"]) if margin else ""
        bold = _all_bold(ln.get("chars") or ())
        for j, line in enumerate(to_lines(ln["text"])):
            line.gap = gap if j == 0 else 0
            # a line set wholly in a bold face is what a Word heading style is in a PDF
            line.heading = bold
            items.append(_Item(top, k, line, key))
    for t in tables:
        rows = t.extract()
        first = True
        above: Row | None = None
        for r, (row, cells) in enumerate(zip(t.rows, rows)):
            top = float(row.bbox[1])
            texts = list(cells)
            filled = [c for c in texts if c and c.strip()]
            if not filled:
                continue
            if texts and texts[0] is None and above is not None and len(above.cells) == len(texts):
                # the first cell spans this row too (None: no cell of its own here): a
                # label over two values, a duty over two results; its other cells go on
                # the cells above them
                for cell, text in zip(above.cells, texts):
                    more = to_lines(text or "")
                    if more and cell:
                        more[0].para = True
                    cell.extend(more)
                continue
            head = None
            if first:
                head = tuple(_key(c or "") for c in texts)
                first = False
            if len(filled) == 1:
                above = None
                for j, line in enumerate(to_lines(filled[0])):
                    items.append(_Item(top, 10_000 + r, line, head=head if j == 0 else None))
                continue
            above = Row([to_lines(c or "") for c in texts], gap=1)
            items.append(_Item(top, 10_000 + r, above, head=head))
    items.sort(key=lambda x: (x.top, x.order))
    return items


# --- a label | value grid without rulings ---------------------------------------------------

#: A gap between words wider than this many font heights separates two columns.
COLUMN_GAP = 1.2


def _segments(words: list[dict]) -> list[tuple[float, float, str]]:
    """(x0, x1, text) of the runs of a line's words that stand apart as columns."""
    out: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["x0"]):
        size = float(w["bottom"]) - float(w["top"]) or 10.0
        if out and float(w["x0"]) - float(out[-1][-1]["x1"]) <= COLUMN_GAP * size:
            out[-1].append(w)
        else:
            out.append([w])
    return [(float(g[0]["x0"]), float(g[-1]["x1"]), " ".join(w["text"] for w in g)) for g in out]


def _is_label(text: str) -> bool:
    from ajtui.importer.blocks import split_bullet

    words = text.split()
    if not words or len(words) > 6 or split_bullet(text)[0] or text.rstrip().endswith((".", ";")):
        return False
    return any(len(w) >= 3 and w[:1].isalpha() for w in words)


def _borderless_grids(lines: list[dict], page) -> dict[int, list[tuple[float, Row]]]:
    """A general part laid out as a table without rulings (a label column and a value
    column) comes out of the text lines with the value's wrapped lines on lines of their
    own, and a label set in the middle of its cell between them: read line by line, the
    values land under the wrong labels. Such a run of lines is read as rows here: every
    value line goes to the label beside it or, when the labels stand alone, to the label
    whose middle is nearest. {index of the run's first line: [(top, Row)]}; the run's
    other lines get `grid`."""
    if len(lines) < 3:
        return {}
    try:
        words = page.extract_words()
    except Exception:
        return {}
    words.sort(key=lambda w: float(w["top"]))
    tops = [float(w["top"]) for w in words]
    segs: list[list[tuple[float, float, str]]] = []
    for ln in lines:
        top, bottom = float(ln["top"]), float(ln["bottom"])
        lo, hi = bisect.bisect_left(tops, top - 1), bisect.bisect_right(tops, bottom + 1)
        mine = [w for w in words[lo:hi] if float(w["bottom"]) <= bottom + 1]
        segs.append(_segments(mine) if mine else [])
    # the label and value columns: voted for by each line of two runs (label, value) and
    # each lone label between two lone value lines further right
    votes: list[tuple[float, float]] = []
    for k, sg in enumerate(segs):
        if len(sg) == 2 and _is_label(sg[0][2]):
            votes.append((sg[0][0], sg[1][0]))
        elif len(sg) == 1 and 0 < k < len(segs) - 1 and _is_label(sg[0][2]):
            up, down = segs[k - 1], segs[k + 1]
            if (
                len(up) == 1
                and len(down) == 1
                and abs(up[0][0] - down[0][0]) <= 3
                and up[0][0] > sg[0][1]
            ):
                votes.append((sg[0][0], up[0][0]))
    if len(votes) < 2:
        return {}

    def support(v: tuple[float, float]) -> int:
        return sum(abs(a - v[0]) <= 3 and abs(b - v[1]) <= 3 for a, b in votes)

    left, column = max(votes, key=lambda v: (support(v), -v[0]))
    if support((left, column)) < 2:
        return {}

    def kind(s) -> str:
        if (
            len(s) == 2
            and abs(s[0][0] - left) < 4
            and abs(s[1][0] - column) <= 3
            and _is_label(s[0][2])
        ):
            return "both"
        if len(s) == 1 and abs(s[0][0] - column) <= 3:
            return "value"
        if len(s) == 1 and abs(s[0][0] - left) < 4 and _is_label(s[0][2]) and s[0][1] < column:
            return "label"
        return ""

    kinds = [kind(s) for s in segs]
    # a label alone on its line is a label only between lines of its value (set in the
    # middle of its cell); elsewhere it is a heading or a line of prose
    for k, kd in enumerate(kinds):
        if kd == "label" and not (
            0 < k < len(kinds) - 1 and kinds[k - 1] == "value" and kinds[k + 1] == "value"
        ):
            kinds[k] = ""
    out: dict[int, list[tuple[float, Row]]] = {}
    i = 0
    while i < len(lines):
        if not kinds[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j]:
            j += 1
        run = range(i, j)
        labels = [k for k in run if kinds[k] in ("both", "label")]
        lone_values = [k for k in run if kinds[k] == "value"]
        if len(labels) < 2 or not lone_values:
            i = j
            continue
        while kinds[run[-1]] == "value" and run[-1] > labels[-1] + 3:
            run = range(run[0], run[-1])  # a trailing indented paragraph is no value
        top_aligned = all(kinds[k] == "both" for k in labels)
        values: dict[int, list[str]] = {k: [] for k in labels}
        for k in run:
            if kinds[k] == "both":
                values[k].append(segs[k][1][2])
            elif kinds[k] == "value":
                if top_aligned:
                    owner = max((x for x in labels if x < k), default=labels[0])
                else:
                    mid = (float(lines[k]["top"]) + float(lines[k]["bottom"])) / 2
                    owner = min(
                        labels,
                        key=lambda x: (
                            abs((float(lines[x]["top"]) + float(lines[x]["bottom"])) / 2 - mid),
                            x,
                        ),
                    )
                values[owner].append(segs[k][0][2])
        rows = []
        for k in labels:
            label_lines = to_lines(segs[k][0][2])
            value_lines = [line for v in values[k] for line in to_lines(v)]
            rows.append((float(lines[k]["top"]), Row([label_lines, value_lines], gap=1)))
        out[run[0]] = rows
        for k in run[1:]:
            lines[k]["grid"] = True
        i = run[-1] + 1
    return out
