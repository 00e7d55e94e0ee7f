"""What goes on the page of the official document, independent of Word or PDF.

`layout(doc)` turns a description into a short list of blocks — paragraphs with a role,
the general part's label–value table, the duty table — that `docx.py`
and `pdf.py` each draw in their own way. Text is verbatim: a "\\n" in a value is the
author's line break and stays a line break on the page (the importer reads each printed
line back as one line, so the exported document imports to the same description).

Roles (Word style names in `docx.STYLES`): `stamp` (the approval block, right-aligned),
`title`, `heading` (a numbered section heading), `body`, `bullet`, `subheading` (a
competency group or list title), `signature`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ajtui.format import model as m
from ajtui.format import vocabulary as v

#: The contract annex's stamp line.
CONTRACT_ANNEX_STAMP = "Töölepingu lisa"


@dataclass
class Para:
    """One paragraph: its role and its lines (the author's line breaks)."""

    role: str
    text: str
    #: a bullet printed before the text ("•"), kept apart from it
    mark: str = ""
    #: printed in bold (the stamp's KINNITATUD)
    strong: bool = False


@dataclass
class FieldTable:
    """Label | value rows (the general part, the requirements' fields)."""

    rows: list[tuple[str, str]]


@dataclass
class DutyTable:
    """The two-column table: duty (with its number) | expected results."""

    #: the header row: the document's own column titles, or None (no header row)
    columns: tuple[str, str] | None
    rows: list[tuple[str, str, list[str]]]  # (number, duty text, results)


Block = Para | FieldTable | DutyTable


@dataclass
class Page:
    """One description: what goes on its pages, in order."""

    blocks: list[Block] = field(default_factory=list)
    #: the position's title on one line (the PDF's document title)
    name: str = ""


def stamp_lines(doc: m.Document, annex: str | None = None) -> list[str]:
    """The approval block: the agency when the approver does not name it, KINNITATUD, the
    approver and date, the directive number, the annex ("Lisa N"); or the contract annex
    line. `annex` is used when the description has
    no annex number of its own."""
    sec = doc.section("ametijuhend")
    appr = m.Approval(sec) if isinstance(sec, m.FieldSection) else m.Approval()
    lines: list[str] = []
    if appr.agency and not _names_agency(appr.approver, appr.agency):
        lines.append(appr.agency)  # the letterhead: whose document it is
    if appr.is_contract_annex:
        lines.append(CONTRACT_ANNEX_STAMP)
    elif appr.kind or appr.number or appr.approver:
        lines.append("KINNITATUD")
        who = " ".join(x for x in (appr.approver, appr.date_text) if x)
        if who:
            lines.append(who)
        if appr.number:
            lines.append(f"käskkirjaga nr {appr.number}")
    number = appr.annex or annex
    if number:
        lines.append(f"Lisa {number}")
    return lines


def _names_agency(approver: str | None, agency: str) -> bool:
    """'Sotsiaalkindlustusameti peadirektori' names 'Sotsiaalkindlustusamet' (in the
    genitive): the stamp says whose document it is without a letterhead line."""
    words = (approver or "").split()
    return any(" ".join(words[: i + 1]) == agency + "i" for i in range(len(words)))


def title_of(doc: m.Document) -> str:
    sec = doc.section("ametijuhend")
    return (sec.title if sec is not None and sec.title else "") or "AMETIJUHEND"


def heading_text(number: str, sec: m.Section) -> str:
    title = sec.title or v.DEFAULT_HEADINGS.get(sec.kind, sec.kind)
    return f"{number}. {title}" if number else title


def _fields(fields: list[m.Field], out: list[Block]) -> None:
    """Fields as table rows; a statement (`> ` line) as a paragraph in its place."""
    run: list[tuple[str, str]] = []
    for f in fields:
        if f.in_prose:
            if run:
                out.append(FieldTable(run))
                run = []
            out.append(Para("body", f.sentence))
        else:
            run.append((m.printed_label(f), f.value))
    if run:
        out.append(FieldTable(run))


def _prose(sec: m.ProseSection, out: list[Block]) -> None:
    for b in sec.blocks:
        if isinstance(b, m.Item):
            out.append(Para("bullet", b.text, "•"))
        else:
            out.append(Para("body", b.text))


def _requirements(sec: m.RequirementsSection, out: list[Block]) -> None:
    fields: list[m.Field] = []
    for e in sec.entries:
        if isinstance(e, m.Field):
            fields.append(e)
            continue
        if fields:
            _fields(fields, out)
            fields = []
        if isinstance(e, m.Competencies):
            out.append(Para("subheading", e.title or "Tööks vajalikud kompetentsid"))
            for g in e.groups:
                out.append(Para("body", g.name + ":"))
                out.extend(Para("bullet", it.text, "•") for it in g.items)
        elif isinstance(e, m.AdditionalCompetencies):
            out.append(Para("subheading", e.title or "Täiendavad kompetentsid"))
            out.extend(Para("bullet", it.text, "•") for it in e.items)
    if fields:
        _fields(fields, out)


def _signatures(sec: m.FieldSection, out: list[Block]) -> None:
    """The parties' roles on one line ("Tööandja: Töötaja:"), then each party's lines (its
    signature mark, name, position) in turn: the way the signed documents print them."""
    roles = [f for f in sec.fields if not f.in_prose]
    if roles:
        out.append(Para("signature", " ".join(_role(f) + ":" for f in roles)))
    for f in sec.fields:
        out.append(Para("signature", f.sentence if f.in_prose else f.value))


def _role(f: m.Field) -> str:
    return f.label or (f.key[:1].upper() + f.key[1:])


def layout(doc: m.Document, annex: str | None = None) -> Page:
    """The description's page: front matter, the stamp, the title, the numbered sections,
    the signatures. `annex`: the "Lisa N" to print when the description has none."""
    page = Page(name=" ".join((doc.title or "").split()))
    out = page.blocks
    started = False
    # A document that numbers its own sections prints an unnumbered one without a number
    # (never an invented one); a document with no numbers at all is numbered in order.
    numbered = any(s.number for s in doc.sections if s.kind not in v.FRONT_MATTER)
    for number, sec in m.paper_numbers(doc):
        if numbered:
            number = sec.number
        if sec.kind in v.FRONT_MATTER:
            out.append(Para("heading", heading_text("", sec)))
            _fields(sec.fields, out)  # type: ignore[union-attr]  # front matter is a FieldSection
            continue
        if not started:
            started = True
            out.extend(
                Para("stamp", line, strong=line == "KINNITATUD") for line in stamp_lines(doc, annex)
            )
            out.append(Para("title", title_of(doc)))
        if sec.kind == "ametijuhend":
            for f in sec.extra:  # type: ignore[union-attr]  # a FieldSection
                out.append(
                    Para("body", f.sentence if f.in_prose else f"{m.printed_label(f)}: {f.value}")
                )
            continue
        if sec.kind == "allkirjad":
            out.append(Para("subheading", heading_text("", sec)))
            _signatures(sec, out)  # type: ignore[arg-type]  # 'allkirjad' is a FieldSection
            continue
        out.append(Para("heading", heading_text(number, sec)))
        if isinstance(sec, m.FieldSection):
            _fields(sec.fields, out)
        elif isinstance(sec, m.ProseSection):
            _prose(sec, out)
        elif isinstance(sec, m.DutySection):
            cols = sec.columns
            if sec.header and not cols:
                out.extend(Para("body", f.sentence) for f in sec.header)
            out.append(
                DutyTable(
                    cols,
                    [(d.number, d.text, [r.text for r in d.results]) for d in sec.duties],
                )
            )
        elif isinstance(sec, m.RequirementsSection):
            _requirements(sec, out)
    if not started:
        out.append(Para("title", "AMETIJUHEND"))
    return page
