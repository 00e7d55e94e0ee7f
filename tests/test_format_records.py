"""The model's nodes, the document, conflicts and diagnostics as plain records
(ajtui.base.records): what `@dataclass` gave them — the constructor, equality without
positions, repr, unhashable (frozen ones hashable), replace, copies — without importing
`dataclasses` (or `typing`) on the parse path."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys

import pytest

from ajtui.base.records import Record, compared_fields, replace
from ajtui.format import model as m
from ajtui.format.conflicts import Conflict
from ajtui.format.parser import loads
from ajtui.format.validate import Diagnostic

from tests.helpers import ROOT

TEXT = (ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8")
POSITIONS = ("line", "column", "end_line")


def _records() -> list[Record]:
    doc = loads(
        TEXT + "\nnõuded\n  kompetentsid: Üld\n    Kliendikesksus:\n      - kuulab\n"
        "  lisakompetentsid:\n    - Täpsus: hoolikas\n"
    )
    return [doc, *m.walk(doc), m.Signature("tööandja", "Mari"), m.Section("osa", "T")]


def test_the_parse_path_imports_neither_dataclasses_nor_typing():
    code = (
        "import sys, ajtui.format.parser as p, ajtui.format.validate as v\n"
        f"d = p.load({str(ROOT / 'tests/fixtures/valid/sample.aj')!r}); v.validate(d)\n"
        "print(sorted({'dataclasses', 'typing', 'inspect', 'pathlib', 'datetime', 'threading'}"
        " & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_each_class_compares_exactly_its_fields():
    kinds = set()
    for rec in _records():
        cls = type(rec)
        kinds.add(cls)
        assert rec._key() == tuple(getattr(rec, n) for n in cls._FIELDS), cls
        twin = copy.deepcopy(rec)
        assert twin == rec and twin is not rec
        for name in cls._INIT:
            other = copy.deepcopy(rec)
            value = getattr(other, name)
            changed = (
                value + 1
                if isinstance(value, int) and not isinstance(value, bool)
                else not value
                if isinstance(value, bool)
                else [*value, "x"]
                if isinstance(value, list)
                else "else"
            )
            object.__setattr__(other, name, changed)
            # positions, where a document came from and its conflicts are not compared
            ignored = name in (*POSITIONS, "path", "conflicts")
            assert (other == rec) is ignored, (cls, name)
    assert {m.Document, m.Field, m.Item, m.Paragraph, m.Duty, m.DutySection} <= kinds
    assert {m.Competencies, m.CompetencyGroup, m.AdditionalCompetencies} <= kinds


def test_constructors_take_what_the_dataclasses_took():
    f = m.Field("k", "v", "Label", True, "a ", " b", line=3, column=2, comments=["# c"])
    assert (f.key, f.value, f.label, f.in_prose, f.before, f.after) == (
        "k",
        "v",
        "Label",
        True,
        "a ",
        " b",
    )
    assert (f.line, f.column, f.end_line, f.comments) == (3, 2, 0, ["# c"])
    with pytest.raises(TypeError):
        m.Field("k", "v", "", False, "", "", 3)  # positions by keyword only
    assert m.Duty("1", "t", ["r"]).results == [m.Item("r")]  # strings made items
    assert m.CompetencyGroup("G", ["a"]).items == [m.Item("a")]
    assert m.AdditionalCompetencies("T", ["a: b"]).named == [("a", "b")]
    sec = m.DutySection("ülesanded", "T", "3", [m.Duty("3.1")], [m.Field("", "Ülesanne")])
    assert (sec.kind, sec.number, len(sec.duties), len(sec.header)) == ("ülesanded", "3", 1, 1)
    # a new list for each node: none shared between defaults
    a, b = m.Item("x"), m.Item("x")
    a.comments.append("# c")
    assert b.comments == [] and m.FieldSection("üldosa").fields is not m.FieldSection("x").fields
    doc = m.Document(path="p.aj")
    assert (doc.sections, doc.trailing_comments, doc.path, doc.conflicts) == ([], [], "p.aj", [])


def test_repr_as_the_dataclasses_wrote_it():
    assert repr(m.Field("a", "b", line=4)) == (
        "Field(comments=[], key='a', value='b', label='', in_prose=False, before='', after='')"
    )
    assert repr(m.Duty("1", "x", ["r"])) == (
        "Duty(comments=[], number='1', text='x', results=[Item(comments=[], text='r')])"
    )
    assert repr(m.Document(path="p")) == "Document(sections=[], trailing_comments=[])"
    assert repr(m.Shape(("a",))) == "Shape(children=('a',), texts=())"
    assert repr(Diagnostic("AJ101", "m", 3)) == (
        "Diagnostic(code='AJ101', message='m', line=3, column=0, severity='warning', "
        "hint=None, path=None, source_line='')"
    )


def test_mutable_records_are_unhashable_and_frozen_ones_are_not():
    for rec in (m.Field("a"), m.Document(), m.Signature("a", "b"), Diagnostic("AJ101", "m")):
        with pytest.raises(TypeError):
            hash(rec)
    c = Conflict(1, 5, "ours", "theirs", "a\n", "b\n", None, "")
    assert hash(c) == hash(Conflict(1, 5, "ours", "theirs", "a\n", "b\n"))
    assert {c, Conflict(1, 5, "ours", "theirs", "a\n", "b\n")} == {c}
    with pytest.raises(AttributeError, match="frozen"):
        c.start_line = 2  # type: ignore[misc]  # the point: it is frozen
    with pytest.raises(AttributeError):
        m.Field("a").colour = "red"  # type: ignore[attr-defined]  # slots: no stray attributes
    for made in (copy.copy(c), copy.deepcopy(c), pickle.loads(pickle.dumps(c))):
        assert made == c
    assert m.SHAPES[m.Field] == m.Shape((), ("key", "label", "before", "value", "after"))


def test_replace_and_compared_fields():
    f = m.Field("a", "b", line=7, column=3, comments=["# c"], end_line=8)
    g = replace(f, comments=[])
    assert (g.key, g.value, g.comments, g.line, g.column, g.end_line) == ("a", "b", [], 7, 3, 8)
    assert f.comments == ["# c"]
    assert replace(m.Duty("1", results=[]), results=["r"]).results == [m.Item("r")]
    with pytest.raises(TypeError, match="no field 'colour'"):
        replace(f, colour="red")
    assert compared_fields(m.Field) == (
        "comments",
        "key",
        "value",
        "label",
        "in_prose",
        "before",
        "after",
    )
    assert compared_fields(m.Document) == ("sections", "trailing_comments")
    assert compared_fields(str) is None


def test_deepcopy_and_pickle_keep_the_whole_document():
    doc = loads(TEXT, path="sample.aj")
    for made in (copy.deepcopy(doc), pickle.loads(pickle.dumps(doc))):
        assert made == doc and made.path == "sample.aj"
        assert [(n.line, n.column, n.end_line) for n in m.walk(made)] == [
            (n.line, n.column, n.end_line) for n in m.walk(doc)
        ]
        made.sections[0].comments.append("# new")
        assert made != doc  # nothing shared

    class Note(m.Item):  # a subclass without slots of its own keeps its extra attributes
        pass

    note = Note("x")
    note.extra = ["a"]  # type: ignore[attr-defined]  # the point: a subclass's own attribute
    twin = copy.deepcopy(note)
    assert twin == note and twin.extra == ["a"] and twin.extra is not note.extra


def test_diagnostic_as_dict_makes_it_again():
    d = Diagnostic("AJ001", "syntax", 2, 3, hint="h", path="p.aj", source_line="x")
    assert Diagnostic(**d.as_dict(source_line=True)) == d
    assert "source_line" not in d.as_dict()
    assert Diagnostic("AJ101", "m").severity == "warning"  # from the rule, as before
