"""A description laid out to look like the official document (`ajtui.present.blocks`:
Rich's layout without importing Rich; the app draws the same blocks through Rich).

Everything from the file goes in as `Text` (never markup), with control characters made
visible, so `[bold]`, `[@click=…]` and escape sequences show literally.
"""

from __future__ import annotations

from ajtui.base.safetext import safe
from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.vocabulary import DEFAULT_HEADINGS
from ajtui.present.blocks import SIMPLE_HEAD, SQUARE, Block, Group, Padding, Table, Text


def flow(text: str) -> str:
    """The author's line breaks become spaces so the terminal can wrap the text."""
    return safe(" ".join(line.strip() for line in text.split("\n")))


def T(text: str, style: str = "") -> Text:
    return Text(flow(text), style=style)


def heading(sec: m.Section, ordinal: int | None) -> Text:
    """The section's heading with its number; `ordinal` stands in for a missing number
    (None: show no number, as the paper does)."""
    number = sec.number or (str(ordinal) if ordinal is not None else "")
    title = sec.title or DEFAULT_HEADINGS.get(sec.kind, sec.kind)
    head = safe(title).upper()
    return Text(f"{safe(number)}. {head}" if number else head, style="bold")


def _title(doc: m.Document) -> Text:
    """The document's own title line ('AUTOJUHI AMETIJUHEND'), else 'AMETIJUHEND'."""
    sec = doc.section("ametijuhend")
    title = flow(sec.title) if sec is not None and sec.title else ""
    return Text(safe(title) or "AMETIJUHEND", style="bold", justify="center")


def approval_block(doc: m.Document) -> Block | Text | None:
    sec = doc.section("ametijuhend")
    if not isinstance(sec, m.FieldSection):
        return None
    appr = m.Approval(sec)
    lines: list[Text] = []
    if appr.is_contract_annex:
        lines.append(Text("Töölepingu juurde kuuluv lisa"))
    elif appr.kind or appr.number or appr.approver:
        lines.append(Text("KINNITATUD", style="bold"))
        if appr.approver:
            lines.append(T(appr.approver))
        tail = " ".join(
            x
            for x in (
                appr.date_text and safe(appr.date_text),
                appr.number and f"käskkirjaga nr {safe(appr.number)}",
            )
            if x
        )
        if tail:
            lines.append(Text(tail))
    if appr.annex:
        lines.append(Text(f"Lisa {safe(appr.annex)}"))
    if appr.agency:
        lines.insert(0, T(appr.agency, "italic"))
    for f in sec.extra:
        if f.in_prose:
            lines.append(T(f.sentence))
        else:
            lines.append(Text.assemble((safe(m.printed_label(f)) + ": ", "dim"), T(f.value)))
    if not lines:
        return None
    return Group(*(line.copy() for line in lines))


def _fields_table(fields: list[m.Field]) -> Table:
    t = Table(box=SIMPLE_HEAD, show_header=False, expand=True, padding=(0, 1))
    t.add_column("label", style="bold", ratio=1, overflow="fold")
    t.add_column("value", ratio=3, overflow="fold")
    for f in fields:
        t.add_row(Text(safe(m.printed_label(f))), T(f.value or "–"))
    return t


def _fields(fields: list[m.Field]) -> list[Block | Text]:
    """Fields as label/value rows; a `> ` statement (prose, perhaps stating a field) as its
    own line of text, in its place between them."""
    out: list[Block | Text] = []
    run: list[m.Field] = []
    for f in fields:
        if not f.in_prose:
            run.append(f)
            continue
        if run:
            out.append(_fields_table(run))
            run = []
        out.append(T(f.sentence))
    if run:
        out.append(_fields_table(run))
    return out


def _bullets(items: list[m.Item], bullet: str = "•") -> Table:
    t = Table(box=None, show_header=False, expand=True, padding=(0, 1, 0, 0))
    t.add_column(width=1)
    t.add_column(ratio=1, overflow="fold")
    for it in items:
        t.add_row(bullet, T(it.text))
    return t


def _prose(sec: m.ProseSection) -> list[Block | Text]:
    out: list[Block | Text] = []
    run: list[m.Item] = []
    for b in sec.blocks:
        if isinstance(b, m.Item):
            run.append(b)
            continue
        if run:
            out.append(_bullets(run))
            run = []
        elif out:
            out.append(Text(""))  # paragraphs apart, as on paper
        out.append(T(b.text))
    if run:
        out.append(_bullets(run))
    return out


