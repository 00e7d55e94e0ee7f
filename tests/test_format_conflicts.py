"""Conflicted files still read: git's markers found (ajtui.format.conflicts), the ours
reading parsed with every line in place, AJ160 per conflict, the writer refusing."""

from __future__ import annotations

import pytest

from ajtui.base.errors import AjSyntaxError
from ajtui.format import conflicts as cf
from ajtui.format.parser import loads
from ajtui.format.validate import validate
from ajtui.format.writer import UnwritableText, dumps
from ajtui.ops.edit import EditError, Editor

HEAD = """üldosa
  ametinimetus: Nõunik
<<<<<<< main
  vahetu juht: Talituse juht
=======
  vahetu juht: Osakonna juhataja
>>>>>>> feature
  struktuuriüksus: Arendusosakond

eesmärk
  Esimene lõik, mida mõlemad
<<<<<<< main
  muutsid nii.
||||||| base
  muutsid.
=======
  muutsid naa
  ja veel rohkem.
>>>>>>> feature
  Sama lõigu lõpp.

  Teine lõik.

ülesanded
  3.1 Dokumentide menetlemine.
    - Dokumendid on menetletud.
<<<<<<< main
  3.2 Juhendite koostamine.
    - Juhendid on koostatud ja avaldatud.
=======
>>>>>>> feature
  3.3 Nõustamine.
    - Nõustatud.
"""


def _side(text: str, which: str) -> str:
    return cf.resolve(text, dict.fromkeys(range(len(cf.find(text)[0])), which))


def test_blocks_are_found_with_their_names_sides_and_lines():
    found, reading = cf.find(HEAD)
    assert [(c.start_line, c.end_line) for c in found] == [(3, 7), (12, 19), (27, 31)]
    first, second, third = found
    assert (first.ours_label, first.theirs_label) == ("main", "feature")
    assert first.ours_text == "  vahetu juht: Talituse juht\n"
    assert first.theirs_text == "  vahetu juht: Osakonna juhataja\n"
    assert first.base_text is None
    assert second.base_text == "  muutsid.\n" and second.base_label == "base"
    assert second.theirs_text == "  muutsid naa\n  ja veel rohkem.\n"
    assert third.theirs_text == ""
    # the ours reading has every line where it was
    assert reading.count("\n") == HEAD.count("\n")
    assert "Osakonna juhataja" not in reading and "<<<<<<<" not in reading


def test_the_ours_reading_is_the_ours_text_parsed_alone():
    doc = loads(HEAD)
    assert doc == loads(_side(HEAD, "ours"))
    assert doc != loads(_side(HEAD, "theirs"))
    assert doc.general is not None
    # a paragraph cut by a block stays one paragraph, the blank line still parts two
    purpose = doc.section("eesmärk")
    assert [b.text.count("\n") for b in purpose.blocks] == [2, 0]  # type: ignore[union-attr]
    # nodes keep their lines in the conflicted file
    duties = doc.section("ülesanded").duties  # type: ignore[union-attr]
    assert [d.line for d in duties] == [25, 28, 32]
    # the markers are no comments of the document
    assert not any(n.comments for n in [*doc.sections, *duties]) and not doc.trailing_comments


def test_comments_inside_a_block_stay_with_ours():
    text = HEAD.replace(
        "  vahetu juht: Talituse juht\n", "  # märkus\n  vahetu juht: Talituse juht\n"
    )
    doc = loads(text)
    assert doc == loads(_side(text, "ours"))
    assert doc.section("üldosa").fields[1].comments == ["# märkus"]  # type: ignore[union-attr]


def test_each_conflict_is_an_error_at_its_marker_line():
    doc = loads(HEAD, path="x.aj")
    found = [d for d in validate(doc) if d.code == "AJ160"]
    assert [d.line for d in found] == [3, 12, 27]
    assert all(d.is_error for d in found)
    assert "unresolved merge conflict (main ↔ feature)" in found[0].message
    assert found[0].format().startswith("x.aj:3:1: AJ160 error:")
    # a file without markers pays nothing and has none
    clean = loads(_side(HEAD, "theirs"))
    assert clean.conflicts == [] and not [d for d in validate(clean) if d.code == "AJ160"]


def test_the_writer_and_the_editor_refuse_a_conflicted_document():
    doc = loads(HEAD)
    with pytest.raises(UnwritableText, match="resolve the merge conflicts first"):
        dumps(doc)
    ed = Editor(HEAD)
    assert ed.text() == HEAD  # unchanged: nothing to write
    ed.set("üldosa.ametinimetus", "Vanemnõunik")
    with pytest.raises(EditError, match="resolve the merge conflicts first"):
        ed.text()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("üldosa\n<<<<<<< a\n  x: 1\n=======\n  x: 2\n", 2, "not closed"),
        ("üldosa\n<<<<<<< a\n  x: 1\n>>>>>>> b\n", 4, "without '======='"),
        ("üldosa\n  x: 1\n>>>>>>> b\n<<<<<<< a\n=======\n>>>>>>> b\n", 3, "outside a conflict"),
        ("üldosa\n<<<<<<< a\n<<<<<<< a\n=======\n>>>>>>> b\n", 3, "inside the conflict"),
        ("üldosa\n<<<<<<< a\n=======\n=======\n>>>>>>> b\n", 4, "a second '======='"),
    ],
)
def test_a_malformed_block_is_a_syntax_error_at_its_line(text, line, words):
    with pytest.raises(AjSyntaxError) as e:
        loads(text)
    assert e.value.line == line and words in str(e.value)


def test_a_syntax_error_in_a_side_is_reported_at_its_own_line():
    text = HEAD.replace("  muutsid nii.\n", "yldosa\n")
    with pytest.raises(AjSyntaxError) as e:
        loads(text)
    assert e.value.line == 13


def test_resolve_takes_a_side_or_new_text_and_keeps_the_rest():
    one = cf.resolve(HEAD, {0: "theirs"})
    assert "Osakonna juhataja" in one and "Talituse juht" not in one
    assert len(cf.find(one)[0]) == 2
    edited = cf.resolve(HEAD, {}, edited={2: "  3.2 Uus.\n    - Uus tulemus."})
    assert "  3.2 Uus.\n    - Uus tulemus.\n  3.3 Nõustamine." in edited
    with pytest.raises(IndexError, match="no conflict 4"):
        cf.resolve(HEAD, {3: "ours"})
    with pytest.raises(ValueError, match="a side is one of"):
        cf.resolve(HEAD, {0: "base"})
