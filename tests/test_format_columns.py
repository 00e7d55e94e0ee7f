"""A duty table's column headers as the document words them: `> ` lines above the duties."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from ajtui.format import model as m
from ajtui.format import parser, writer
from ajtui.ops import export
from ajtui.present.render import render_document

TEXT = """ülesanded: TEENISTUSÜLESANDED
  > Ülesanne
  > Tulemuslikkuse
    näitaja
  4.1 Korraldab järelevalvet;
    - järelevalve on tehtud
"""


def _shown(doc: m.Document) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(render_document(doc, 100))
    return console.file.getvalue()


def test_column_headers_read_write_and_print():
    doc = parser.loads(TEXT)
    sec = doc.duty_section
    assert [f.sentence for f in sec.header] == ["Ülesanne", "Tulemuslikkuse\nnäitaja"]
    assert sec.columns == ("Ülesanne", "Tulemuslikkuse\nnäitaja")
    assert writer.dumps(doc) == TEXT
    shown = _shown(doc)
    assert "Ülesanne" in shown and "Tulemuslikkuse näitaja" in shown
    assert "Põhiülesanded" not in shown
    assert "<th>Ülesanne</th>" in export.to_html(doc)
    assert "Ülesanne \\| Tulemuslikkuse näitaja" in export.to_markdown(doc)
    data = export.to_json(doc)
    assert [h["value"] for h in data["sections"][0]["header"]] == [
        "Ülesanne",
        "Tulemuslikkuse\nnäitaja",
    ]
    assert export.from_json(data) == doc


def test_other_lines_above_the_duties_print_as_text_and_default_headers_stay():
    doc = parser.loads(TEXT.replace("  > Tulemuslikkuse\n    näitaja\n", ""))
    shown = _shown(doc)
    assert "Ülesanne" in shown and "Põhiülesanded" in shown


def test_lines_only_above_duties():
    with pytest.raises(parser.AjSyntaxError):
        parser.loads(TEXT + "  > Hiljem\n")
    # a text cut off after the column headers: the headers stay without a duty
    doc = m.Document([m.DutySection("ülesanded", header=[m.Field("", "X", in_prose=True)])])
    assert parser.loads(writer.dumps(doc)) == doc
