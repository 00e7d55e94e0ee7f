"""The canonical form: dumps(loads(t)) == t, fmt idempotent, comments kept.

The text → canonical form pairs are in tests/fixtures/cases/canonical.txt."""

import pytest

import ajtui
from ajtui.format import model as m

from tests.helpers import FIXTURES, ROOT, cases

#: Text and its canonical form (tests/fixtures/cases/canonical.txt), and the files that are
#: their own canonical form.
CANONICAL = cases.read("canonical.txt") + cases.unchanged(
    sorted((FIXTURES / "valid").glob("*.aj")) + sorted((ROOT / "descriptions").glob("*.aj"))
)


@pytest.mark.parametrize("case", cases.params(CANONICAL))
def test_canonical_form_byte_for_byte(case):
    doc = ajtui.loads(case.text)
    out = ajtui.dumps(doc)
    assert out == case.output, case.origin
    assert ajtui.dumps(ajtui.loads(out)) == out  # a fixed point
    assert ajtui.loads(out) == doc  # that means what the input meant


@pytest.mark.parametrize("case", cases.params(CANONICAL))
def test_aj_fmt_writes_the_canonical_form(case, tmp_path, monkeypatch):
    from ajtui.cli import main

    (tmp_path / "x.aj").write_bytes(case.input)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["fmt", "x.aj"]) == 0
    assert (tmp_path / "x.aj").read_text(encoding="utf-8") == case.output, case.origin


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
    assert text == (
        "üldosa\n  ametinimetus: Nõustaja\n  struktuuriüksus: Ohvriabi osakond\n\n"
        "eesmärk\n  Aidata.\n\nülesanded\n  3.1 Nõustamine.\n    - Nõustatud.\n"
    )
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
