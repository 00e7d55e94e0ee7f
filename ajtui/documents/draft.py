"""The directive's draft (käskkiri): "Kinnitan järgmiste ametikohtade ametijuhendid: 1.1. …
(lisa 1); 1.2. … (lisa 2)." — every description a directive approves, with its annex
number, ready for the document register.

Laid out with the official document's roles (`layout.Para`) and drawn by its writers
(`docx.to_docx`, `pdf.to_pdf`), so the draft has the same styles, font and page set-up;
HTML is a plain page. The texts come from the approved versions (the caller reads them from
history: `aj directive N --draft`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from ajtui.documents.layout import Page, Para
from ajtui.format import model as m

FORMATS = ("docx", "pdf", "html")
TITLE = "Ametijuhendite kinnitamine"


@dataclass
class DraftEntry:
    """One description the directive approves."""

    annex: str
    title: str  # the position's title on one line
    unit: str  # its structural unit on one line
    path: str


@dataclass
class Draft:
    number: str
    date_text: str
    entries: list[DraftEntry] = field(default_factory=list)
    agency: str = ""
    #: who issues it, in the genitive as the approvals write it ("… peadirektori")
    approver: str = ""


def _line(text: str | None) -> str:
    return " ".join((text or "").split())


def entry(doc: m.Document | None, path: str, annex: str | None, order: int) -> DraftEntry:
    """A description's line: its own annex number (`lisa:` in its approval), else `order`."""
    title = unit = ""
    if doc is not None:
        title = _line(doc.general.title)
        unit = _line(doc.general.unit)
    return DraftEntry(annex or str(order), title, unit, path)


def draft(
    number: str, date_text: str, items: Sequence[tuple[m.Document | None, str, str | None]]
) -> Draft:
    """The draft of directive `number`: `items` (document, path, annex) in the directive's
    order; the agency and approver from the first approval that names them."""
    d = Draft(number, date_text)
    for n, (doc, path, annex) in enumerate(items, 1):
        d.entries.append(entry(doc, path, annex, n))
        appr = doc.approval if doc is not None else None
        if appr is not None:
            d.agency = d.agency or _line(appr.agency)
            d.approver = d.approver or _line(appr.approver)
    return d


def item_text(e: DraftEntry) -> str:
    what = e.title or e.path
    return f"{what}, {e.unit}" if e.unit else what


def points(d: Draft) -> list[str]:
    """'1.1. Koordinaator, Ohvriabi osakond (lisa 1);' … the last ending with '.'."""
    out = []
    for n, e in enumerate(d.entries, 1):
        end = "." if n == len(d.entries) else ";"
        out.append(f"1.{n}. {item_text(e)} (lisa {e.annex}){end}")
    return out


def layout(d: Draft) -> Page:
    """The draft as the official document's blocks."""
    page = Page(name=f"Käskkiri nr {d.number}" if d.number else "Käskkiri")
    out = page.blocks
    if d.agency:
        out.append(Para("stamp", d.agency, strong=True))
    out.append(
        Para("title", f"{d.approver} käskkiri".strip().upper() if d.approver else "KÄSKKIRI")
    )
    out.append(Para("body", f"{d.date_text or '[kuupäev]'} nr {d.number or '[number]'}"))
    out.append(Para("heading", TITLE))
    out.append(Para("body", "1. Kinnitan järgmiste ametikohtade ametijuhendid:"))
    out.extend(Para("body", p) for p in points(d))
    out.append(Para("signature", "(allkirjastatud digitaalselt)"))
    out.append(Para("subheading", "Lisad"))
    out.extend(Para("body", f"Lisa {e.annex}. {e.title or e.path} ametijuhend") for e in d.entries)
    return page


def render(d: Draft, to: str) -> bytes:
    if to == "docx":
        from ajtui.documents.docx import to_docx

        return to_docx([layout(d)])
    if to == "pdf":
        return to_pdf(layout(d))
    if to == "html":
        return to_html(d).encode("utf-8")
    raise ValueError(f"unknown format {to!r} (known: {', '.join(FORMATS)})")


def to_pdf(page: Page) -> bytes:
    """The draft as PDF with the official document's font, sizes, A4 and margins; unlike
    the description (whose every line is kept as one line for the importer) its points
    wrap as prose does."""

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from ajtui.documents.pdf import _ROLES, BOLD, PdfFile

    pdf = PdfFile(page.name)
    story = []
    for b in page.blocks:
        if not isinstance(b, Para):
            continue
        font, size, align, before = _ROLES[b.role]
        st = ParagraphStyle(
            b.role,
            fontName=BOLD if b.strong else font,
            fontSize=size,
            leading=size * 1.3,
            alignment=align,
            spaceBefore=before + 2,
        )
        story.append(Paragraph(html.escape(b.text, quote=False).replace("\n", "<br/>"), st))
    return pdf.build(story)


_TAGS = {"stamp": "p", "title": "h1", "heading": "h2", "subheading": "h3"}


def to_html(d: Draft) -> str:
    page = layout(d)
    out = [
        "<!DOCTYPE html>",
        '<html lang="et">',
        '<head><meta charset="utf-8">',
        f"<title>{html.escape(page.name)}</title></head>",
        "<body>",
    ]
    for b in page.blocks:
        if isinstance(b, Para):
            tag = _TAGS.get(b.role, "p")
            style = ' style="text-align:right"' if b.role == "stamp" else ""
            out.append(f"<{tag}{style}>{html.escape(b.text)}</{tag}>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
