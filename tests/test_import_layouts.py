"""Word and PDF layouts (tests/import_layouts.py) against their expected imports.

Each source is generated at test time; its expected import is a hand-checked `.aj` file in
tests/fixtures/layouts/. The comparison is by content, not by bytes: every section, every
general-part field (key and value), the purpose, every duty (number, text, each result)
and every item, so moving one word to another field or one result to another duty fails.
Set AJ_UPDATE_LAYOUTS=1 to rewrite the expected files (then check them by hand).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.importer import import_file
from ajtui.importer.blocks import words_of
from ajtui.importer.report import review_items

from tests.helpers.import_layouts import LAYOUT_DIR, LAYOUTS

GOLDEN = list(LAYOUTS)


def _field(f: m.Field) -> tuple:
    """A field as `aj show` prints it (the document's label, the value), or a statement
    (its sentence and the field it states)."""
    if f.in_prose or not f.key:
        return (">", f.key, f.sentence, f.value)
    return (f.key, m.printed_label(f), f.value)


def content(doc: m.Document) -> dict:
    """What a reader of the description sees, section by section."""
    out: dict = {"sections": [(s.kind, s.number, s.title) for s in doc.sections]}
    for k, sec in enumerate(doc.sections):
        where = f"{k}:{sec.kind}"
        if isinstance(sec, m.FieldSection):
            out[where] = [_field(f) for f in sec.fields]
        elif isinstance(sec, m.DutySection):
            out[where] = (
                [_field(f) for f in sec.header],  # the column headers
                [(d.number, d.text, [r.text for r in d.results]) for d in sec.duties],
            )
        elif isinstance(sec, m.ProseSection):
            out[where] = [(type(b).__name__, b.text) for b in sec.blocks]
        elif isinstance(sec, m.RequirementsSection):
            out[where] = [_field(f) for f in sec.entries if isinstance(f, m.Field)]
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    base = tmp_path_factory.mktemp("layouts")
    out = {}
    for name, make in LAYOUTS.items():
        path = base / name
        make(path)
        out[name] = (path, import_file(str(path)))
    return out


@pytest.mark.parametrize("name", GOLDEN)
def test_layout_imports_as_expected(imported, name):
    path, result = imported[name]
    assert result.error is None, result.error
    assert len(result.descriptions) == 1
    d = result.descriptions[0]
    golden = LAYOUT_DIR / (Path(name).stem + ".aj")
    if os.environ.get("AJ_UPDATE_LAYOUTS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(d.text, encoding="utf-8")
    expected = loads(golden.read_text(encoding="utf-8"))
    assert content(d.doc) == content(expected)
    assert d.errors == []
    assert result.coverage.lost_count == 0 and result.coverage.unplaced == 0
    if not name.startswith("proosa"):  # tables say where each word goes: nothing to check
        assert review_items(d.doc) == []


def _words(doc: m.Document) -> list[str]:
    texts = []
    for node in m.walk(doc):
        texts.extend(
            getattr(node, a)
            for a in ("title", "key", "value", "text")
            if isinstance(getattr(node, a, None), str)
        )
    return words_of("\n".join(texts))


def test_three_page_pdf_drops_page_furniture(imported):
    """The running header, the page numbers and the header row repeated on pages 2 and 3
    are not text of the description; the row cut by the page break is one duty."""
    import pdfplumber

    path, result = imported["kolm-lehte.pdf"]
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 3
        raw = words_of("\n".join(p.extract_text() for p in pdf.pages))
    doc = result.descriptions[0].doc
    words = _words(doc)
    assert raw.count("arendusnõuniku") == 3 and "arendusnõuniku" not in words
    assert raw.count("lk") == 3 and "lk" not in words
    # the header row once, as the table's column headers; its repeats are furniture
    assert raw.count("tulemus") == 3 and words.count("tulemus") == 1
    assert [f.sentence for f in doc.duty_section.header] == ["Ülesanne", "Tulemus"]
    cut = doc.duty("3.7")
    assert cut.text.endswith("osakondadega ning nende täitmise jälgimine.")
    assert [r.text for r in cut.results] == [
        "Riskid on hinnatud.",
        "Maandamismeetmed on kokku lepitud.",
    ]


def test_split_word_table_drops_the_repeated_header_row(imported):
    _, result = imported["tukeldatud.docx"]
    doc = result.descriptions[0].doc
    assert [x.number for x in doc.duties] == ["3.1.", "3.2.", "3.3.", "3.4.", "3.5."]
    # the header row once, as the table's column headers; its repeat is furniture
    assert _words(doc).count("põhiülesanne") == 1
    assert doc.duty_section.header[0].sentence.startswith("Põhiülesanne")
    # nested numbers and a list in the duty column stay in the duty
    assert "3.4.1. toimikute kirjeldamine;" in doc.duty("3.4").text
    assert "telefonikõnedele vastamine." in doc.duty("3.2").text
    assert [r.text for r in doc.duty("3.2").results] == [
        "elanik saab vastuse või teab, kes tema asja menetleb."
    ]


def test_merged_word_cells_give_a_field_once(imported):
    _, result = imported["liidetud.docx"]
    gen = result.descriptions[0].doc.section("üldosa")
    assert [f.key for f in gen.fields].count("asendaja") == 1
    assert gen.value("asendaja") == "Vanemhooldustehnik\nHaldusspetsialist"


def test_prose_general_part_keeps_its_sentences_and_yields_fields(imported):
    _, result = imported["proosa.docx"]
    doc = result.descriptions[0].doc
    assert doc.general.title == "raamatukoguhoidja"
    assert doc.general.substitute == "teine raamatukoguhoidja"
    gen = doc.section("üldosa")
    assert all(f.in_prose or not f.key for f in gen.fields)
    assert [f.sentence for f in gen.fields][1] == (
        "1.2. Raamatukoguhoidja töötab lugejateeninduse osakonnas."
    )
    # what the importer read from the sentences is a decision a person checks
    assert {i.path for i in review_items(doc)} >= {"üldosa", "üldosa.ametinimetus"}
    assert [x.number for x in doc.duties] == ["3.1.", "3.2."]


def test_unreadable_word_and_pdf_files_are_refused_with_one_line(tmp_path):
    """A scanned PDF (no text layer), an encrypted PDF and a .docx that is no zip: one
    line each, exit 1, nothing written."""
    from reportlab.pdfgen import canvas

    from tests.helpers import run_aj
    from tests.helpers.pdf import PdfPage, make_pdf

    scan = tmp_path / "skaneeritud.pdf"
    page = PdfPage()
    page.image()
    make_pdf(scan, [page], image=True)
    locked = tmp_path / "lukus.pdf"
    c = canvas.Canvas(str(locked), encrypt="parool")
    c.drawString(72, 720, "AMETIJUHEND")
    c.drawString(72, 700, "1. ÜLDOSA")
    c.save()
    notzip = tmp_path / "vana.docx"
    notzip.write_bytes(b"{\\rtf1 AMETIJUHEND}")
    out = tmp_path / "out"
    res = run_aj("import", str(scan), str(locked), str(notzip), "-o", str(out))
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    expected = {
        scan: "no text in the PDF (a scanned image?); run OCR on it first",
        locked: "encrypted PDF; remove the password first",
        notzip: "not a Word .docx file (not a zip archive)",
    }
    for path, why in expected.items():
        lines = [x for x in res.stderr.splitlines() if x.startswith(f"{path}: error: ")]
        assert len(lines) == 1 and why in lines[0], (path, res.stderr)
    assert not out.exists() or not any(out.iterdir())


def test_word_content_controls_and_tracked_insertions_are_text(tmp_path):
    """A template's field values stand in content controls (w:sdt), an edit not yet
    accepted in w:ins; deleted text (w:del) is not shown by Word and not imported."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("AMETIJUHEND")
    d.add_paragraph("1. ÜLDOSA")
    p = d.add_paragraph("Ametinimetus: ")
    p._p.append(
        parse_xml(
            f"<w:sdt {w}><w:sdtContent><w:r><w:t>Projektijuht</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    d.add_paragraph("2. TÖÖÜLESANDED")
    p = d.add_paragraph("2.1. Projektide planeerimine")
    p._p.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="x"><w:r><w:t xml:space="preserve">'
            " ja elluviimine</w:t></w:r></w:ins>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="x"><w:r><w:delText> ning aruandlus'
            "</w:delText></w:r></w:del>"
        )
    )
    p.add_run(".")
    path = tmp_path / "mall.docx"
    d.save(str(path))
    doc = import_file(str(path)).descriptions[0].doc
    assert doc.general.title == "Projektijuht"
    assert doc.duty("2.1").text == "Projektide planeerimine ja elluviimine."


def test_annexes_each_on_a_page_of_their_own_are_not_running_headers(tmp_path):
    """A directive's annexes, each starting a page with the same stamp: the stamp stands
    in the top margin of every page but starts a description each time."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "lisad.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n, title in ((1, "Aednik"), (2, "Kojamees"), (3, "Remondimees")):
        y = 810
        for line in (
            "KINNITATUD",
            "Näidisvalla vallavanema 02.09.2024 käskkirjaga nr 45",
            f"Lisa {n}",
            "AMETIJUHEND",
            "1. ÜLDOSA",
            f"Ametinimetus: {title}",
            "2. TÖÖÜLESANDED",
            "2.1. Territooriumi korrashoid.",
            "• Territoorium on korras.",
        ):
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    result = import_file(str(path))
    assert result.error is None, result.error
    assert [d.doc.general.title for d in result.descriptions] == [
        "Aednik",
        "Kojamees",
        "Remondimees",
    ]
    assert [d.doc.approval.annex for d in result.descriptions] == ["1", "2", "3"]


def test_two_annexes_whose_tables_start_alike_keep_both_first_rows(tmp_path):
    """Only a table split in two repeats its header row as furniture: two descriptions
    for the same position start their general-part tables with the same row."""
    import docx

    d = docx.Document()
    for n in (1, 2):
        for x in (
            "KINNITATUD",
            "Näidisvalla vallavanema 02.09.2024 käskkirjaga nr 45",
            f"Lisa {n}",
            "AMETIJUHEND",
            "1. ÜLDOSA",
        ):
            d.add_paragraph(x)
        t = d.add_table(rows=2, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Ametinimetus", "Nõustaja"
        t.rows[1].cells[0].text = "Struktuuriüksus"
        t.rows[1].cells[1].text = "Lõunapiirkond" if n == 1 else "Põhjapiirkond"
        d.add_paragraph("2. TÖÖÜLESANDED")
        d.add_paragraph("2.1. Nõustamine.")
    path = tmp_path / "kaks.docx"
    d.save(str(path))
    result = import_file(str(path))
    assert [(x.doc.general.title, x.doc.general.unit) for x in result.descriptions] == [
        ("Nõustaja", "Lõunapiirkond"),
        ("Nõustaja", "Põhjapiirkond"),
    ]


def test_word_text_box_is_read_once(tmp_path):
    """An approval stamp in a text box: read once (not again from the copy Word keeps
    for old readers), before the paragraph it is anchored in."""
    import docx
    from docx.oxml import parse_xml

    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )

    def box():
        return (
            "<w:txbxContent><w:p><w:r><w:t>KINNITATUD</w:t></w:r></w:p><w:p><w:r>"
            "<w:t>Näidisvalla vallavanema 02.09.2024 käskkirjaga nr 45</w:t></w:r></w:p>"
            "</w:txbxContent>"
        )

    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(
        parse_xml(
            f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
            f"{box()}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
            f"{box()}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    p.add_run("AMETIJUHEND")
    for x in ("1. ÜLDOSA", "Ametinimetus: Spetsialist", "2. TÖÖÜLESANDED", "2.1. Töö."):
        d.add_paragraph(x)
    path = tmp_path / "kast.docx"
    d.save(str(path))
    result = import_file(str(path))
    doc = result.descriptions[0].doc
    assert doc.approval.number == "45" and doc.approval.date_text == "02.09.2024"
    assert result.descriptions[0].text.count("KINNITATUD") == 1


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_cut_and_damaged_files_are_refused_or_imported_never_raised(
    imported, tmp_path, name, capfd
):
    """A Word or PDF file cut short or with bytes overwritten: one clear printable line or
    a description that reads back, never an exception, an internal error or the PDF
    library's own complaints on stderr."""
    import random

    path, _ = imported[name]
    data = path.read_bytes()
    rng = random.Random(name)
    for k in range(12):
        broken = bytearray(data)
        if k % 2:
            broken = broken[: rng.randrange(len(data))]
        else:
            for _ in range(8):
                at = rng.randrange(len(broken))
                broken[at : at + 4] = bytes(rng.randrange(256) for _ in range(4))
        target = tmp_path / f"{k}-{name}"
        target.write_bytes(bytes(broken))
        result = import_file(str(target))
        if result.error is not None:
            assert "internal" not in result.error and result.error.isprintable(), result.error
            continue
        for d in result.descriptions:
            assert loads(d.text) == d.doc
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("stamp_in_header", [True, False])
def test_word_page_header_is_read_for_a_stamp_only(tmp_path, stamp_in_header):
    import docx

    d = docx.Document()
    header = d.sections[0].header.paragraphs[0]
    body = [
        "AMETIJUHEND",
        "1. ÜLDOSA",
        "Ametinimetus: Kassapidaja",
        "2. TÖÖÜLESANDED",
        "2.1. Kassa pidamine.",
        "• Kassa on korras.",
    ]
    stamp = "KINNITATUD Näidisvalla vallavanema 05.05.2025 käskkirjaga nr 7"
    if stamp_in_header:
        header.text = stamp
    else:
        header.text = "Näidisvalla Vallavalitsus · kassapidaja ametijuhend"
        body = [stamp] + body
    for x in body:
        d.add_paragraph(x)
    path = tmp_path / "paised.docx"
    d.save(str(path))
    result = import_file(str(path))
    doc = result.descriptions[0].doc
    assert doc.approval.number == "7" and doc.approval.date_text == "05.05.2025"
    assert "Vallavalitsus" not in result.descriptions[0].text
    assert result.coverage.percent == 100.0


def test_borderless_grid_with_every_label_between_its_value_lines(tmp_path):
    """No label shares a line with its value, and the table stands off the text's margin:
    the columns are told from the labels between their values' lines."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    from tests.helpers.import_layouts import _build_pdf, _cell, _pdf_styles

    st = _pdf_styles()
    rows = [
        ["Ametinimetus", ["Peaspetsialist", "(andmekaitse)"]],
        ["Struktuuriüksus", ["Õigusosakonna", "andmekaitse talitus"]],
        ["Vahetu juht", ["Talituse juhataja", "või tema asendaja"]],
    ]
    table = Table(
        [[_cell([a], st), _cell(b, st)] for a, b in rows], colWidths=[150, 300], hAlign="RIGHT"
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, -1), "MIDDLE")]))
    path = tmp_path / "keskel.pdf"
    _build_pdf(
        path,
        [Paragraph(x, st) for x in ("AMETIJUHEND", "1. ÜLDOSA")]
        + [table]
        + [Paragraph(x, st) for x in ("2. TEENISTUSÜLESANDED", "2.1. Andmekaitse nõustamine.")],
    )
    gen = import_file(str(path)).descriptions[0].doc.general
    assert (gen.title, gen.unit, gen.manager) == (
        "Peaspetsialist\n(andmekaitse)",
        "Õigusosakonna\nandmekaitse talitus",
        "Talituse juhataja\nvõi tema asendaja",
    )


def test_sub_duty_numbers_in_the_results_column_stay_with_the_duty(tmp_path):
    import docx

    d = docx.Document()
    for x in ("AMETIJUHEND", "1. ÜLDOSA", "Ametinimetus: Kokk", "2. TÖÖÜLESANDED"):
        d.add_paragraph(x)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Ülesanne", "Tulemus"
    t.cell(1, 0).text = "2.1. Toitlustamise korraldamine:"
    t.cell(1, 1).text = "2.1.1. menüü koostamine;"
    t.cell(1, 1).add_paragraph("2.1.2. toiduainete tellimine.")
    t.cell(1, 1).add_paragraph("Toit on valmis õigel ajal.")
    path = tmp_path / "kokk.docx"
    d.save(str(path))
    doc = import_file(str(path)).descriptions[0].doc
    duty = doc.duty("2.1")
    assert duty.text.splitlines() == [
        "Toitlustamise korraldamine:",
        "2.1.1. menüü koostamine;",
        "2.1.2. toiduainete tellimine.",
    ]
    assert [r.text for r in duty.results] == ["Toit on valmis õigel ajal."]
    assert {i.path for i in review_items(doc)} >= {"ülesanded[2.1]"}


def test_new_layouts_keep_labels_dates_and_name_every_guess(imported):
    """Layouts the corpus lacks: the document's labels kept, a month-name approval date
    read as a date, and each field a sentence states besides the marked one named."""
    sildid = imported["sildid.docx"][1].descriptions[0].doc
    assert [(f.key, m.printed_label(f)) for f in sildid.section("üldosa").fields] == [
        ("ametinimetus", "Teenistuskoht"),
        ("struktuuriüksus", "Struktuuriüksus"),
        ("vahetu juht", "Kellele allub"),
        ("asendaja", "Ametnikku asendab"),
        ("asendab", "Ametnik asendab"),
    ]
    assert sildid.approval.date.isoformat() == "2025-03-03"
    prose = imported["proosa-kuupaev.pdf"][1].descriptions[0]
    assert prose.doc.approval.date.isoformat() == "2025-09-16"
    assert prose.doc.general.title == "arhiivipidaja"
    assert prose.doc.general.manager == "vallasekretär"
    assert prose.doc.general.unit is None
    assert any(
        "'struktuuriüksus' too" in r.why for r in prose.review if r.path == "üldosa.ametinimetus"
    )
    colons = imported["koolonid.pdf"][1].descriptions[0].doc
    assert colons.requirements.education == "Kõrgharidus majanduse erialal"
