"""`aj export --to docx|pdf`: the official document, its template, many descriptions in
one file, and the refusals (invalid input, existing output, the input itself, an
unwritable place, a terminal). The round trip through `aj import` is in
test_documents_roundtrip.py."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, run_aj

SAMPLES = ROOT / "descriptions"
KLAT = SAMPLES / "koordinaator-klat.aj"  # approved by directive nr 23
CONTRACT = SAMPLES / "teenuse-juht-tttvt.aj"  # a contract annex
REFERENCE = FIXTURES / "documents"

LETTERS = """ametijuhend
  asutus: Šokolaadiamet
  kinnitatud: käskkirjaga
  kinnitaja: Šokolaadiameti peadirektori
  number: 7
  kuupäev: 02.03.2026
  lisa: 4

1. üldosa: Üldosa
  ametinimetus: Žürii õpetaja
  struktuuriüksus: ÕÄÖÜŠŽ õäöüšž osakond
  vahetu juht: Jüri Šmõžölä

2. ülesanded: Ülesanded
  2.1 Võõrkeelsete tööülesannete täitmine.
    - Tööülesanded on täidetud.
"""


def pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdf_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


# --- what the document holds -------------------------------------------------------------------


def test_pdf_holds_the_stamp_title_sections_tables_and_page_numbers(tmp_path):
    out = tmp_path / "klat.pdf"
    done = run_aj("export", str(KLAT), "--to", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == done.stderr == ""
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(out)
    lines = text.splitlines()
    assert lines[:4] == [
        "KINNITATUD",
        "Sotsiaalkindlustusameti peadirektori 12.02.2024",
        "käskkirjaga nr 23",
        "AMETIJUHEND",
    ]
    for want in ("1. Üldosa", "Ametinimetus Koordinaator", "3. Teenistusülesanded", "Lk 1", "Lk 2"):
        assert want in text, want
    # the signatures, last
    assert lines[-1].startswith("Lk ") and "(allkirjastatud digitaalselt)" in "\n".join(lines[-8:])


def test_estonian_letters_are_text_in_an_embedded_font(tmp_path):
    src = tmp_path / "tahed.aj"
    src.write_text(LETTERS, encoding="utf-8")
    out = tmp_path / "tahed.pdf"
    assert run_aj("export", str(src), "--to", "pdf", "-o", str(out)).returncode == 0
    text = pdf_text(out)
    assert "ÕÄÖÜŠŽ õäöüšž osakond" in text
    assert "Jüri Šmõžölä" in text and "Žürii õpetaja" in text
    data = out.read_bytes()
    assert b"/FontFile2" in data  # the TrueType font is in the file
    assert b"DejaVuSansCondensed" in data
    import pdfplumber

    with pdfplumber.open(out) as pdf:  # every character in it (no base-14 font stands in)
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts == {"DejaVuSansCondensed", "DejaVuSansCondensed-Bold"}


def test_the_font_ships_with_its_licence():
    fonts = ROOT / "ajtui" / "documents" / "fonts"
    assert {p.name for p in fonts.iterdir()} >= {
        "DejaVuSansCondensed.ttf",
        "DejaVuSansCondensed-Bold.ttf",
        "LICENSE",
    }
    assert "Bitstream" in (fonts / "LICENSE").read_text(encoding="utf-8")


def test_docx_uses_named_styles_two_column_duties_and_page_numbers(tmp_path):
    import docx

    out = tmp_path / "klat.docx"
    assert run_aj("export", str(KLAT), "--to", "docx", "-o", str(out)).returncode == 0
    d = docx.Document(str(out))
    paras = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert paras[:4] == [
        ("Normal", "KINNITATUD"),
        ("Normal", "Sotsiaalkindlustusameti peadirektori 12.02.2024"),
        ("Normal", "käskkirjaga nr 23"),
        ("Title", "AMETIJUHEND"),
    ]
    assert ("Heading 1", "3. Teenistusülesanded") in paras
    general, duties = d.tables[0], d.tables[1]
    assert [c.text for c in general.rows[0].cells] == ["Ametinimetus", "Koordinaator"]
    assert len(duties.columns) == 2
    first = duties.rows[0].cells
    assert first[0].text.startswith("3.1 KLAT-i suunamise ja hindamise\nsüsteemi korraldamine")
    assert [p.style.name for p in first[1].paragraphs] == ["List Bullet"] * len(first[1].paragraphs)
    footer = d.sections[0].footer._element.xml
    assert "PAGE" in footer and "fldChar" in footer
    assert d.sections[0].footer.paragraphs[0].text.startswith("Lk ")


def test_a_contract_annex_says_so(tmp_path):
    out = tmp_path / "tttvt.pdf"
    assert run_aj("export", str(CONTRACT), "--to", "pdf", "-o", str(out)).returncode == 0
    assert pdf_text(out).splitlines()[0] == "Töölepingu lisa"


# --- many descriptions ----------------------------------------------------------------------


def test_a_folder_goes_into_one_file_each_from_a_new_page_with_its_annex(tmp_path):
    folder = tmp_path / "kaust"
    folder.mkdir()
    for name in ("b.aj", "a.aj", "c.aj"):
        shutil.copy(KLAT, folder / name)
    own = (
        (folder / "c.aj")
        .read_text(encoding="utf-8")
        .replace("  kuupäev: 12.02.2024\n", "  kuupäev: 12.02.2024\n  lisa: 9\n")
    )
    (folder / "c.aj").write_text(own, encoding="utf-8")
    out = tmp_path / "lisad.pdf"
    done = run_aj("export", str(folder), "--to", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    starts = [p.splitlines()[:4] for p in pdf_pages(out) if p.startswith("KINNITATUD")]
    # a.aj, b.aj, c.aj: sorted; c.aj keeps its own number
    assert [s[3] for s in starts] == ["Lisa 1", "Lisa 2", "Lisa 9"]


def test_files_named_keep_the_order_given(tmp_path):
    import docx

    out = tmp_path / "lisad.docx"
    done = run_aj("export", str(KLAT), str(CONTRACT), "--to", "docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts.index("Lisa 1") < texts.index("Töölepingu lisa") < texts.index("Lisa 2")


# --- refusals ------------------------------------------------------------------------------


def test_an_invalid_description_is_refused_with_the_check_message_and_nothing_written(tmp_path):
    bad = tmp_path / "vigane.aj"
    bad.write_text(KLAT.read_text(encoding="utf-8").replace("12.02.2024", "31.02.2024"), "utf-8")
    out = tmp_path / "out.pdf"
    done = run_aj("export", str(KLAT), str(bad), "--to", "pdf", "-o", str(out))
    assert done.returncode == 1
    assert not out.exists()
    check = run_aj("check", "--no-cache", str(bad))
    message = [x for x in check.stderr.splitlines() if "AJ131" in x]
    assert message and message[0] in done.stderr.splitlines()
    assert done.stderr.splitlines()[-1] == (
        "aj export: nothing written: fix the errors `aj check` reports"
    )


def test_a_syntax_error_is_refused(tmp_path):
    bad = tmp_path / "vigane.aj"
    bad.write_text(
        KLAT.read_text(encoding="utf-8").replace("3. ülesanded:", "3. ülesaned:"), "utf-8"
    )
    done = run_aj("export", str(bad), "--to", "docx", "-o", str(tmp_path / "x.docx"))
    assert done.returncode == 1 and "AJ001" in done.stderr
    assert not (tmp_path / "x.docx").exists()


def test_an_existing_output_needs_force(tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"keep")
    done = run_aj("export", str(KLAT), "--to", "pdf", "-o", str(out))
    assert done.returncode == 1
    assert done.stderr == f"{out}: error: exists; use --force to overwrite it\n"
    assert out.read_bytes() == b"keep"
    assert run_aj("export", str(KLAT), "--to", "pdf", "-o", str(out), "--force").returncode == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_output_may_not_be_an_input(tmp_path):
    src = tmp_path / "klat.aj"
    shutil.copy(KLAT, src)
    link = tmp_path / "link.pdf"
    link.symlink_to(src)
    for target in (src, link):
        done = run_aj("export", str(src), "--to", "pdf", "-o", str(target), "--force")
        assert done.returncode == 1
        assert "is the input file" in done.stderr
    assert src.read_text(encoding="utf-8") == KLAT.read_text(encoding="utf-8")


def test_an_unwritable_destination_is_one_line(tmp_path):
    out = tmp_path / "puudub" / "out.pdf"
    done = run_aj("export", str(KLAT), "--to", "pdf", "-o", str(out))
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"{out}: error: cannot write: ")


def test_binary_output_to_a_terminal_is_refused(tmp_path):
    main, other = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ajtui.cli", "export", str(KLAT), "--to", "pdf"],
            stdout=other,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(other)
        os.close(main)
    assert done.returncode == 2
    assert done.stderr == "aj export: error: a pdf file is not for the terminal; use -o OUT.pdf\n"


def test_binary_output_into_a_pipe_is_the_file(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "export", str(KLAT), "--to", "docx"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"PK")  # a zip: the .docx itself
    import docx

    assert docx.Document(io.BytesIO(done.stdout)).paragraphs[0].text == "KINNITATUD"


def test_text_formats_take_one_file_and_no_template(tmp_path):
    done = run_aj("export", str(KLAT), str(CONTRACT), "--to", "json")
    assert done.returncode == 2 and "takes one FILE" in done.stderr
    done = run_aj("export", str(KLAT), "--to", "pdf", "--template", str(KLAT), "-o", "x.pdf")
    assert done.returncode == 2 and "--template is for --to docx" in done.stderr


# --- the agency's template --------------------------------------------------------------------


def _template(path: Path, *, drop: str | None = None) -> None:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Näidisamet · ametijuhend"
    d.sections[0].footer.paragraphs[0].text = "Näidisameti jalus"
    d.add_paragraph("Malli enda tekst, mis ei jää alles.")
    if drop:
        style = d.styles[drop]
        style.element.getparent().remove(style.element)
    d.save(str(path))


def test_a_template_gives_its_header_footer_and_styles_and_loses_its_body(tmp_path):
    import docx

    template = tmp_path / "mall.docx"
    _template(template)
    out = tmp_path / "out.docx"
    done = run_aj("export", str(KLAT), "--to", "docx", "--template", str(template), "-o", str(out))
    assert done.returncode == 0, done.stderr
    d = docx.Document(str(out))
    assert d.sections[0].header.paragraphs[0].text == "Näidisamet · ametijuhend"
    assert d.sections[0].footer.paragraphs[0].text == "Näidisameti jalus"  # its own, kept
    texts = [p.text for p in d.paragraphs]
    assert "Malli enda tekst, mis ei jää alles." not in texts
    assert texts[0] == "KINNITATUD" and "AMETIJUHEND" in texts


def test_a_template_without_a_needed_style_is_one_line_naming_it(tmp_path):
    template = tmp_path / "mall.docx"
    _template(template, drop="List Bullet")
    out = tmp_path / "out.docx"
    done = run_aj("export", str(KLAT), "--to", "docx", "--template", str(template), "-o", str(out))
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(
        f"{template}: error: the template has no style named 'List Bullet'"
    )
    assert not out.exists()


def test_a_template_that_is_no_word_file_is_one_line(tmp_path):
    out = tmp_path / "out.docx"
    done = run_aj("export", str(KLAT), "--to", "docx", "--template", str(KLAT), "-o", str(out))
    assert done.returncode == 1
    assert done.stderr == f"{KLAT}: error: not a Word .docx file (PackageNotFoundError)\n"
    assert not out.exists()
    missing = tmp_path / "puudub.docx"
    done = run_aj("export", str(KLAT), "--to", "docx", "--template", str(missing), "-o", str(out))
    assert done.returncode == 1 and done.stderr == f"{missing}: error: no such file\n"


# --- the page as it looks ----------------------------------------------------------------------


def render_page(pdf: Path, index: int, scale: float = 1.0):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    return doc[index].render(scale=scale, grayscale=True).to_pil().convert("L")


@pytest.mark.parametrize(("source", "page"), [(KLAT, 0), (KLAT, 1), (CONTRACT, 0)])
def test_the_pages_look_like_the_reference_images(source, page, tmp_path):
    """Page images against committed references (tests/fixtures/documents/); a pixel
    counts as different when its grey differs by more than 64, and at most 0.5 % may.
    `AJ_UPDATE_REFERENCE=1` writes the references again (look at them before committing)."""
    out = tmp_path / "out.pdf"
    assert run_aj("export", str(source), "--to", "pdf", "-o", str(out)).returncode == 0
    image = render_page(out, page)
    ref = REFERENCE / f"{source.stem}-{page + 1}.png"
    if os.environ.get("AJ_UPDATE_REFERENCE"):
        image.save(ref, optimize=True)
    from PIL import Image, ImageChops

    want = Image.open(ref).convert("L")
    assert image.size == want.size
    diff = ImageChops.difference(image, want).point(lambda v: 255 if v > 64 else 0)
    changed = diff.histogram()[255] / (image.size[0] * image.size[1])
    assert changed <= 0.005, f"{changed:.2%} of the pixels differ from {ref.name}"


def test_a_long_line_is_set_smaller_not_wrapped_and_a_too_long_one_keeps_every_word(tmp_path):
    """The author's line is the printed line (so the import reads the same lines back): a
    line too wide for its column at 10 pt is set smaller; one too wide even at the smallest
    size wraps, and every word is still there."""
    wide = "Laia rea " + " ".join(f"sõna{i}" for i in range(14))  # 1.45 columns wide at 10 pt
    huge = " ".join(f"pikk{i}" for i in range(120))
    src = tmp_path / "read.aj"
    src.write_text(
        LETTERS.replace("  vahetu juht: Jüri Šmõžölä\n", f"  vahetu juht: {wide}\n")
        + f"\n3. õigused: Õigused\n  {huge}\n",
        encoding="utf-8",
    )
    out = tmp_path / "read.pdf"
    assert run_aj("export", str(src), "--to", "pdf", "-o", str(out)).returncode == 0
    lines = pdf_text(out).splitlines()
    assert f"Vahetu juht {wide}" in lines
    words = " ".join(lines).split()
    start = words.index("pikk0")
    assert words[start : start + 120] == huge.split()


def test_the_output_goes_through_the_one_writer_a_link_stays_a_link(tmp_path):
    real = tmp_path / "päris.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "viide.pdf"
    link.symlink_to(real.name)
    done = run_aj("export", str(KLAT), "--to", "pdf", "-o", str(link), "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
