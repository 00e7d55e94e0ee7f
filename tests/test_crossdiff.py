"""Duties that move between descriptions: `aj diff OLD_DIR NEW_DIR`, `DIR@REV` and
`aj diff --directive N` (ajtui.ops.crossdiff)."""

from __future__ import annotations

import json
from pathlib import Path

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.format.writer import dumps
from ajtui.ops.crossdiff import diff_sets

from tests.helpers.history import Repo, cache_home, run_aj, with_approval  # noqa: F401

TEMPLATE = (Path(__file__).parent / "helpers" / "template.aj").read_text(encoding="utf-8")
SELF_CARE = "Enesehoiu praktiseerimine nii grupis\nkui individuaalselt"


def _doc(title: str, keep: list[int], extra: list[tuple[m.Duty, str]] = ()) -> str:
    """The template as `title` with the duties numbered `keep` (1-based, renumbered) and
    `extra` duties appended, each with its text changed to the one given."""
    import copy

    doc = loads(TEMPLATE)
    for sec in doc.sections:
        if isinstance(sec, m.FieldSection) and sec.kind == "üldosa":
            sec.fields[0].value = title
        if isinstance(sec, m.DutySection):
            duties = [sec.duties[k - 1] for k in keep]
            for d, text in extra:
                d = copy.deepcopy(d)
                d.text = text
                duties.append(d)
            for n, d in enumerate(duties, 1):
                d.number = f"3.{n}."
            sec.duties = duties
    return dumps(doc)


def _duty(k: int) -> m.Duty:
    doc = loads(TEMPLATE)
    sec = next(s for s in doc.sections if isinstance(s, m.DutySection))
    return sec.duties[k - 1]


OLD = {
    "koordinaator.aj": _doc("Koordinaator", list(range(1, 14))),
    "spetsialist.aj": _doc("Spetsialist", [1, 2, 3, 5, 6, 7, 8]),
}
#: duty 3.4 (self-care) moves from the koordinaator to the spetsialist, as 3.8, one word added
NEW = {
    "koordinaator.aj": _doc("Koordinaator", [1, 2, 3, *range(5, 14)]),
    "spetsialist.aj": _doc(
        "Spetsialist", [1, 2, 3, 5, 6, 7, 8], [(_duty(4), SELF_CARE + " ja meeskonnas")]
    ),
}


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _moved(changes) -> list:
    return [c for c in changes if c["kind"] == "moved" and c.get("old_file")]


def test_a_duty_moved_between_two_descriptions_is_one_move():
    result = diff_sets(OLD, NEW, old_label="vana", new_label="uus")
    assert len(result.moves) == 1
    c = result.moves[0]
    assert (c.kind, c.file, c.path, c.old_file, c.old_path) == (
        "moved",
        "spetsialist.aj",
        "ülesanded/3.8",
        "koordinaator.aj",
        "ülesanded/3.4",
    )
    assert [w for w in c.words if w[0] != "equal"] == [("insert", "", "ja meeskonnas")]
    for f in result.files:  # neither file has a removed or an added duty left
        assert not [
            x for x in f.diff.changes if x.what == "duty" and x.kind in ("added", "removed")
        ]
        assert c in f.diff.changes
    s = result.summary
    assert s["moved"] == 1 and s["moved_across_files"] == 1
    assert s["added"] == 0 and s["removed"] == 0
    assert s["renumbered"] == 9  # the koordinaator's 3.5–3.13


def test_diff_of_two_folders_in_json_and_text(tmp_path, capsys, monkeypatch):
    _write(tmp_path / "vana", OLD)
    _write(tmp_path / "uus", NEW)
    code, out, err = run_aj(
        capsys, monkeypatch, tmp_path, "diff", "vana", "uus", "--format", "json"
    )
    assert code == 1, err
    data = json.loads(out)
    assert data["summary"]["moved_across_files"] == 1
    assert data["summary"]["files_changed"] == 2
    [move] = data["moved"]
    assert move == {
        **move,
        "kind": "moved",
        "path": "ülesanded/3.8",
        "file": "spetsialist.aj",
        "old_file": "koordinaator.aj",
        "old_path": "ülesanded/3.4",
    }
    per_file = {f["file"]: f for f in data["files"]}
    for name in OLD:
        assert len(_moved(per_file[name]["diff"]["changes"])) == 1
        # the shape of a single diff is unchanged
        assert set(per_file[name]["diff"]) >= {"old", "new", "identical", "summary", "changes"}

    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "diff", "vana", "uus", "--width", "100")
    assert code == 1
    assert "1 duty moved across files" in out
    assert "koordinaator.aj ülesanded/3.4 → spetsialist.aj ülesanded/3.8" in out
    assert "{+ja meeskonnas+}" in out  # no colours when piped: markers

    code, _, _ = run_aj(capsys, monkeypatch, tmp_path, "diff", "vana", "vana", "-q")
    assert code == 0


