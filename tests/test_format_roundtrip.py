"""The canonical form: dumps(loads(t)) == t, fmt idempotent, comments kept."""

from pathlib import Path

import pytest

import ajtui
from ajtui.format import model as m

ROOT = Path(__file__).resolve().parent.parent
CANONICAL = sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.aj")) + sorted(
    (ROOT / "descriptions").glob("*.aj"))


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.name)
def test_round_trip_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    assert ajtui.dumps(ajtui.loads(text)) == text


def test_sample_reads_as_expected(sample_text):
    doc = ajtui.loads(sample_text)
    assert doc.approval.number == "95"
    assert doc.approval.date.isoformat() == "2023-06-11"
    assert doc.approval.is_directive
    assert doc.general.title == "Koordinaator\n(psühhosotsiaalse kriisiabi koordinaator)"
    assert doc.general.manager == "Piirkonna juht"
    assert [d.number for d in doc.duties] == ["3.1.", "3.2."]
    assert doc.duties[0].text.endswith("-motivatsioon")  # '-x' is text, '- x' an item
    assert len(doc.duties[0].results) == 2
    assert doc.duty("3.1").results[1].text == "Teine."
    assert doc.purpose.count("\n\n") == 1  # two paragraphs
    assert "[@click=app.quit]" in doc.purpose
    assert doc.requirements.languages.startswith("Eesti keele")
    assert doc.requirements.competencies[0].name == "Kliendikesksus"
    assert doc.requirements.additional == [("Korrektsus", "Täidab ülesandeid täpselt.")]
    assert doc.signatures[0].name == "Maret Maripuu"
    assert doc.comments == ["# Sample", "# first duty", "# end"]


def test_positions_point_at_the_source(sample_text):
    doc = ajtui.loads(sample_text)
    lines = sample_text.split("\n")
    for node in m.walk(doc):
        assert node.line > 0, node
        assert node.end_line >= node.line, node
    duty = doc.duty("3.1")
    assert lines[duty.line - 1].strip().startswith("3.1.")
    assert lines[duty.end_line - 1].strip() == "- Teine."


def test_ascii_keywords_are_written_in_proper_spelling():
    text = "uldosa\n  ametinimetus: X\n  struktuuriuksus: Y\n\nulesanded\n  3.1 Z\n    - R\n"
    out = ajtui.dumps(ajtui.loads(text))
    assert out == "üldosa\n  ametinimetus: X\n  struktuuriüksus: Y\n\nülesanded\n  3.1 Z\n    - R\n"


def test_fmt_normalises_layout_but_not_words():
    messy = ("# top\n\n\nüldosa   \n     ametinimetus:    Nõunik   \n"
             "     vahetu juht: Juht\n\n\n\nülesanded\n   3.1   Teha\n       asju\n"
             "       - hästi\n   # about 3.2\n   3.2 Muu\n")
    doc = ajtui.loads(messy)
    out = ajtui.dumps(doc)
    assert out == ("# top\nüldosa\n  ametinimetus: Nõunik\n  vahetu juht: Juht\n\n"
                   "ülesanded\n  3.1 Teha\n    asju\n    - hästi\n  # about 3.2\n  3.2 Muu\n")
    assert ajtui.dumps(ajtui.loads(out)) == out
    assert ajtui.loads(out) == doc


def test_api_edit_then_dump(tmp_path, sample_text):
    path = tmp_path / "x.aj"
    path.write_text(sample_text, encoding="utf-8")
    doc = ajtui.load(path)
    doc.general.unit = "Ohvriabi osakond"
    doc.duties.append(ajtui.Duty("3.3", "Uus kohustus.", ["Tulemus."]))
    doc.approval.number = "12"
    ajtui.dump(doc, path)
    again = ajtui.load(path)
    assert again.general.unit == "Ohvriabi osakond"
    assert again.duty("3.3").results[0].text == "Tulemus."
    assert again.approval.number == "12"
    assert again.comments == doc.comments
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed away


def test_documents_built_in_code():
    doc = ajtui.Document()
    doc.ensure("üldosa")
    doc.general.title = "Nõustaja"
    doc.general.unit = "Ohvriabi osakond"
    doc.duties.append(ajtui.Duty("3.1", "Nõustamine.", ["Nõustatud."]))
    doc.purpose = "Aidata."
    text = ajtui.dumps(doc)
    assert text == ("üldosa\n  ametinimetus: Nõustaja\n  struktuuriüksus: Ohvriabi osakond\n\n"
                    "eesmärk\n  Aidata.\n\nülesanded\n  3.1 Nõustamine.\n    - Nõustatud.\n")
    assert ajtui.loads(text) == doc
    assert ajtui.check(doc) == [] or all(not d.is_error for d in ajtui.check(doc))


def test_writer_refuses_text_it_cannot_hold():
    doc = ajtui.Document()
    doc.duties.append(ajtui.Duty("3.1", "rida\n# not a comment"))
    with pytest.raises(ajtui.UnwritableText):
        ajtui.dumps(doc)
    doc = ajtui.Document()
    doc.duties.append(ajtui.Duty("3.1", "rida\n- not a result"))
    with pytest.raises(ajtui.UnwritableText):
        ajtui.dumps(doc)
