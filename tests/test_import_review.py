"""Review items: the importer's uncertain decisions, found again in the written file by
`aj query` path and line."""

from __future__ import annotations

from pathlib import Path

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.format.writer import dumps
from ajtui.importer import import_file
from ajtui.importer.build import flag
from ajtui.importer.report import review_items
from ajtui.ops.paths import select

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _doc() -> m.Document:
    res = import_file(str(FIXTURES / "extra" / "02_ppa_autojuht.txt"))
    doc = res.descriptions[0].doc
    for node in m.walk(doc):  # the importer's own review notes are not these tests'
        node.comments = [c for c in node.comments if "kontrolli" not in c]
    return doc


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
    assert [i.why for i in items] == [
        "a section?",
        "which field?",
        "where does it end?",
        "a result or a duty?",
    ]
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


def test_report_json_one_object_per_source_with_review_paths(tmp_path):
    import json

    import ajtui

    from tests.helpers import run_aj

    seeds = FIXTURES / "seeds"
    grid = seeds / "002_fedac296925412a5.txt"  # "Tiimijuht Koordinaator, tiimijuht …"
    out = tmp_path / "out"
    res = run_aj(
        "import",
        str(grid),
        str(FIXTURES / "extra" / "02_ppa_autojuht.txt"),
        "-o",
        str(out),
        "--report",
        "--format",
        "json",
    )
    assert res.returncode == 3, res.stderr
    objs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["source"] for o in objs] == [
        str(grid),
        str(FIXTURES / "extra" / "02_ppa_autojuht.txt"),
    ]
    for o in objs:
        assert set(o) >= {"source", "outputs", "words", "review"}
        assert o["words"]["source"] == o["words"]["placed"] > 0
        assert o["review"]
        doc = ajtui.load(o["outputs"][0])
        lines = Path(o["outputs"][0]).read_text(encoding="utf-8").splitlines()
        for r in o["review"]:
            hits = select(doc, r["path"])
            assert len(hits) == 1 and hits[0].line == r["line"], r
            assert lines[r["line"] - 2].strip().startswith("# aj import: kontrolli: "), r
    paths = {r["path"] for r in objs[0]["review"]}
    assert {"üldosa.vahetu juht", "üldosa.asendaja", "üldosa.asendab"} <= paths
    assert [r["path"] for r in objs[1]["review"]] == ["üldosa.ametinimetus"]


def test_text_report_counts_words_and_decisions(tmp_path):
    from tests.helpers import run_aj

    grid = FIXTURES / "seeds" / "003_0473cc471da9172f.txt"
    res = run_aj("import", str(grid), "-o", str(tmp_path), "--report")
    assert res.returncode == 3
    report = res.stdout.split(f"{grid}: ", 1)[1].splitlines()
    assert report[0].startswith(
        "953 words, 953 placed (every word kept, not all placed for "
        "certain), 0 unplaced, 0 lost; 5 decisions to check -> "
    )
    assert "100" not in report[0]
    target = report[0].rsplit(" -> ", 1)[1]
    assert (
        report[1].startswith(f"  {target}:")
        and ": üldosa.ametinimetus: the values under the labels Ametinimetus / Struktuuriüksus"
        in report[1]
    )
    assert len([x for x in report[1:] if x.startswith("  ")]) == 5