def test_a_duty_of_an_abolished_position_moves_too(tmp_path, capsys, monkeypatch):
    old = {**OLD, "kaotatud.aj": _doc("Kaotatud", [9, 10])}
    new = {
        "koordinaator.aj": OLD["koordinaator.aj"],
        "spetsialist.aj": _doc("Spetsialist", [1, 2, 3, 5, 6, 7, 8, 10]),
    }
    result = diff_sets(old, new)
    statuses = {f.file: f.status for f in result.files}
    assert statuses == {
        "kaotatud.aj": "removed",
        "koordinaator.aj": "unchanged",
        "spetsialist.aj": "changed",
    }
    [c] = result.moves
    assert (c.old_file, c.old_path, c.file, c.path) == (
        "kaotatud.aj",
        "ülesanded/3.2",
        "spetsialist.aj",
        "ülesanded/3.8",
    )
    assert result.summary["added"] == 0  # not also an added duty


def test_dir_at_rev_in_a_real_repository(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    for name, text in OLD.items():
        r.write(f"ametijuhendid/{name}", text)
    r.write("ametijuhendid/.peidus/x.aj", "ei loeta\n")
    first = r.commit("enne ümberkorraldust")
    for name, text in NEW.items():
        r.write(f"ametijuhendid/{name}", text)
    # the working copy against the last commit
    code, out, err = run_aj(
        capsys, monkeypatch, r.root, "diff", "ametijuhendid@HEAD", "--format", "json"
    )
    assert code == 1, err
    data = json.loads(out)
    assert data["old"] == "ametijuhendid@HEAD" and data["new"] == "ametijuhendid"
    assert len(data["moved"]) == 1 and {f["file"] for f in data["files"]} == set(OLD)
    second = r.commit("ümberkorraldus")
    # two revisions, from a sub-folder
    code, out, err = run_aj(
        capsys,
        monkeypatch,
        r.root / "ametijuhendid",
        "diff",
        f".@{first[:10]}",
        f".@{second}",
        "--format",
        "json",
    )
    assert code == 1, err
    [move] = json.loads(out)["moved"]
    assert (move["old_file"], move["old_path"], move["file"], move["path"]) == (
        "koordinaator.aj",
        "ülesanded/3.4",
        "spetsialist.aj",
        "ülesanded/3.8",
    )
    code, _, err = run_aj(
        capsys, monkeypatch, r.root, "diff", "ametijuhendid@eiole", "ametijuhendid"
    )
    assert code == 2 and "unknown revision 'eiole'" in err
    code, _, err = run_aj(capsys, monkeypatch, r.root, "diff", "ametijuhendid")
    assert code == 2 and "a folder is compared with another" in err


def test_directive_reports_the_move_across_its_descriptions(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    for name, text in OLD.items():
        r.write(name, with_approval(text, "95", "11.06.2023"))
    r.commit("Käskkiri nr 95")
    for name, text in NEW.items():
        r.write(name, with_approval(text, "12", "02.02.2024"))
    r.commit("Käskkiri nr 12: ümberkorraldus")
    code, out, err = run_aj(
        capsys, monkeypatch, r.root, "diff", "--directive", "12", "--format", "json"
    )
    assert code == 1, err
    [d] = json.loads(out)["directives"]
    assert len(d["descriptions"]) == 2
    assert d["summary"] == {"moved_across_files": 1}
    [move] = d["moved"]
    assert (move["old_file"], move["old_path"], move["file"], move["path"]) == (
        "koordinaator.aj",
        "ülesanded/3.4",
        "spetsialist.aj",
        "ülesanded/3.8",
    )
    for e in d["descriptions"]:
        changes = e["diff"]["changes"]
        assert len(_moved(changes)) == 1
        assert not [c for c in changes if c["what"] == "duty" and c["kind"] in ("added", "removed")]
    code, out, _ = run_aj(
        capsys, monkeypatch, r.root, "diff", "--directive", "12", "--width", "100"
    )
    assert code == 1 and "koordinaator.aj ülesanded/3.4 → spetsialist.aj ülesanded/3.8" in out


def test_a_renamed_description_is_one_renamed_file_not_its_duties_moved():
    old = dict(OLD)
    new = {
        "koordinaator-uus.aj": NEW["koordinaator.aj"],  # renamed, and its 3.4 moved away
        "spetsialist.aj": NEW["spetsialist.aj"],
    }
    result = diff_sets(old, new)
    by = {f.file: f for f in result.files}
    assert set(by) == {"koordinaator-uus.aj", "spetsialist.aj"}
    renamed = by["koordinaator-uus.aj"]
    assert (renamed.status, renamed.old_file) == ("renamed", "koordinaator.aj")
    assert renamed.to_json()["old_file"] == "koordinaator.aj"
    [c] = result.moves  # only the duty that really moved
    assert (c.old_file, c.old_path, c.file, c.path) == (
        "koordinaator.aj",
        "ülesanded/3.4",
        "spetsialist.aj",
        "ülesanded/3.8",
    )
    assert result.summary["files_renamed"] == 1
    assert "1 renamed" in result.summary_line()
