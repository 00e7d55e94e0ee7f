"""Word and PDF sources in the layouts real descriptions come in, made at test time.

Each `LAYOUTS` entry writes one source file (reportlab for PDF, python-docx for Word); its
expected import is `tests/fixtures/layouts/<name>.aj`. The wordings are made up on purpose
(no agency's real text): the importer must read the layout, not recognise an example.

- `kolm-lehte.pdf`: three pages with a running header and "Lk 2/3" page numbers; a ruled
  general-part table whose labels sit in the middle of tall cells; a duty table that goes
  over two page breaks with its header row repeated on each page, a row split by a page
  break, nested numbers (3.2.1) and an "Igal nädalal:" list in the duty column;
- `tabel-uldosa.pdf`: the general part as a ruled label | value table with the purpose as
  one of its rows and a label cell spanning two value rows, a duty table with the number in a column of its own;
- `piirjoonteta.pdf`: the general part as a table without rulings, labels in the middle
  of their cells beside values that wrap;
- `tukeldatud.docx`: the general part as label | value rows and a row of labels over a row
  of values; a duty table split in two by a page break, the second part starting with the
  header row again; results as bullets in the results column, a list in the duty column;
- `liidetud.docx`: merged cells: a label cell merged down over two rows (vMerge), a
  heading and a purpose cell merged across the table (gridSpan), results cells merged
  across two columns;
- `proosa.docx`: the general part written as numbered sentences.
- `sildid.docx`: the approval with a month-name date, a general-part table whose labels are
  the agency's own ("Teenistuskoht", "Kellele allub", "Ametnikku asendab", "Ametnik
  asendab"), a duty table with its own column headers;
- `proosa-kuupaev.pdf`: a month-name approval date, a general part of sentences (one of
  them states two fields, one says who gives the duties), a ruled duty table;
- `koolonid.pdf`: no tables at all: "Label: value" lines, duties as numbered paragraphs
  with bulleted results, requirements as "Haridus: …" lines.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import FIXTURES

LAYOUT_DIR = FIXTURES / "layouts"

# --- PDF through reportlab ------------------------------------------------------------------


def _pdf_styles():
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.fontName = "Helvetica"
    body.fontSize = 10
    body.leading = 13
    return body


def _cell(lines: list[str], style):
    """A table cell of one or more paragraphs (a list of strings)."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return [Paragraph(escape(x), style) for x in lines]


def _ruled_table(rows, widths, style, *, repeat=0, valign="TOP", spans=()):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data = [
        [_cell(c if isinstance(c, list) else [c], style) if c is not None else "" for c in row]
        for row in rows
    ]
    t = Table(data, colWidths=widths, repeatRows=repeat, splitByRow=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (0, -1), valign),
                *[("SPAN", a, b) for a, b in spans],
            ]
        )
    )
    return t


def _running(header: str, pages: int):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(56, 812, header)
        canvas.drawCentredString(297, 28, f"Lk {doc.page}/{pages}")
        canvas.restoreState()

    return draw


def _build_pdf(path: Path, story, *, header: str | None = None, pages: int = 1) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=56,
        rightMargin=56,
        topMargin=60,
        bottomMargin=56,
        invariant=1,
    )
    if header:
        draw = _running(header, pages)
        doc.build(story, onFirstPage=draw, onLaterPages=draw)
    else:
        doc.build(story)


