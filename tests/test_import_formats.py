"""PDF and DOCX sources, on files the tests make themselves.

The PDF is assembled by hand (PDF syntax, the standard Helvetica font in WinAnsiEncoding,
which has õ ä ö ü š ž): text lines, and a ruled two-column duty table that pdfplumber finds
as a table, so duties and results arrive in their own cells. The DOCX is written with
python-docx: paragraphs, list bullets, and real tables.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.format import model as m
from ajtui.importer import import_file

from tests.helpers.pdf import PdfPage, make_pdf


def _table(page: PdfPage, top: float, rows: list[tuple[list[str], list[str]]]) -> float:
    """A ruled two-column table; each cell's lines written inside it. Returns its bottom."""
    x0, x1, x2 = 50.0, 290.0, 545.0
    y = top
    for left, right in rows:
        height = 14.0 * max(len(left), len(right)) + 8
        page.rect(x0, y - height, x1 - x0, height)
        page.rect(x1, y - height, x2 - x1, height)
        for k, line in enumerate(left):
            page.text(x0 + 4, y - 14 - 14 * k, line)
        for k, line in enumerate(right):
            page.text(x1 + 4, y - 14 - 14 * k, line)
        y -= height
    return y


def write_sample_pdf(path: Path) -> None:
    p1 = PdfPage()
    y = 800.0
    for line in [
        "KINNITATUD",
        "Sotsiaalkindlustusameti peadirektori 11.06.2023",
        "käskkirjaga nr 95",
        "",
        "AMETIJUHEND",
        "",
        "1. ÜLDOSA",
        "Ametinimetus Nõustaja",
        "Struktuuriüksus Ohvriabi osakond, kriisitoe talitus",
        "Vahetu juht Talituse juhataja",
        "",
        "2. AMETIKOHA EESMÄRK",
        "Ametikoha eesmärk on nõustamine, et säilitada isikute",
        "toimetulekuvõime ja turvatunne.",
        "",
        "3. TEENISTUSÜLESANDED",
    ]:
        if line:
            p1.text(50, y, line)
        y -= 16
    y = _table(
        p1,
        y - 4,
        [
            (["Põhiülesanded"], ["Oodatavad tulemused"]),
            (
                ["3.1. Isikute nõustamine telefoni", "ja interneti teel."],
                [
                    "• Nõustamisteenus on kvaliteetne.",
                    "• Nõustamine on dokumenteeritud",
                    "nõuetekohaselt.",
                ],
            ),
            (
                ["3.2. Koostöö partneritega oma", "pädevusvaldkonnas."],
                ["• Toimub infovahetus ja koostöö", "partneritega."],
            ),
        ],
    )
    p2 = PdfPage()
    y = 800.0
    _table(
        p2,
        y,
        [
            (
                ["3.3. Vahetu juhi ühekordsete", "ülesannete täitmine."],
                ["• Ülesanded on täidetud tähtaegselt."],
            )
        ],
    )
    y = 700.0
    for line in [
        "4. ÕIGUSED",
        "• saada tööks vajalikku infot;",
        "• osaleda koolitustel.",
        "",
        "5. AMETIJUHENDI MUUTMINE",
        "Ametijuhend vaadatakse üle kord aastas.",
        "",
        "(allkirjastatud digitaalselt)",
        "Maret Maripuu",
        "peadirektor",
        "",
        "2",
    ]:
        if line:
            p2.text(50, y, line)
        y -= 16
    make_pdf(path, [p1, p2])


