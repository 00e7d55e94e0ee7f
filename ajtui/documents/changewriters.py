"""The change table (`changetable.py`) as Word, PDF or HTML.

Word and PDF reuse the official document's set-up (`docx.py`: the style names, an empty
footer's page number; `pdf.py`: the embedded DejaVu font, A4 and its margins, "Lk N"). A
deleted word is struck through (Word: the run's `strike`; PDF: a line through it; HTML:
`<del>`), an inserted word underlined (`underline`; a line under it; `<ins>`).
"""

from __future__ import annotations

import html
import io

from ajtui.documents.changetable import COLUMNS, DELETED, INSERTED, ChangeTable, Span

FORMATS = ("docx", "pdf", "html")
COMPACT_HEADING = "Ainult numeratsioon või asukoht muutus"
MOVED_HEADING = "Ühest ametijuhendist teise tõstetud ülesanded"
NO_CHANGES = "Muudatusi ei ole."


def render(table: ChangeTable, to: str) -> bytes:
    """The table as a .docx, .pdf or .html file's bytes."""
    if to == "docx":
        return to_docx(table)
    if to == "pdf":
        return to_pdf(table)
    if to == "html":
        return to_html(table).encode("utf-8")
    raise ValueError(f"unknown format {to!r} (known: {', '.join(FORMATS)})")


# --- Word ---------------------------------------------------------------------------------------


def _docx_spans(paragraph, spans: list[Span], *, bold: bool = False) -> None:
    from ajtui.documents.docx import _qn

    for text, mark in spans:
        for i, line in enumerate(text.split("\n")):
            if i:
                br = paragraph.add_run()
                br._r.append(br._r.makeelement(_qn("w:br"), {}))
            if not line:
                continue
            run = paragraph.add_run(line)
            if bold:
                run.bold = True
            if mark == DELETED:
                run.font.strike = True
            elif mark == INSERTED:
                run.underline = True