def kolm_lehte_pdf(path: Path) -> None:
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    st = _pdf_styles()
    story = [
        Paragraph(x, st)
        for x in ("KINNITATUD", "Näidisameti peadirektori 14.03.2025 käskkirjaga nr 1-2/17")
    ]
    story += [Spacer(1, 10), Paragraph("AMETIJUHEND", st), Spacer(1, 6), Paragraph("1. ÜLDOSA", st)]
    story.append(
        _ruled_table(
            [
                ["Ametinimetus", "Arendusnõunik"],
                ["Struktuuriüksus", ["Andmehalduse osakonna analüüsi ja", "arenduse talitus"]],
                ["Vahetu juht", "Talituse juhataja"],
                ["Asendaja", ["Teine arendusnõunik või talituse", "juhataja määratud ametnik"]],
                ["Ametnik asendab", "Teist arendusnõunikku"],
            ],
            [150, 330],
            st,
            valign="MIDDLE",
        )
    )
    story += [
        Spacer(1, 8),
        Paragraph("2. TEENISTUSKOHA EESMÄRK", st),
        Paragraph(
            "Teenistuskoha eesmärk on tagada, et ameti andmekogud arenevad "
            "kavakindlalt ja nende andmed on usaldusväärsed.",
            st,
        ),
        Spacer(1, 8),
        Paragraph("3. TEENISTUSÜLESANDED JA TULEMUSED", st),
    ]
    head = ["Ülesanne", "Tulemus"]
    topics = [
        "andmekogude arendustööde kavandamine",
        "arendusnõuete koostamine",
        "hankelepingute täitmise jälgimine",
        "kasutajate koolitamine",
        "andmekvaliteedi seire",
        "statistika koondamine",
        "riskide hindamine",
        "muudatuste kooskõlastamine",
        "aruannete koostamine",
        "rahvusvahelises koostöös osalemine",
        "arendusprotsessi parendamine",
        "dokumentatsiooni haldamine",
        "juhi ühekordsete korralduste täitmine",
    ]
    rows = []
    for k, topic in enumerate(topics, 1):
        left = [f"3.{k}. {topic.capitalize()} oma vastutusala piires."]
        right = [
            f"• {topic.capitalize()} on tehtud õigeaegselt.",
            "• Huvipooli on teavitatud ja nende tagasiside arvestatud.",
        ]
        if k == 2:
            left += ["3.2.1. kasutuslugude kirjeldamine;", "3.2.2. testjuhtumite ettevalmistamine."]
        if k == 4:
            left += [
                "Igal nädalal:",
                "- juhendite ajakohastamine;",
                "- kasutajatoe pöördumiste läbivaatamine.",
            ]
        if k == 6:
            left += [
                "Hõlmab tehnilisi, õiguslikke ja korralduslikke küsimusi ning "
                "ettepanekute tegemist ja nende elluviimise jälgimist."
            ] * 3
            right += [
                "• Register on ajakohane ja kättesaadav kõigile arendusmeeskonna liikmetele."
            ] * 3
        rows.append([left, right])
    # a page break inside row 3.7: as a word processor prints it, the row goes on below
    # the repeated header row on the next page
    rows[6] = [
        ["3.7. Riskide hindamine ja maandamismeetmete", "kavandamine koostöös"],
        ["• Riskid on hinnatud."],
    ]
    cont = [
        ["osakondadega ning nende täitmise jälgimine."],
        ["• Maandamismeetmed on kokku lepitud."],
    ]
    story.append(_ruled_table([head] + rows[:7], [240, 240], st, repeat=1))
    story.append(PageBreak())
    story.append(_ruled_table([head, cont] + rows[7:], [240, 240], st))
    story += [Spacer(1, 8), Paragraph("4. ÕIGUSED", st)]
    story += [
        Paragraph(x, st)
        for x in (
            "• saada oma tööks vajalikku teavet teistelt struktuuriüksustelt;",
            "• teha ettepanekuid töökorralduse parandamiseks.",
        )
    ]
    _build_pdf(path, story, header="Näidisamet · Arendusnõuniku ametijuhend", pages=3)


