"""Review items: the importer's uncertain decisions, found again in the written file by
`aj query` path and line."""

from __future__ import annotations

from pathlib import Path

from ajtui import model as m
from ajtui.importer import import_file
from ajtui.importer.report import flag, review_items
from ajtui.parser import loads
from ajtui.query import select
from ajtui.writer import dumps

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _doc() -> m.Document:
    res = import_file(str(FIXTURES / "extra" / "02_ppa_autojuht.txt"))
    return res.descriptions[0].doc


def test_flagged_nodes_come_back_with_query_paths_and_lines():
    doc = _doc()
    gen = next(s for s in doc.sections if s.kind == "üldosa")
    duties = next(s for s in doc.sections if s.kind == "ülesanded")
    flag(gen.fields[-1], "which field?")
    flag(duties.duties[1], "where does it end?")
    flag(duties.duties[1].results[0], "a result or a duty?")
    flag(doc.sections[0], "a section?")
    text = dumps(doc)
    back = loads(text)
    items = review_items(back)
    assert [i.why for i in items] == ["a section?", "which field?", "where does it end?",
                                      "a result or a duty?"]
    lines = text.splitlines()
    for item in items:
        hits = select(back, item.path)
        assert len(hits) == 1, item.path
        assert hits[0].node.line == item.line > 0
        assert f"kontrolli: {item.why}" in lines[item.line - 2]
    assert items[2].path == f"ülesanded[{duties.duties[1].number.rstrip('.')}]"
    assert items[3].path.endswith(".tulemused[1]")


def test_one_note_per_reason():
    doc = _doc()
    sec = doc.sections[0]
    flag(sec, "twice")
    flag(sec, "twice")
    assert [i.why for i in review_items(doc)] == ["twice"]