def to_docx(table: ChangeTable) -> bytes:
    from ajtui.documents.docx import _open, _page_numbers, _repeat_header, _Writer

    document = _open(None)
    w = _Writer(document)
    w.para(document, "title", table.title)
    for line in table.intro:
        w.para(document, "body", line)
    w.para(document, "body", table.legend)
    for part in table.parts:
        w.para(document, "heading", part.title)
        if part.subtitle:
            w.para(document, "body", part.subtitle)
        for e in part.errors:
            w.para(document, "body", f"{e} (võrreldud ridade kaupa)")
        if not part.rows and not part.compact:
            w.para(document, "body", NO_CHANGES)
        if part.rows:
            t = w.table(len(part.rows) + 1, 3)
            for cell, title in zip(t.rows[0].cells, COLUMNS):
                w.cell(cell, "body", title, bold=True)
            _repeat_header(t.rows[0])
            for trow, row in zip(t.rows[1:], part.rows):
                old, new, note = trow.cells
                for cell, spans in ((old, row.old), (new, row.new)):
                    p = cell.paragraphs[0]
                    p._p.style = w.ids["body"]
                    _docx_spans(p, spans)
                p = note.paragraphs[0]
                p._p.style = w.ids["body"]
                _docx_spans(p, [(row.place, "")], bold=True)
                w.para(note, "body", row.note, bold=row.substantive)
        if part.compact:
            w.para(document, "subheading", COMPACT_HEADING)
            for line in part.compact:
                w.para(document, "bullet", line)
    if table.moved:
        w.para(document, "heading", MOVED_HEADING)
        for line in table.moved:
            w.para(document, "bullet", line)
    _page_numbers(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


def _pdf_markup(spans: list[Span]) -> str:
    out = []
    for text, mark in spans:
        t = html.escape(text, quote=False).replace("\n", "<br/>")
        if mark == DELETED:
            t = f"<strike>{t}</strike>"
        elif mark == INSERTED:
            t = f"<u>{t}</u>"
        out.append(t)
    return "".join(out)


def to_pdf(table: ChangeTable) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    from ajtui.documents.pdf import _PAD, BOLD, FONT, SIZE, PdfFile

    body = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=SIZE * 1.25)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5)
    bold_cell = ParagraphStyle("bcell", parent=cell, fontName=BOLD)
    title = ParagraphStyle(
        "title", parent=body, fontName=BOLD, fontSize=14, leading=18, alignment=1, spaceAfter=8
    )
    heading = ParagraphStyle(
        "heading", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=12
    )
    sub = ParagraphStyle("sub", parent=body, fontName=BOLD, spaceBefore=8)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=0)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(html.escape(text, quote=False).replace("\n", "<br/>"), style)

    pdf = PdfFile(table.title)
    doc = pdf.doc
    widths = [doc.width * 0.38, doc.width * 0.38, doc.width * 0.24]
    story: list = [p(table.title, title)]
    story.extend(p(line) for line in table.intro)
    story.append(p(table.legend))
    for part in table.parts:
        story.append(p(part.title, heading))
        if part.subtitle:
            story.append(p(part.subtitle))
        story.extend(p(f"{e} (võrreldud ridade kaupa)") for e in part.errors)
        if not part.rows and not part.compact:
            story.append(p(NO_CHANGES))
        if part.rows:
            rows: list[list] = [[p(c, bold_cell) for c in COLUMNS]]
            for row in part.rows:
                rows.append(
                    [
                        Paragraph(_pdf_markup(row.old), cell),
                        Paragraph(_pdf_markup(row.new), cell),
                        [
                            p(row.place, bold_cell),
                            p(row.note, bold_cell if row.substantive else cell),
                        ],
                    ]
                )
            t = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
                    ]
                )
            )
            t.spaceBefore = 4
            story.append(t)
        if part.compact:
            story.append(p(COMPACT_HEADING, sub))
            story.extend(Paragraph(html.escape(x), bullet, bulletText="•") for x in part.compact)
    if table.moved:
        story.append(p(MOVED_HEADING, heading))
        story.extend(Paragraph(html.escape(x), bullet, bulletText="•") for x in table.moved)
    return pdf.build(story)


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: "DejaVu Sans", sans-serif; max-width: 70em; margin: 2em auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: .3em .5em; vertical-align: top; text-align: left; }
td { white-space: pre-wrap; }
del { text-decoration: line-through; color: #a00; }
ins { text-decoration: underline; color: #060; }
.substantive { font-weight: bold; }
.place { font-weight: bold; display: block; }
"""


def _html_spans(spans: list[Span]) -> str:
    out = []
    for text, mark in spans:
        t = html.escape(text)
        out.append(f"<{mark}>{t}</{mark}>" if mark in (DELETED, INSERTED) else t)
    return "".join(out)


def to_html(table: ChangeTable) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="et">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(table.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(table.title)}</h1>",
    ]
    out.extend(f"<p>{e(line)}</p>" for line in table.intro)
    out.append(f'<p class="legend">{e(table.legend)}</p>')
    for part in table.parts:
        out.append(f"<h2>{e(part.title)}</h2>")
        if part.subtitle:
            out.append(f"<p>{e(part.subtitle)}</p>")
        out.extend(f"<p>{e(x)} (võrreldud ridade kaupa)</p>" for x in part.errors)
        if not part.rows and not part.compact:
            out.append(f"<p>{NO_CHANGES}</p>")
        if part.rows:
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{e(c)}</th>" for c in COLUMNS) + "</tr>")
            for row in part.rows:
                cls = ' class="substantive"' if row.substantive else ""
                out.append(
                    f"<tr><td>{_html_spans(row.old)}</td><td>{_html_spans(row.new)}</td>"
                    f'<td><span class="place">{e(row.place)}</span>'
                    f"<span{cls}>{e(row.note)}</span></td></tr>"
                )
            out.append("</table>")
        if part.compact:
            out.append(f"<h3>{COMPACT_HEADING}</h3>")
            out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in part.compact) + "</ul>")
    if table.moved:
        out.append(f"<h2>{MOVED_HEADING}</h2>")
        out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in table.moved) + "</ul>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