def tabel_uldosa_pdf(path: Path) -> None:
    from reportlab.platypus import Paragraph, Spacer

    st = _pdf_styles()
    story = [
        Paragraph("LABORIJUHATAJA AMETIJUHEND", st),
        Spacer(1, 8),
        Paragraph("1. Üldandmed", st),
    ]
    story.append(
        _ruled_table(
            [
                ["Ametikoha nimetus", "Laborijuhataja"],
                ["Struktuuriüksus", "Kvaliteedikontrolli labor"],
                ["Kellele allub", "Tehnikadirektor"],
                ["Alluvad", "Laborandid (3)"],
                ["Asendaja", "Vanemlaborant"],
                [None, "Kvaliteedijuht"],
                [
                    "Ametikoha eesmärk",
                    [
                        "Laboritööde korraldamine nii, et proovid analüüsitakse "
                        "kokkulepitud aja jooksul ja tulemused on jälgitavad."
                    ],
                ],
            ],
            [150, 330],
            st,
            spans=[((0, 4), (0, 5))],
        )
    )
    story += [Spacer(1, 8), Paragraph("2. Tööülesanded", st)]
    story.append(
        _ruled_table(
            [
                ["Nr", "Tööülesanne", "Oodatav tulemus"],
                [
                    "2.1",
                    "Proovide vastuvõtu ja registreerimise korraldamine.",
                    [
                        "Proovid on registreeritud vastuvõtu päeval.",
                        "Registri kanded on täielikud.",
                    ],
                ],
                [
                    "2.2",
                    "Analüüsimeetodite valideerimine.",
                    ["Meetodid on valideeritud enne kasutuselevõttu."],
                ],
                [
                    "2.3",
                    [
                        "Seadmete hoolduse planeerimine:",
                        "2.3.1 kalibreerimisgraafik;",
                        "2.3.2 hooldusleping.",
                    ],
                    ["Seadmed on töökorras.", "Kalibreerimistõendid on kehtivad."],
                ],
            ],
            [30, 220, 230],
            st,
        )
    )
    story += [
        Spacer(1, 8),
        Paragraph("3. Õigused", st),
        Paragraph("• peatada analüüs, kui seade ei ole töökorras.", st),
    ]
    _build_pdf(path, story)


