"""A PDF carries no heading styles; a line set wholly in a bold face is the PDF's heading
style. An unnumbered heading in ordinary case ("Õigused ja vastutus") is a heading when bold,
and text (with a review note) when not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.format.parser import loads

FONTS = Path(__file__).parent.parent / "ajtui" / "documents" / "fonts"
LINES = [
    ("AMETIJUHEND", True),
    ("1. Üldosa", True),
    ("Ametinimetus: Jurist", False),
    ("Struktuuriüksus: Õigusosakond", False),
    ("2. Teenistusülesanded", True),
    ("2.1 Lepingute ja õigusaktide eelnõude koostamine.", False),
    ("Õigused ja vastutus", None),  # bold or not: the case under test
    ("Teenistujal on õigus saada tööks vajalikku teavet.", False),
]


def _pdf(path: Path, heading_bold: bool) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = sorted(FONTS.glob("*.ttf"), key=lambda p: "Bold" in p.name)[:2]
    pdfmetrics.registerFont(TTFont("Body", str(regular)))
    pdfmetrics.registerFont(TTFont("Body-Bold", str(bold)))
    c = canvas.Canvas(str(path))
    y = 760
    for text, is_bold in LINES:
        c.setFont("Body-Bold" if (heading_bold if is_bold is None else is_bold) else "Body", 11)
        c.drawString(72, y, text)
        y -= 22
    c.save()


def _imported(tmp_path: Path, heading_bold: bool):
    src = tmp_path / "juhend.pdf"
    _pdf(src, heading_bold)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "import", str(src), "-o", str(out)],
        capture_output=True,
        check=False,
    )
    (path,) = out.glob("*.aj")
    return loads(path.read_text(encoding="utf-8"))


def test_a_bold_unnumbered_heading_in_ordinary_case_starts_its_section(tmp_path):
    doc = _imported(tmp_path, heading_bold=True)
    assert [s.kind for s in doc.sections][-1] == "õigused"
    assert doc.sections[-1].title == "Õigused ja vastutus"
    assert [r.text for d in doc.duties for r in d.results] == []


def test_the_same_line_not_bold_is_not_taken_for_a_heading(tmp_path):
    doc = _imported(tmp_path, heading_bold=False)
    assert "õigused" not in [s.kind for s in doc.sections]
