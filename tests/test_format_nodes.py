"""The node switch (model.SHAPES) and the vocabulary: one place each, and complete."""

from __future__ import annotations

from ajtui.base.records import compared_fields
from ajtui.format import model as m
from ajtui.format import nodes
from ajtui.format.parser import loads
from ajtui.format.writer import RENDERERS, dumps, render_node


def _node_types() -> set[type]:
    """Every concrete node class in the model (a new one must join the switch)."""
    found, todo = set(), [m.Node]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__ in (m.__name__, nodes.__name__) and sub is not m.Section:
                found.add(sub)
    return found


def test_every_node_type_has_a_shape():
    assert _node_types() | {m.Document} == set(dict(m.SHAPES))


def test_every_node_type_has_a_renderer():
    assert _node_types() == set(dict(RENDERERS))


def test_render_node_writes_each_node_as_dumps_does():
    doc = loads(TEXT)
    lines = TEXT.splitlines()
    for node in m.walk(doc):
        if not m.children(node):
            assert render_node(node, " " * (node.column - 1)) == [lines[node.line - 1]]
    assert [x for sec in doc.sections for x in render_node(sec)] == lines


def test_shapes_name_real_attributes():
    for cls, shape in dict(m.SHAPES).items():
        names = set(compared_fields(cls) or ())
        assert set(shape.children) <= names and set(shape.texts) <= names, cls


TEXT = """üldosa
  ametinimetus: Nõunik
ülesanded
  > Ülesanne
  4.1 Korraldab
    - tehtud
nõuded
  haridus: kõrgharidus
  kompetentsid: Üld
    Kliendikesksus:
      - kuulab
  lisakompetentsid:
    - Täpsus: hoolikas
"""


def test_walk_follows_the_children_in_document_order():
    doc = loads(TEXT)
    nodes = list(m.walk(doc))
    assert [n.line for n in nodes] == sorted(n.line for n in nodes)
    assert len(nodes) == len(TEXT.splitlines())
    duties = doc.section("ülesanded")
    assert m.children(duties) == [*duties.header, *duties.duties]
    assert m.texts(duties.duties[0]) == ("4.1", "Korraldab")


def test_a_subclass_has_its_base_shape():
    class Note(m.Item):
        pass

    assert m.children(m.Duty("1.1", results=[])) == []
    assert m.texts(Note("x")) == ("x",)


def test_requirements_keep_the_canonical_field_order():
    doc = loads(
        "nõuded:\n  haridus: kõrgharidus\n  keeleoskus: eesti C1\n"
        "  kompetentsid:\n    Koostöö:\n      - aitab\n"
    )
    doc.requirements.experience = "2 aastat"
    doc.requirements.personal_qualities = "täpne"
    assert [getattr(e, "key", None) for e in doc.requirements.entries] == [
        "haridus",
        "töökogemus",
        "keeleoskus",
        "isikuomadused",
        None,
    ]
    assert loads(dumps(doc)) == doc