def piirjoonteta_pdf(path: Path) -> None:
    """A general part in a table without rulings, its labels set in the middle of their
    cells: read line by line, each wrapped value lands under the wrong label."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = _pdf_styles()
    rows = [
        ["Ametinimetus", ["Hankespetsialist", "(riigihanked)"]],
        ["Struktuuriüksus", "Rahandusosakond"],
        ["Vahetu juht", ["Rahandusosakonna juhataja või tema", "määratud asendaja"]],
        ["Asendaja", "Teine hankespetsialist"],
        ["Asendab", ["Hankespetsialisti ja", "lepingute haldurit"]],
    ]
    data = [[_cell(c if isinstance(c, list) else [c], st) for c in r] for r in rows]
    table = Table(data, colWidths=[150, 330])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, -1), "MIDDLE")]))
    story = [
        Paragraph("AMETIJUHEND", st),
        Spacer(1, 6),
        Paragraph("1. ÜLDOSA", st),
        table,
        Spacer(1, 6),
        Paragraph("2. AMETIKOHA EESMÄRK", st),
        Paragraph("Hanked on korraldatud seaduspäraselt ja lepingud täidetakse.", st),
        Paragraph("3. TEENISTUSÜLESANDED", st),
        Paragraph("3.1. Hankeplaani koostamine.", st),
        Paragraph("• Hankeplaan on kinnitatud jaanuaris.", st),
    ]
    _build_pdf(path, story)


# --- Word through python-docx ---------------------------------------------------------------


def _docx():
    import docx

    return docx.Document()


def _fill(cell, lines: list[str], *, bullets: bool = False) -> None:
    cell.paragraphs[0].text = lines[0]
    if bullets:
        cell.paragraphs[0].style = "List Bullet"
    for x in lines[1:]:
        cell.add_paragraph(x, style="List Bullet" if bullets else None)


def _page_break(d) -> None:
    from docx.enum.text import WD_BREAK

    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def tukeldatud_docx(path: Path) -> None:
    d = _docx()
    for x in (
        "KINNITATUD",
        "Näidisvalla vallavanema 02.09.2024 käskkirjaga nr 45",
        "TEENINDUSSPETSIALISTI AMETIJUHEND",
        "1. ÜLDOSA",
    ):
        d.add_paragraph(x)
    g = d.add_table(rows=5, cols=2)
    g.style = "Table Grid"
    for row, (a, b) in zip(
        g.rows,
        [
            ("Teenistuskoha nimetus", "Teenindusspetsialist"),
            ("Struktuuriüksus", "Kantselei"),
            ("Vahetu juht", "Kantselei juhataja"),
            ("Kes asendab", "Keda asendab"),
            ("Arhivaar", "Arhivaari ja sekretäri"),
        ],
    ):
        row.cells[0].text = a
        row.cells[1].text = b
    d.add_paragraph("2. TEENISTUSKOHA EESMÄRK")
    d.add_paragraph(
        "Elanike pöördumised jõuavad õigele menetlejale kiiresti ja dokumendiringlus on korras."
    )
    d.add_paragraph("3. TEENISTUSÜLESANDED")
    head = ("Põhiülesanne", "Oodatav tulemus")

    def table(rows):
        t = d.add_table(rows=len(rows) + 1, cols=2)
        t.style = "Table Grid"
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = head
        for row, (left, right) in zip(t.rows[1:], rows):
            _fill(row.cells[0], left)
            _fill(row.cells[1], right, bullets=True)

    table(
        [
            (
                ["3.1. Kirjade ja pöördumiste registreerimine dokumendiregistris."],
                ["kirjad on registreeritud samal päeval;", "registri andmed on õiged."],
            ),
            (
                [
                    "3.2. Elanike teenindamine vallamajas, sealhulgas:",
                    "Iga päev:",
                    "- külastajate juhendamine;",
                    "- telefonikõnedele vastamine.",
                ],
                ["elanik saab vastuse või teab, kes tema asja menetleb."],
            ),
            (
                ["3.3. Volikogu istungite tehniline ettevalmistamine."],
                ["materjalid on volikogu liikmetele saadetud tähtaegselt."],
            ),
        ]
    )
    _page_break(d)
    table(
        [
            (
                [
                    "3.4. Arhiivi korrastamine:",
                    "3.4.1. toimikute kirjeldamine;",
                    "3.4.2. hävitamisaktide koostamine.",
                ],
                ["arhiiv on korras ja kasutatav."],
            ),
            (
                ["3.5. Vahetu juhi antud muude ülesannete täitmine."],
                ["ülesanded on täidetud kokkulepitud ajaks."],
            ),
        ]
    )
    d.add_paragraph("4. ÕIGUSED")
    d.add_paragraph(
        "saada teenistusülesannete täitmiseks vajalikku koolitust.", style="List Bullet"
    )
    d.save(str(path))


def liidetud_docx(path: Path) -> None:
    d = _docx()
    for x in ("AMETIJUHEND", "1. ÜLDOSA"):
        d.add_paragraph(x)
    g = d.add_table(rows=7, cols=2)
    g.style = "Table Grid"
    cells = [
        ("Ametinimetus", "Hooldusjuht"),
        ("Allüksus", "Kinnisvarahalduse osakond"),
        ("Otsene juht", "Osakonna juhataja"),
        ("Asendaja", "Vanemhooldustehnik"),
        (None, "Haldusspetsialist"),
    ]
    for row, (a, b) in zip(g.rows, cells):
        if a is not None:
            row.cells[0].text = a
        row.cells[1].text = b
    g.cell(3, 0).merge(g.cell(4, 0))  # "Asendaja" down over two rows
    purpose_head = g.cell(5, 0).merge(g.cell(5, 1))  # a heading across the table
    purpose_head.text = "Ametikoha eesmärk"
    purpose = g.cell(6, 0).merge(g.cell(6, 1))
    purpose.text = (
        "Hoonete tehnosüsteemid töötavad katkestusteta ning hooldustööd on "
        "planeeritud ja dokumenteeritud."
    )
    d.add_paragraph("2. ÜLESANDED JA TULEMUSED")
    t = d.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).text = "Ülesanne"
    head = t.cell(0, 1).merge(t.cell(0, 2))
    head.text = "Tulemus"
    t.cell(1, 0).text = "2.1. Hooldusplaani koostamine ja täitmise jälgimine."
    t.cell(1, 1).text = "Hooldusplaan on kinnitatud."
    t.cell(1, 2).text = "Plaanist kõrvalekalded on põhjendatud."
    t.cell(2, 0).text = "2.2. Avariiteadete lahendamine."
    merged = t.cell(2, 1).merge(t.cell(2, 2))
    merged.text = "Avarii on kõrvaldatud ja selle põhjus kirjas."
    t.cell(3, 0).text = "2.3. Hoolduslepingute partneritega suhtlemine."
    _fill(t.cell(3, 1), ["Partnerid täidavad lepinguid."])
    t.cell(3, 2).text = "Pretensioonid on esitatud õigel ajal."
    d.add_paragraph("3. ÕIGUSED")
    d.add_paragraph("peatada ohtlik töö.", style="List Bullet")
    d.save(str(path))


def proosa_docx(path: Path) -> None:
    d = _docx()
    for x in (
        "RAAMATUKOGUHOIDJA AMETIJUHEND",
        "1. Üldsätted",
        "1.1. Ametikoha nimetus on raamatukoguhoidja.",
        "1.2. Raamatukoguhoidja töötab lugejateeninduse osakonnas.",
        "1.3. Raamatukoguhoidja vahetu juht on lugejateeninduse osakonna juhataja.",
        "1.4. Raamatukoguhoidjat asendab teine raamatukoguhoidja.",
        "2. Töö eesmärk",
        "Lugejad leiavad vajaliku teavikule kiiresti ja saavad asjatundlikku nõu.",
        "3. Tööülesanded",
        "3.1. Lugejate teenindamine laenutuslauas.",
        "3.2. Uute teavikute kataloogimine.",
    ):
        d.add_paragraph(x)
    d.save(str(path))


def sildid_docx(path: Path) -> None:
    d = _docx()
    for x in (
        "KINNITATUD",
        "Näidisameti peadirektori 3. märtsi 2025 käskkirjaga nr 1-1/9",
        "NÕUNIKU AMETIJUHEND",
        "1. ÜLDOSA",
    ):
        d.add_paragraph(x)
    g = d.add_table(rows=5, cols=2)
    g.style = "Table Grid"
    for row, (a, b) in zip(
        g.rows,
        [
            ("Teenistuskoht", "Nõunik"),
            ("Struktuuriüksus", "Õigusosakond"),
            ("Kellele allub", "Õigusosakonna juhataja"),
            ("Ametnikku asendab", "Teine nõunik"),
            ("Ametnik asendab", "Õigusosakonna juhatajat"),
        ],
    ):
        row.cells[0].text = a
        row.cells[1].text = b
    d.add_paragraph("2. TEENISTUSKOHA EESMÄRK")
    d.add_paragraph("Ameti otsused on õiguspärased ja nende põhjendused arusaadavad.")
    d.add_paragraph("3. TEENISTUSÜLESANDED")
    t = d.add_table(rows=3, cols=2)
    t.style = "Table Grid"
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = (
        "Teenistusülesanne",
        "Tulemuslikkuse mõõdik",
    )
    _fill(t.rows[1].cells[0], ["3.1. Haldusaktide eelnõude õigusliku kvaliteedi hindamine."])
    _fill(t.rows[1].cells[1], ["eelnõud on kooskõlastatud viie tööpäeva jooksul."], bullets=True)
    _fill(t.rows[2].cells[0], ["3.2. Vaiete lahendamise ettevalmistamine."])
    _fill(
        t.rows[2].cells[1],
        ["vaideotsuste eelnõud on esitatud tähtaegselt;", "otsused peavad vaidlustamisel kohtus."],
        bullets=True,
    )
    d.add_paragraph("4. ÕIGUSED")
    d.add_paragraph("saada ameti teistelt üksustelt tööks vajalikku teavet.", style="List Bullet")
    d.save(str(path))


def proosa_kuupaev_pdf(path: Path) -> None:
    from reportlab.platypus import Paragraph, Spacer

    st = _pdf_styles()
    story = [
        Paragraph(x, st)
        for x in ("KINNITATUD", "Näidisvalla vallavanema 16. septembri 2025 käskkirjaga nr 2-3/41")
    ]
    story += [Spacer(1, 10), Paragraph("ARHIIVIPIDAJA AMETIJUHEND", st), Spacer(1, 6)]
    story += [
        Paragraph(x, st)
        for x in (
            "1. Üldsätted",
            "1.1. Ametikoha nimetus on arhiivipidaja ja ametikoht asub vallakantseleis.",
            "1.2. Arhiivipidajale annab tööülesandeid ja kontrollib nende täitmist vallasekretär.",
            "1.3. Arhiivipidajat asendab tema äraolekul registripidaja.",
            "2. Ametikoha eesmärk",
            "Valla dokumendid on säilitatud ja leitavad kogu säilitustähtaja jooksul.",
            "3. Tööülesanded",
        )
    ]
    story.append(
        _ruled_table(
            [
                ["Ülesanne", "Oodatav tulemus"],
                ["3.1. Dokumentide arhiveerimine.", ["Toimikud on arhiivis aasta jooksul."]],
                ["3.2. Arhiivipäringutele vastamine.", ["Vastus on antud kümne päeva jooksul."]],
            ],
            [240, 240],
            st,
        )
    )
    story += [
        Spacer(1, 8),
        Paragraph("4. Õigused", st),
        Paragraph("• saada arhiivitöö koolitust.", st),
    ]
    _build_pdf(path, story)


def koolonid_pdf(path: Path) -> None:
    from reportlab.platypus import Paragraph, Spacer

    st = _pdf_styles()
    story = [
        Paragraph(x, st)
        for x in (
            "RAAMATUPIDAJA AMETIJUHEND",
            "1. Üldosa",
            "Ametikoha nimetus: Raamatupidaja",
            "Struktuuriüksus: Finantsosakond",
            "Vahetu juht: Pearaamatupidaja",
            "Asendaja: Palgaarvestaja",
            "2. Ametikoha eesmärk",
            "Asutuse raamatupidamisarvestus on õige ja õigeaegne.",
            "3. Tööülesanded",
            "3.1. Ostuarvete kontrollimine ja kirjendamine.",
            "• arved on kirjendatud enne maksetähtpäeva.",
            "3.2. Kuuaruannete koostamine.",
            "• aruanded on esitatud kuu kümnendaks kuupäevaks;",
            "• aruannetes ei ole vigu.",
            "4. Nõuded ametikohale",
            "Haridus: Kõrgharidus majanduse erialal",
            "Töökogemus: Vähemalt kaks aastat raamatupidajana",
        )
    ]
    story.insert(1, Spacer(1, 6))
    _build_pdf(path, story)


LAYOUTS = {
    "kolm-lehte.pdf": kolm_lehte_pdf,
    "tabel-uldosa.pdf": tabel_uldosa_pdf,
    "piirjoonteta.pdf": piirjoonteta_pdf,
    "tukeldatud.docx": tukeldatud_docx,
    "liidetud.docx": liidetud_docx,
    "proosa.docx": proosa_docx,
    "sildid.docx": sildid_docx,
    "proosa-kuupaev.pdf": proosa_kuupaev_pdf,
    "koolonid.pdf": koolonid_pdf,
}
