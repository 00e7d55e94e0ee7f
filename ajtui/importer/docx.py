"""DOCX -> blocks: the package's XML read with lxml.

The body is read in order: paragraphs become `Line`s (a paragraph boundary is a new block:
`Line.para`; a manual line break inside a paragraph stays a line break), tables become
`Row`s with their cells kept apart (merged cells counted once, see `_table`). List
paragraphs are bullets; Word's automatic numbering ("3.1.") is rendered as Word shows it,
because the duty and section numbers are often not typed but numbered. The first page
header is read when it holds the approval stamp (it sometimes does); otherwise it is a
running header, and footers are page furniture.

Only the parts the text needs are parsed (the body, styles, numbering, the first header):
python-docx's `Document()` parses every part of the package and looks a paragraph's style
up by scanning the style list, which made a Word import take several times the library's
own paragraph walk. Imported lazily.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib

from ajtui.importer.blocks import Block, Line, Row, fold, to_lines
from ajtui.importer.errors import SourceError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Parts larger than this when unpacked are refused (a description is a few pages).
MAX_PART_BYTES = 64 * 1024 * 1024


def read_docx(path: str) -> list[Block]:
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - python-docx depends on lxml
        raise SourceError("reading .docx needs lxml (pip install lxml)") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise SourceError("not a Word .docx file (a zip archive without word/document.xml)")

            def part(name: str):
                if name not in names:
                    return None
                if z.getinfo(name).file_size > MAX_PART_BYTES:
                    raise SourceError(f"not a readable .docx ({name} is too large unpacked)")
                return etree.fromstring(z.read(name), parser)

            document = part("word/document.xml")
            styles = part("word/styles.xml")
            numbering_root = part("word/numbering.xml")
            header = _first_header(document, part("word/_rels/document.xml.rels"), part)
    except SourceError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise SourceError("not a Word .docx file (a damaged zip archive)") from None
    except etree.XMLSyntaxError:
        raise SourceError("not a readable .docx (its XML is broken)") from None
    except Exception as e:  # anything else a broken archive member raises
        raise SourceError(f"not a readable .docx ({type(e).__name__})") from None
    body = document.find(f"{_W}body") if document is not None else None
    if body is None:
        raise SourceError("not a readable .docx (no document body)")
    numbering = _Numbering(numbering_root, styles)
    blocks: list[Block] = []
    if header is not None:
        try:
            for el in header.iterchildren():
                _element(el, numbering, blocks)
        except Exception:
            blocks = []  # a header we cannot read is furniture
        if not _holds_stamp(blocks):
            blocks = []  # a running header ("Näidisamet · ametijuhend"): furniture
    for el in body.iterchildren():
        _element(el, numbering, blocks)
    if not any(isinstance(b, Row) or b.text for b in blocks):
        raise SourceError("no text in the document")
    return blocks


def _holds_stamp(blocks: list[Block]) -> bool:
    """A page header is read only for the approval stamp or directive it may hold."""
    from ajtui.importer.header import is_directive_start, is_stamp_start

    lines = [x for b in blocks for x in (b.flatten() if isinstance(b, Row) else [b])]
    return any(is_stamp_start(x) or is_directive_start(x) for x in lines)


def _first_header(document, rels, part):
    """The first section's own page header (the body's first w:sectPr, its default
    header), or None when it has none."""
    if document is None or rels is None:
        return None
    sect = next(document.iter(f"{_W}sectPr"), None)
    if sect is None:
        return None
    ref = next(
        (
            h
            for h in sect.iterchildren(f"{_W}headerReference")
            if h.get(f"{_W}type", "default") == "default"
        ),
        None,
    )
    if ref is None:
        return None
    rid = ref.get(f"{_R}id")
    target = next(
        (r.get("Target") for r in rels.iterchildren(f"{_REL}Relationship") if r.get("Id") == rid),
        None,
    )
    if not target or r"://" in target:
        return None
    name = (
        target.lstrip("/")
        if target.startswith("/")
        else posixpath.normpath(posixpath.join("word", target))
    )
    return part(name)


def _element(el, numbering, out: list[Block]) -> None:
    tag = el.tag.rsplit("}", 1)[-1]
    if tag == "p":
        for box in _text_boxes(el):
            for child in box.iterchildren():
                _element(child, numbering, out)
        out.extend(_paragraph(el, numbering))
    elif tag == "tbl":
        _table(el, numbering, out)
    elif tag == "sdt":
        content = el.find(f"{_W}sdtContent")
        if content is not None:
            for child in content.iterchildren():
                _element(child, numbering, out)
    elif tag == "customXml":
        for child in el.iterchildren():
            _element(child, numbering, out)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _text_boxes(p) -> list:
    """The text boxes anchored in a paragraph (a stamp or a title is often set in one),
    read before its own text; the copy Word keeps for old readers (mc:Fallback) is
    skipped, and so are boxes inside boxes (read with their box)."""
    out = []
    for box in p.iter(f"{_W}txbxContent"):
        up = box.getparent()
        nested = False
        while up is not None and up is not p:
            if up.tag == f"{_MC}Fallback" or up.tag == f"{_W}txbxContent":
                nested = True
                break
            up = up.getparent()
        if not nested:
            out.append(box)
    return out


def _paragraph(el, numbering) -> list[Line]:
    text = _text(el)
    style, style_el = numbering.style_of(el)
    prefix, bullet = numbering.label(el, style_el)
    lines = to_lines(text)
    if not lines:
        return []
    heading = style.lower().startswith(("heading", "pealkiri", "title"))
    if prefix and not lines[0].mark:
        lines[0].text = f"{prefix} {lines[0].text}"
    if bullet and not lines[0].mark:
        lines[0].mark = "glyph"
    if not lines[0].mark and "list" in style.lower() and not prefix:
        lines[0].mark = "glyph"
    lines[0].para = True
    lines[0].gap = max(lines[0].gap, 1)
    for line in lines:
        line.heading = heading
    return lines


def _table(el, numbering, out: list[Block]) -> None:
    """A table's rows from its XML, so that merged cells are seen as Word shows them: a
    cell spanning columns (gridSpan) is one cell; a cell merged down (vMerge) gives its
    text once, and a row whose first cell is merged from the row above is part of that
    row (a label cell over two values, a duty cell over two results): its other cells go
    on the cells above them. The header row of a table split in two (the same first row
    again, after a page break) is page furniture and is dropped."""
    first = True
    last: tuple[Row, list[int]] | None = None  # the previous row and its cells' columns
    for tr in _children(el, "tr"):
        cells: list[list[Line]] = []
        cols: list[int] = []
        merged: list[bool] = []
        col = 0
        for tc in _children(tr, "tc"):
            cols.append(col)
            col += _span(tc)
            merged.append(_merged_from_above(tc))
            if merged[-1]:
                cells.append([])
                continue
            lines: list[Line] = []
            for child in tc.iterchildren():
                if child.tag == f"{_W}tcPr":
                    continue
                part: list[Block] = []
                _element(child, numbering, part)
                for b in part:
                    lines.extend(b.flatten() if isinstance(b, Row) else [b])
            if lines:
                lines[0].para = False
                lines[0].gap = 0
            cells.append(lines)
        filled = [c for c in cells if c]
        if not filled:
            continue
        if merged and merged[0] and last is not None:
            above, above_cols = last
            for c, cell in zip(cols, cells):
                if cell and c in above_cols:
                    target = above.cells[above_cols.index(c)]
                    if target:
                        cell[0].para = True
                    target.extend(cell)
                elif cell:
                    above.cells.append(cell)
            continue
        if first:
            first = False
            key = tuple(fold(" ".join(x.text for x in c)) for c in cells)
            # the same first row as the table just before, with no text between them: a
            # table split in two (two annexes may well start their tables alike)
            if (
                len(filled) > 1
                and key in numbering.table_heads
                and numbering.table_end == (id(out), len(out))
            ):
                continue
            numbering.table_heads.add(key)
        if len(filled) == 1:
            filled[0][0].para = True
            filled[0][0].gap = 1
            out.extend(filled[0])
            last = None
        else:
            row = Row(cells, gap=1)
            out.append(row)
            last = (row, cols)
    numbering.table_end = (id(out), len(out))


def _span(tc) -> int:
    pr = tc.find(f"{_W}tcPr")
    span = pr.find(f"{_W}gridSpan") if pr is not None else None
    try:
        return max(1, int(span.get(f"{_W}val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _children(el, tag: str):
    """The w:tr of a table or the w:tc of a row, also those inside content controls."""
    for child in el.iterchildren():
        name = child.tag.rsplit("}", 1)[-1]
        if name == tag:
            yield child
        elif name == "sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _children(content, tag)


def _merged_from_above(tc) -> bool:
    pr = tc.find(f"{_W}tcPr")
    vmerge = pr.find(f"{_W}vMerge") if pr is not None else None
    return vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"


class _Numbering:
    """Word's automatic numbering, rendered as Word shows it ('3.1.')."""

    def __init__(self, root, styles) -> None:
        self.nums: dict[str, str] = {}  # numId -> abstractNumId
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # fmt, text, start
        self.counters: dict[str, list[int]] = {}
        #: paragraph styles: styleId -> (name, w:style element); the default under None
        self.styles: dict[str | None, tuple[str, object]] = {}
        #: The first rows of the tables read so far (to know a split table's header row).
        self.table_heads: set[tuple[str, ...]] = set()
        #: Where the last table ended (the list it went to, its length then).
        self.table_end: tuple[int, int] | None = None
        if styles is not None:
            for st in styles.iterchildren(f"{_W}style"):
                if st.get(f"{_W}type") != "paragraph":
                    continue
                entry = (_val(st.find(f"{_W}name")) or "", st)
                self.styles[st.get(f"{_W}styleId")] = entry
                if st.get(f"{_W}default") in ("1", "true", "on"):
                    self.styles[None] = entry
        if root is None:
            return
        for ab in root.findall(f"{_W}abstractNum"):
            aid = ab.get(f"{_W}abstractNumId")
            for lvl in ab.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = int(_val(lvl.find(f"{_W}start")) or "1")
                self.levels[(aid, ilvl)] = (fmt, text, start)
        for num in root.findall(f"{_W}num"):
            self.nums[num.get(f"{_W}numId")] = _val(num.find(f"{_W}abstractNumId")) or ""

    def style_of(self, p) -> tuple[str, object]:
        """(style name, w:style element) of a paragraph; an unknown style is the default
        one, as Word (and python-docx) take it."""
        ppr = p.find(f"{_W}pPr")
        pstyle = ppr.find(f"{_W}pStyle") if ppr is not None else None
        sid = _val(pstyle)
        return self.styles.get(sid) or self.styles.get(None) or ("", None)

    def label(self, p, style_el) -> tuple[str, bool]:
        """(the number Word shows, is it a bullet)."""
        num_id, ilvl = _num_pr(p)
        if num_id is None and style_el is not None:
            num_id, ilvl = _num_pr(style_el)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return "", False
        aid = self.nums[num_id]
        fmt, text, start = self.levels.get((aid, ilvl), ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "", True
        if fmt == "none":
            return "", False
        counters = self.counters.setdefault(aid, [0] * 10)
        for k in range(ilvl + 1, 10):
            counters[k] = 0
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start

        def render(k: int) -> str:
            f, _, s = self.levels.get((aid, k), ("decimal", "", 1))
            n = counters[k] or s
            if f in ("lowerLetter", "upperLetter"):
                ch = chr(ord("a") + (n - 1) % 26)
                return ch.upper() if f == "upperLetter" else ch
            if f in ("lowerRoman", "upperRoman"):
                r = _roman(n)
                return r if f == "upperRoman" else r.lower()
            return str(n)

        out = text
        for k in range(9, -1, -1):
            out = out.replace(f"%{k + 1}", render(k))
        return out.strip(), False


_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


#: Inline containers whose runs Word shows: links, tracked insertions, content controls
#: (templates put the values of fields in them), smart tags, simple fields, custom XML.
_INLINE = {
    f"{_W}{t}"
    for t in (
        "hyperlink",
        "ins",
        "moveTo",
        "smartTag",
        "fldSimple",
        "customXml",
        "sdt",
        "sdtContent",
    )
}


def _text(p) -> str:
    """A paragraph's text as Word shows it: its runs, and the runs inside links, content
    controls and tracked insertions (python-docx's `Paragraph.text` leaves the last two
    out, so the value typed into a template's field was lost); not deleted text."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == f"{_W}r":
                for e in child.iterchildren():
                    t = e.tag
                    if t == f"{_W}t":
                        out.append(e.text or "")
                    elif t == f"{_W}br":
                        if e.get(f"{_W}type", "textWrapping") == "textWrapping":
                            out.append("\n")
                    elif t in _RUN_TEXT:
                        out.append(_RUN_TEXT[t])
            elif tag in _INLINE:
                walk(child)

    walk(p)
    return "".join(out)


def _val(el) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _num_pr(el) -> tuple[str | None, int]:
    ppr = el.find(f"{_W}pPr")
    if ppr is None:
        return None, 0
    numpr = ppr.find(f"{_W}numPr")
    if numpr is None:
        return None, 0
    num_id = _val(numpr.find(f"{_W}numId"))
    ilvl = _val(numpr.find(f"{_W}ilvl"))
    return num_id, int(ilvl or 0)


def _roman(n: int) -> str:
    out = ""
    for v, s in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out += s
            n -= v
    return out