def test_pdf_table_cells_become_duties_and_results(tmp_path):
    pdf = tmp_path / "noustaja.pdf"
    write_sample_pdf(pdf)
    result = import_file(str(pdf))
    assert result.error is None, result.error
    assert result.kind == "pdf"
    d = result.descriptions[0]
    assert d.errors == []
    doc = d.doc
    assert doc.approval.number == "95" and doc.approval.date_text == "11.06.2023"
    assert doc.general.title == "Nõustaja"
    assert doc.general.unit == "Ohvriabi osakond, kriisitoe talitus"
    assert doc.purpose.startswith("Ametikoha eesmärk on nõustamine")
    assert [x.number for x in doc.duties] == ["3.1.", "3.2.", "3.3."]
    first = doc.duty("3.1")
    assert first.text == "Isikute nõustamine telefoni\nja interneti teel."
    assert [r.text for r in first.results] == [
        "Nõustamisteenus on kvaliteetne.",
        "Nõustamine on dokumenteeritud\nnõuetekohaselt.",
    ]
    assert [r.text for r in doc.duty("3.2").results] == [
        "Toimub infovahetus ja koostöö\npartneritega."
    ]
    # the table goes on on page 2, after the page break
    assert [r.text for r in doc.duty("3.3").results] == ["Ülesanded on täidetud tähtaegselt."]
    assert [f.sentence for f in doc.section("ülesanded").header] == [
        "Põhiülesanded",
        "Oodatavad tulemused",
    ]
    assert [i.text for i in doc.rights.items] == [
        "saada tööks vajalikku infot;",
        "osaleda koolitustel.",
    ]
    assert doc.amendment == "Ametijuhend vaadatakse üle kord aastas."
    assert doc.signatures[0].name == "Maret Maripuu"
    assert result.coverage.percent == 100.0
    assert d.slug == "noustaja-kriisitoe-talitus"


def test_pdf_without_text_is_refused_clearly(tmp_path):
    scan = tmp_path / "scan.pdf"
    page = PdfPage()
    page.image()
    make_pdf(scan, [page], image=True)
    result = import_file(str(scan))
    assert result.descriptions == []
    assert "no text in the PDF" in result.error and "OCR" in result.error


def test_broken_pdf_is_refused_clearly(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    assert "not a readable PDF" in import_file(str(bad)).error
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(bytes(range(256)) * 8)
    assert "not a PDF file" in import_file(str(noise)).error


# --- DOCX -----------------------------------------------------------------------------------


def write_sample_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    for text in [
        "KINNITATUD",
        "Sotsiaalkindlustusameti peadirektori 12.02.2024 käskkirjaga nr 23",
        "Lisa 4",
        "AMETIJUHEND",
        "1. ÜLDOSA",
    ]:
        d.add_paragraph(text)
    general = d.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        general.rows,
        [
            ("Ametinimetus", "Koordinaator"),
            ("Struktuuriüksus", "Ohvriabi ja ennetusteenuste osakond, ennetustalitus"),
            ("Kes asendab", "Tiimijuht"),
        ],
    ):
        row.cells[0].text = label
        row.cells[1].text = value
    d.add_paragraph("2. AMETIKOHA EESMÄRK")
    d.add_paragraph("Kinnise lasteasutuse teenuse sujuva korralduse tagamine.")
    d.add_paragraph("3. TEENISTUSÜLESANDED")
    duties = d.add_table(rows=3, cols=2)
    duties.rows[0].cells[0].text = "Põhiülesanded"
    duties.rows[0].cells[1].text = "Oodatavad tulemused"
    duties.rows[1].cells[0].text = "3.1 Süsteemi korraldamine ning jätkutoe toetamine."
    cell = duties.rows[1].cells[1]
    cell.paragraphs[0].text = "Teenusele suunamine on korraldatud."
    cell.add_paragraph("Otsused on vormistatud õigeaegselt.")
    duties.rows[2].cells[0].text = "3.2 Dokumentide menetlemine."
    duties.rows[2].cells[1].paragraphs[0].text = "Dokumendid on menetletud."
    d.add_paragraph("4. ÕIGUSED")
    d.add_paragraph("teha kaugtööd kokkuleppel vahetu juhiga;", style="List Bullet")
    d.add_paragraph("vastu võtta otsuseid oma pädevuse piires.", style="List Bullet")
    d.add_paragraph("5. AMETIKOHALE ESITATAVAD NÕUDED")
    req = d.add_table(rows=2, cols=2)
    req.rows[0].cells[0].text = "Haridus"
    req.rows[0].cells[1].text = "Kõrgharidus"
    req.rows[1].cells[0].text = "Keeleoskus"
    req.rows[1].cells[1].text = "Eesti keele oskus vähemalt tasemel C1."
    d.save(str(path))


