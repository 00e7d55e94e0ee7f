"""A merge's conflicts leave a file that still reads: `with_markers` parses back (the ours
reading is the merged model), `aj check` reports each conflict, `aj fmt`/`aj set` refuse
it, `aj show` shows ours with a notice, `aj resolve` takes a side."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ajtui.format import conflicts as cf
from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.format.validate import validate
from ajtui.format.writer import dumps
from ajtui.ops.merge import merge_texts, with_markers

from tests.helpers.history import run_aj
from tests.helpers.merging import BASE, insert_duty, reword
from tests.test_merge_property import SAMPLES, _apply

RESULT = ("Juhendid on koostatud.", "Juhendid on koostatud ja ")
MANAGER = "  vahetu juht: Tiimijuht"


def _two_conflicts() -> tuple[str, object]:
    ours = reword(reword(BASE, RESULT[0], RESULT[1] + "avaldatud."), MANAGER, MANAGER + " A")
    theirs = reword(
        reword(insert_duty(BASE), RESULT[0], RESULT[1] + "kinnitatud."), MANAGER, MANAGER + " B"
    )
    text, merge = merge_texts(BASE, ours, theirs, path="k.aj")
    assert len(merge.conflicts) == 2, merge.conflicts
    return with_markers(text, merge, "main", "feature"), merge


def test_a_merge_with_conflicts_parses_back_with_an_error_per_conflict():
    marked, merge = _two_conflicts()
    doc = loads(marked, path="k.aj")
    assert len(doc.conflicts) == 2
    # the ours reading is the merged model (ours where they conflict, theirs' changes merged)
    assert doc == merge.doc  # type: ignore[attr-defined]
    assert "Andmekaitse nõuete" in marked  # theirs' new duty merged outside the conflicts
    lines = marked.split("\n")
    found = [d for d in validate(doc) if d.code == "AJ160"]
    assert [d.line for d in found] == [c.start_line for c in doc.conflicts]
    assert all(lines[d.line - 1] == "<<<<<<< main" for d in found)
    assert all("(main ↔ feature)" in d.message for d in found)
    # the field conflict holds both wordings; the duty conflict the whole duty both ways
    field, duty = doc.conflicts
    assert field.ours_text == MANAGER + " A\n" and field.theirs_text == MANAGER + " B\n"
    assert "ja avaldatud." in duty.ours_text and "ja kinnitatud." in duty.theirs_text
    # (numbered as merged: theirs inserted a duty before it)
    assert duty.ours_text.startswith("  3.6 ") and duty.theirs_text.startswith("  3.6 ")
    # theirs' side taken everywhere reads as theirs' wording in the merged description
    theirs = loads(cf.resolve(marked, {0: "theirs", 1: "theirs"}))
    assert theirs.conflicts == [] and theirs != doc
    assert "kinnitatud" in str(theirs.section("ülesanded"))


def test_aj_check_reports_each_conflict_at_its_line(tmp_path, capsys, monkeypatch):
    marked, _ = _two_conflicts()
    (tmp_path / "k.aj").write_text(marked, encoding="utf-8")
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "check", "--no-cache", "k.aj")
    assert code == 1
    starts = [c.start_line for c in cf.find(marked)[0]]
    for n in starts:
        assert f"k.aj:{n}:1: AJ160 error: unresolved merge conflict (main ↔ feature)" in out + err


def test_fmt_and_set_refuse_a_conflicted_file_and_leave_it(tmp_path, capsys, monkeypatch):
    marked, _ = _two_conflicts()
    f = tmp_path / "k.aj"
    f.write_text(marked, encoding="utf-8")
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "fmt", "k.aj")
    assert code == 1 and "resolve the merge conflicts first" in err
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "set", "üldosa.ametinimetus=Uus", "k.aj")
    assert code == 1 and "resolve the merge conflicts first" in err
    assert f.read_text(encoding="utf-8") == marked


def test_show_shows_ours_with_a_notice(tmp_path, capsys, monkeypatch):
    marked, _ = _two_conflicts()
    (tmp_path / "k.aj").write_text(marked, encoding="utf-8")
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "show", "k.aj")
    assert code == 0
    assert "2 unresolved merge conflicts" in err and "ours' side (main)" in err
    assert "avaldatud" in out and "kinnitatud" not in out and "<<<<<<<" not in out


def test_resolve_takes_one_conflict_then_the_rest(tmp_path, capsys, monkeypatch):
    marked, _ = _two_conflicts()
    f = tmp_path / "k.aj"
    f.write_text(marked, encoding="utf-8")
    code, out, err = run_aj(
        capsys, monkeypatch, tmp_path, "resolve", "k.aj", "--take", "theirs", "--conflict", "2"
    )
    assert code == 0, err
    assert (
        "conflict 2" in out
        and "took theirs (feature)" in out
        and "1 conflict remains (at line" in out
    )
    text = f.read_text(encoding="utf-8")
    assert (
        "Juhendid on koostatud ja kinnitatud" in text
        and "Juhendid on koostatud ja avaldatud" not in text
        and text.count("<<<<<<<") == 1
    )
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "resolve", "k.aj", "--take", "ours")
    assert code == 0 and "no conflicts remain" in out
    done = loads(f.read_text(encoding="utf-8"))
    assert done.conflicts == [] and "Tiimijuht A" in f.read_text(encoding="utf-8")
    code, out, err = run_aj(
        capsys, monkeypatch, tmp_path, "resolve", "k.aj", "--take", "ours", "--conflict", "3"
    )
    assert code == 0 and "no merge conflicts" in out


def test_resolve_refuses_a_conflict_that_is_not_there(tmp_path, capsys, monkeypatch):
    marked, _ = _two_conflicts()
    f = tmp_path / "k.aj"
    f.write_text(marked, encoding="utf-8")
    code, out, err = run_aj(
        capsys, monkeypatch, tmp_path, "resolve", "k.aj", "--take", "ours", "--conflict", "3"
    )
    assert code == 1 and "no conflict 3: the file has 2" in err
    assert f.read_text(encoding="utf-8") == marked


def test_resolve_refuses_a_result_that_would_not_parse(tmp_path, capsys, monkeypatch):
    text = "üldosa\n  ametinimetus: A\n<<<<<<< main\n  x: 1\n=======\nyldosa\n>>>>>>> feature\n"
    f = tmp_path / "k.aj"
    f.write_text(text, encoding="utf-8")
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "resolve", "k.aj", "--take", "theirs")
    assert code == 1 and "would leave a file that does not parse" in err
    assert f.read_text(encoding="utf-8") == text


def test_checking_a_conflicted_file_needs_no_lark(tmp_path):
    from tests.test_startup import heavy, imported

    marked, _ = _two_conflicts()
    (tmp_path / "k.aj").write_text(marked, encoding="utf-8")
    assert not heavy(imported(tmp_path, "check", "--no-cache", "k.aj"))


@st.composite
def _overlapping(draw):
    path = draw(st.sampled_from(SAMPLES))
    base = loads(path.read_text(encoding="utf-8"))
    n = len(next(s for s in base.sections if isinstance(s, m.DutySection)).duties)
    picked = draw(st.lists(st.integers(0, n - 1), unique=True, min_size=1, max_size=min(n, 6)))
    ops = st.sampled_from(("reword", "delete", "result"))
    return base, {i: draw(ops) for i in picked}, {i: draw(ops) for i in picked}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_overlapping())
def test_every_marked_merge_reads_back(case):
    """Edits of the same duties on both sides: whatever conflicts, the marked text parses,
    has an AJ160 at each `<<<<<<<`, reads as the merged model where ours kept the parts,
    and taking either side everywhere leaves a description without conflicts."""
    base, ours_edits, theirs_edits = case
    base_text = dumps(base)
    text, merge = merge_texts(
        base_text, dumps(_apply(base, ours_edits, "o")), dumps(_apply(base, theirs_edits, "t"))
    )
    marked = with_markers(text, merge, "main", "feature")
    doc = loads(marked)
    assert len(doc.conflicts) == len({id(c.unit) for c in merge.conflicts})
    lines = marked.split("\n")
    at = [d.line for d in validate(doc) if d.code == "AJ160"]
    assert at == [c.start_line for c in doc.conflicts]
    assert all(lines[n - 1] == "<<<<<<< main" for n in at)
    if not any(c.ours_deleted for c in merge.conflicts):
        assert doc == merge.doc
    for side in ("ours", "theirs"):
        taken = loads(cf.resolve(marked, dict.fromkeys(range(len(doc.conflicts)), side)))
        assert taken.conflicts == []


def test_the_driver_merges_a_side_with_markers_line_by_line(tmp_path, capsys, monkeypatch):
    """A side that is itself unresolved (markers committed by mistake) is not merged on the
    model: its ours reading would hide theirs' wording and the driver would say merged."""
    marked, _ = _two_conflicts()
    for name, text in (("base", BASE), ("ours", marked), ("theirs", BASE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run_aj(
        capsys,
        monkeypatch,
        tmp_path,
        "merge",
        "base",
        "ours",
        "theirs",
        "k.aj",
        "--ours-label",
        "a",
        "--theirs-label",
        "b",
    )
    assert "ours has conflict markers; merged line by line" in err
    assert (tmp_path / "ours").read_text(encoding="utf-8").count("<<<<<<< main") == 2
