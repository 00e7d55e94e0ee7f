"""The official document as Word (.docx), through python-docx (imported when used).

Every paragraph takes a named style (`STYLES`), so an agency's template (`--template`)
gives the document its own fonts, spacing, header, footer and logo: the template's body is
cleared, its last section (page size, margins, headers and footers, a logo in them) is
kept. A template that lacks one of the style names gives a one-line `TemplateError` naming
it. Without a template python-docx's default template is used. An empty footer gets the
page number ("Lk N").
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ajtui.documents.layout import (
    Block,
    DutyTable,
    FieldTable,
    Page,
    Para,
)

#: The paragraph and table styles the document uses: role -> the style name a template
#: must have (python-docx's default template has them all).
STYLES: dict[str, str] = {
    "stamp": "Normal",
    "title": "Title",
    "heading": "Heading 1",
    "subheading": "Heading 2",
    "body": "Normal",
    "bullet": "List Bullet",
    "signature": "Normal",
    "table": "Table Grid",
}


class TemplateError(Exception):
    """The template cannot be used (one line, for the user)."""


def _check_styles(document) -> None:
    names = {s.name for s in document.styles}
    for name in dict.fromkeys(STYLES.values()):
        if name not in names:
            raise TemplateError(
                f"the template has no style named {name!r} (needed: "
                + ", ".join(repr(n) for n in dict.fromkeys(STYLES.values()))
                + ")"
            )


def _open(template: str | None):
    import docx

    if template is None:
        return docx.Document()
    import os

    if not os.path.isfile(template):
        raise TemplateError("no such file")
    try:
        document = docx.Document(template)
    except Exception as e:  # python-docx raises many kinds for a file that is not .docx
        raise TemplateError(f"not a Word .docx file ({type(e).__name__})") from None
    _check_styles(document)
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def _lines(paragraph, text: str, bold: bool = False) -> None:
    """The text as runs with a line break (w:br) at each of the author's line breaks."""
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if bold:
            run.bold = True
        if i:
            run._r.insert(0, run._r.makeelement(_qn("w:br"), {}))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


class _Writer:
    """Blocks into one python-docx document."""

    def __init__(self, document) -> None:
        self.document = document
        # each style's id, looked up once: python-docx looks a style up by name by scanning
        # every style, which took four fifths of the time of a long export
        self.ids = {role: document.styles[name].style_id for role, name in STYLES.items()}

    def para(self, container, role: str, text: str, *, bold: bool = False):
        p = container.add_paragraph()
        self.fill(p, role, text, bold=bold)
        if role == "stamp":
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return p

    def fill(self, paragraph, role: str, text: str, *, bold: bool = False) -> None:
        paragraph._p.style = self.ids[role]
        _lines(paragraph, text, bold)

    def cell(self, cell, role: str, text: str, *, bold: bool = False) -> None:
        """A new cell has one empty paragraph: the first text goes there."""
        self.fill(cell.paragraphs[0], role, text, bold=bold)

    def table(self, rows: int, cols: int):
        t = self.document.add_table(rows=rows, cols=cols)
        t._tbl.tblStyleVal = self.ids["table"]
        return t

    def block(self, block: Block) -> None:
        if isinstance(block, Para):
            self.para(self.document, block.role, block.text, bold=block.strong)
        elif isinstance(block, FieldTable):
            t = self.table(len(block.rows), 2)
            for row, (label, value) in zip(t.rows, block.rows):
                cells = row.cells
                self.cell(cells[0], "body", label, bold=True)
                self.cell(cells[1], "body", value)
        elif isinstance(block, DutyTable):
            head = 1 if block.columns else 0
            t = self.table(len(block.rows) + head, 2)
            if block.columns:
                cells = t.rows[0].cells
                self.cell(cells[0], "body", block.columns[0], bold=True)
                self.cell(cells[1], "body", block.columns[1], bold=True)
                _repeat_header(t.rows[0])
            for row, (number, text, results) in zip(t.rows[head:], block.rows):
                cells = row.cells
                self.cell(cells[0], "body", f"{number} {text}" if text else number)
                for i, result in enumerate(results):
                    if i == 0:
                        self.cell(cells[1], "bullet", result)
                    else:
                        self.para(cells[1], "bullet", result)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(_qn("w:tblHeader"), {}))


def _page_numbers(document) -> None:
    """'Lk N' (a PAGE field) in the footer of each section whose footer is empty; a
    template's own footer is left as it is."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        footer = section.footer
        if any(p.text.strip() for p in footer.paragraphs) or footer.tables:
            continue
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("Lk ")
        run = p.add_run()
        r = run._r
        r.append(r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): "begin"}))
        instr = r.makeelement(_qn("w:instrText"), {_qn("xml:space"): "preserve"})
        instr.text = " PAGE "
        r.append(instr)
        r.append(r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): "separate"}))
        shown = r.makeelement(_qn("w:t"), {})
        shown.text = "1"  # what a reader shows before it updates the field
        r.append(shown)
        r.append(r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): "end"}))


def to_docx(pages: Sequence[Page], template: str | None = None) -> bytes:
    """The pages as one Word document, each description from a new page."""
    from docx.enum.text import WD_BREAK

    document = _open(template)
    writer = _Writer(document)
    for i, page in enumerate(pages):
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for block in page.blocks:
            writer.block(block)
    _page_numbers(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