def test_docx_tables_are_read_as_tables(tmp_path):
    path = tmp_path / "koordinaator.docx"
    write_sample_docx(path)
    result = import_file(str(path))
    assert result.error is None, result.error
    assert result.kind == "docx"
    d = result.descriptions[0]
    assert d.errors == []
    doc = d.doc
    assert doc.approval.number == "23" and doc.approval.annex == "4"
    assert doc.general.title == "Koordinaator"
    assert doc.general.substitute == "Tiimijuht"
    assert m.printed_label(doc.section("üldosa").get("asendaja")) == "Kes asendab"
    assert [x.number for x in doc.duties] == ["3.1", "3.2"]
    assert doc.duty("3.1").text == "Süsteemi korraldamine ning jätkutoe toetamine."
    # two paragraphs in the results cell are two results
    assert [r.text for r in doc.duty("3.1").results] == [
        "Teenusele suunamine on korraldatud.",
        "Otsused on vormistatud õigeaegselt.",
    ]
    assert [i.text for i in doc.rights.items] == [
        "teha kaugtööd kokkuleppel vahetu juhiga;",
        "vastu võtta otsuseid oma pädevuse piires.",
    ]
    assert doc.requirements.education == "Kõrgharidus"
    assert doc.requirements.languages == "Eesti keele oskus vähemalt tasemel C1."
    assert result.coverage.percent == 100.0
    assert d.slug == "koordinaator-ennetustalitus"


def test_docx_automatic_numbering_is_rendered(tmp_path):
    """Section and duty numbers made by Word's numbering are not in the text: they are
    rendered as Word shows them."""
    import docx

    path = tmp_path / "numbered.docx"
    d = docx.Document()
    d.add_paragraph("AMETIJUHEND")
    d.add_paragraph("ÜLDOSA", style="List Number")
    d.add_paragraph("Ametinimetus: Spetsialist")
    d.add_paragraph("TEENISTUSÜLESANDED", style="List Number")
    d.add_paragraph("3.1. Nõustamine.")
    d.add_paragraph("Klient on nõustatud.", style="List Bullet")
    d.save(str(path))
    doc = import_file(str(path)).descriptions[0].doc
    assert doc.section("üldosa").number == "1"
    assert doc.section("ülesanded").number == "2"
    assert doc.general.title == "Spetsialist"
    assert [r.text for r in doc.duties[0].results] == ["Klient on nõustatud."]


def test_docx_garbage_is_refused_clearly(tmp_path):
    import zipfile

    fake = tmp_path / "fake.docx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("hello.txt", "hello")
    assert "without word/document.xml" in import_file(str(fake)).error
    notzip = tmp_path / "notzip.docx"
    notzip.write_bytes(b"just text in a .docx")
    assert "not a zip archive" in import_file(str(notzip)).error


def test_pdf_and_docx_libraries_are_imported_lazily():
    """Importing text loads neither the PDF/DOCX readers nor the app's layers."""
    code = (
        "import sys, ajtui.importer, ajtui.cli.import_; "
        "from ajtui.importer import import_text; "
        "import_text(open(sys.argv[1], encoding='utf-8').read()); "
        "bad = [m for m in ('pdfplumber', 'pdfminer', 'docx', 'textual', 'git', 'rich') "
        "if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    seed = Path(__file__).parent / "fixtures" / "seeds" / "000_565dca937d0d858a.txt"
    res = subprocess.run(
        [sys.executable, "-c", code, str(seed)], capture_output=True, text=True, timeout=60
    )
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.parametrize("maker", [write_sample_pdf, write_sample_docx])
def test_pdf_and_docx_match_the_text_route(tmp_path, maker):
    """The same kind of document through either reader gives a valid description."""
    path = tmp_path / ("x.pdf" if maker is write_sample_pdf else "x.docx")
    maker(path)
    from ajtui.format.parser import loads

    d = import_file(str(path)).descriptions[0]
    assert loads(d.text) == d.doc