def _duties(sec: m.DutySection, width: int | None) -> Table:
    t = Table(
        box=SQUARE,
        show_header=True,
        expand=True,
        show_lines=True,
        header_style="bold",
        padding=(0, 1),
    )
    # the document's own column headers when it has two (`> ` lines), else the usual ones
    cols = sec.columns or ("Põhiülesanded", "Oodatavad tulemused")
    t.add_column(T(cols[0]), ratio=1, overflow="fold")
    t.add_column(T(cols[1]), ratio=1, overflow="fold")
    for d in sec.duties:
        duty = Text.assemble((safe(d.number) + " ", "bold"), T(d.text))
        results = _bullets(d.results, "▪") if d.results else Text("–", style="dim")
        t.add_row(duty, results)
    return t


def _requirements(sec: m.RequirementsSection) -> list[Block | Text]:
    out: list[Block | Text] = []
    fields: list[m.Field] = []
    for e in sec.entries:
        if isinstance(e, m.Field):
            fields.append(e)
            continue
        if fields:
            out.extend(_fields(fields))
            fields = []
        if isinstance(e, m.Competencies):
            out.append(Text(flow(e.title or "Tööks vajalikud kompetentsid"), style="bold"))
            for g in e.groups:
                out.append(Padding(Text(flow(g.name) + ":", style="italic"), (0, 0, 0, 2)))
                out.append(Padding(_bullets(g.items), (0, 0, 0, 2)))
        elif isinstance(e, m.AdditionalCompetencies):
            out.append(Text(flow(e.title or "Täiendavad kompetentsid"), style="bold"))
            rows = Table(box=None, show_header=False, expand=True, padding=(0, 1, 0, 0))
            rows.add_column(width=1)
            rows.add_column(ratio=1, overflow="fold")
            for name, desc in e.named:
                rows.add_row(
                    "•", Text.assemble((flow(name), "bold"), (": " + flow(desc)) if desc else "")
                )
            out.append(Padding(rows, (0, 0, 0, 2)))
    if fields:
        out.extend(_fields(fields))
    return out


def _signatures(sec: m.FieldSection) -> Table:
    t = Table(box=None, show_header=False, expand=True, padding=(0, 2, 0, 0))
    for _ in sec.fields:
        t.add_column(ratio=1, overflow="fold")
    cells = []
    for f in sec.fields:
        if f.in_prose:
            cells.append(Text("\n".join(safe(x) for x in f.sentence.split("\n"))))
            continue
        cell = Text(safe(f.label or f.key.capitalize()) + ":", style="dim")
        for line in f.value.split("\n"):
            cell.append("\n" + safe(line))
        cells.append(cell)
    if cells:
        t.add_row(*cells)
    return t


def render_document(doc: m.Document, width: int | None = None) -> Group:
    """The whole description as one Rich renderable."""
    parts: list[Block | Text] = []
    started = False
    # A document that numbers its own sections shows an unnumbered one without a number
    # (never an invented one); a document with no numbers at all is numbered in order.
    numbered = any(s.number for s in doc.sections if s.kind not in vocabulary.FRONT_MATTER)
    ordinal = 0
    for sec in doc.sections:
        if sec.kind in vocabulary.FRONT_MATTER:
            parts.append(heading(sec, None))
            parts.extend(_fields(sec.fields))  # type: ignore[union-attr]  # front matter is a FieldSection
            parts.append(Text(""))
            continue
        if not started:
            # the description starts: its approval stamp, then its title
            started = True
            appr = approval_block(doc)
            if appr is not None:
                parts.append(Padding(appr, (0, 0, 1, 0)))
            parts.append(_title(doc))
        if sec.kind == "ametijuhend":
            continue
        ordinal += 1
        if sec.kind == "allkirjad":
            parts.append(Text(""))
            if sec.title:
                parts.append(Text(flow(sec.title), style="bold"))
            parts.append(_signatures(sec))  # type: ignore[arg-type]  # 'allkirjad' parses as a FieldSection
            continue
        parts.append(Text(""))
        parts.append(heading(sec, None if numbered else ordinal))
        if isinstance(sec, m.FieldSection):
            parts.extend(_fields(sec.fields))
        elif isinstance(sec, m.ProseSection):
            parts.extend(_prose(sec))
        elif isinstance(sec, m.DutySection):
            if sec.header and not sec.columns:  # the document's lines above its duties
                parts.extend(T(f.sentence) for f in sec.header)
            parts.append(_duties(sec, width))
        elif isinstance(sec, m.RequirementsSection):
            parts.extend(_requirements(sec))
    if not parts:
        parts.append(Text("AMETIJUHEND", style="bold", justify="center"))
    return Group(*parts)
