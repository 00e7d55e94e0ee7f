"""`aj check DIR` with the reference rules (AJ2xx), `.ajtui.toml`, and `aj org`: on the
sample descriptions and on the generated organisation (tests/helpers/org.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ajtui.cli import check as chk
from ajtui.cli import main

from tests.helpers import ROOT
from tests.helpers.org import write_org

DESCRIPTIONS = ROOT / "descriptions"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def aj(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys, *args: str) -> tuple[int, list[dict]]:
    code, out, _ = aj(capsys, "check", "--format", "json", *args)
    return code, json.loads(out)["diagnostics"]


def refs(diags: list[dict]) -> list[tuple[str, int, str]]:
    return sorted((Path(d["path"]).name, d["line"], d["code"]) for d in diags if d["code"] >= "AJ2")


# --- the samples ----------------------------------------------------------------------------


def test_samples_resolve_or_are_outside(capsys):
    code, diags = check_json(capsys, str(DESCRIPTIONS))
    assert code == 0
    # the one reference left is the source's OCR damage, "Noéustaja" for "Noustaja"
    assert refs(diags) == [("noustaja-kriisitoe-talitus.aj", 17, "AJ201")]
    (d,) = [d for d in diags if d["code"] == "AJ201"]
    assert "'Noéustaja'" in d["message"] and d["severity"] == "warning"
    code, _, err = aj(capsys, "check", "--strict", str(DESCRIPTIONS))
    assert code == 1 and "AJ201 warning" in err


def test_without_the_project_file_the_outside_positions_are_reported(tmp_path, capsys):
    ws = tmp_path / "ws"
    ws.mkdir()
    for p in DESCRIPTIONS.glob("*.aj"):
        shutil.copy(p, ws / p.name)
    _, diags = check_json(capsys, str(ws))
    names = {d["message"].split("'")[1] for d in diags if d["code"] == "AJ201"}
    assert {"Tiimijuht", "Piirkonna juht", "Kaugnõustamisteenuste juht"} <= names
    assert not [d for d in diags if d["code"] in ("AJ202", "AJ203", "AJ204")]


def test_a_file_named_alone_gets_no_reference_rules(capsys):
    one = DESCRIPTIONS / "noustaja-kriisitoe-talitus.aj"
    _, diags = check_json(capsys, str(one))
    assert refs(diags) == []
    _, diags = check_json(capsys, "--no-references", str(DESCRIPTIONS))
    assert refs(diags) == []


def test_a_broken_project_file_is_one_clear_error(tmp_path, capsys):
    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copy(DESCRIPTIONS / "teenuse-juht-tttvt.aj", ws)
    (ws / ".ajtui.toml").write_text('[workspace]\nexternal = "Tiimijuht"\n', encoding="utf-8")
    code, _, err = aj(capsys, "check", str(ws))
    assert code == 1
    assert (
        err.strip()
        == f"{ws / '.ajtui.toml'}: error: [workspace] external must be a list of strings"
    )
    (ws / ".ajtui.toml").write_text("[workspace\n", encoding="utf-8")
    code, _, err = aj(capsys, "org", str(ws))
    assert code == 1 and "error: not TOML" in err


def test_the_project_file_is_found_above_the_folder(tmp_path, capsys):
    ws = tmp_path / "sub"
    ws.mkdir()
    shutil.copy(DESCRIPTIONS / "teenuse-juht-tttvt.aj", ws)
    _, diags = check_json(capsys, str(ws))
    assert refs(diags) == [("teenuse-juht-tttvt.aj", n, "AJ201") for n in (9, 10, 10, 11)]
    (tmp_path / ".ajtui.toml").write_text(
        '[workspace]\nexternal = ["tiimijuht", "peaspetsialist"]\n', encoding="utf-8"
    )
    _, diags = check_json(capsys, str(ws))
    assert refs(diags) == []


# --- the generated organisation -------------------------------------------------------------


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    folder = tmp_path_factory.mktemp("org")
    return folder, write_org(folder, faults=True)


def test_faults_are_reported_once_each_with_file_and_line_cold_and_warm(
    org, capsys, monkeypatch, cache_home
):
    folder, faults = org
    code, cold = check_json(capsys, str(folder))
    assert code == 0 and refs(cold) == sorted(faults.expected())
    cycle = next(d for d in cold if d["code"] == "AJ204")
    assert "d5-o2-talituse-juhataja.aj →" in cycle["message"] and "tiimijuht.aj" in cycle["message"]
    one_sided = next(d for d in cold if d["code"] == "AJ203")
    assert "asendab does not name this position" in one_sided["message"]
    # the cache keeps what the references need beside the diagnostics: a warm run parses
    # nothing and says the same
    entries = json.loads((cache_home / "ajtui" / "check.json").read_text(encoding="utf-8"))
    entry = next(iter(entries["entries"].values()))
    assert set(entry) == {"d", "f"} and entry["f"]["title"]

    def no_parse(*a):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(chk, "check_source", no_parse)
    code, warm = check_json(capsys, str(folder))
    assert warm == cold
    code, _, err = aj(capsys, "check", "--strict", "-q", str(folder))
    assert code == 1


def test_aj_org_json_is_the_documented_shape(org, capsys):
    folder, faults = org
    code, out, err = aj(capsys, "org", str(folder), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["positions", "unresolved"]
    assert len(data["positions"]) == 1000
    for p in data["positions"]:
        assert list(p) == ["file", "title", "unit", "manager", "substitutes", "substituted_by"]
        assert p["manager"] is None or isinstance(p["manager"], str)
    files = {p["file"] for p in data["positions"]}
    assert all(
        t in files for p in data["positions"] for t in p["substitutes"] + p["substituted_by"]
    )
    assert data["unresolved"] == [
        {"file": str(folder / faults.missing_manager[0]), "field": "vahetu juht", "value": "Grupijuhile"}
    ]  # fmt: skip


def test_aj_org_text_and_dot(org, capsys):
    folder, _ = org
    code, out, _ = aj(capsys, "org", str(folder))
    assert code == 0
    units, lines = out.split("\n\nReporting lines\n")
    assert units.startswith("Units\n  Ohvriabi osakond\n    · Osakonna juhataja  [")
    assert "\n    kriisitoe talitus\n      · Talituse juhataja  [" in units
    assert "\n      tiim 1\n        · " in units
    assert units.count("· ") == 1000
    # each position once in the reporting lines, heads first, their offices below
    assert lines.count("[") == 1000 + 1  # and where the cycle comes back
    assert "\n      ↻ Talituse juhataja  [" in lines
    first = lines.splitlines()[0]
    assert first.startswith("  Osakonna juhataja — Ohvriabi osakond  [")
    assert first.endswith("(vahetu juht: Peadirektor, outside)")
    assert "\n    Talituse juhataja — Ohvriabi osakond, kriisitoe talitus  [" in lines
    assert "Management cycles" in out
    code, out, _ = aj(capsys, "org", str(folder), "--format", "dot")
    assert out.startswith("digraph org {") and out.rstrip().endswith("}")
    solid = [x for x in out.splitlines() if " -> " in x and "dashed" not in x]
    assert len(solid) == 1000 - 8 - 1  # the heads report outside, one manager is not found
    assert any("dashed" in x for x in out.splitlines())


def test_aj_org_escapes_what_came_from_files(tmp_path, capsys):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "a.aj").write_text(
        'üldosa\n  ametinimetus: Jurist "Õ\\\n  struktuuriüksus: Õigusosakond\n',
        encoding="utf-8",
    )
    code, out, _ = aj(capsys, "org", str(ws), "--format", "dot")
    assert code == 0
    assert '[label="Jurist \\"Õ\\\\\\n' in out


def test_aj_org_on_a_missing_folder(tmp_path, capsys):
    code, _, err = aj(capsys, "org", str(tmp_path / "nope"))
    assert code == 1 and err.strip().endswith("error: not a folder")


def test_the_workspace_findings_follow_a_changed_file_and_project_file(tmp_path, capsys):
    ws = tmp_path / "ws"
    write_org(ws, faults=True)
    first = refs(check_json(capsys, str(ws))[1])
    assert len(first) == 3 and refs(check_json(capsys, str(ws))[1]) == first  # cached
    missing = ws / "t010-2-peaspetsialist.aj"
    missing.write_text(
        missing.read_text(encoding="utf-8").replace("Grupijuhile", "Tiimijuhile"),
        encoding="utf-8",
    )
    second = refs(check_json(capsys, str(ws))[1])
    assert second == [x for x in first if x[2] != "AJ201"]
    (ws / ".ajtui.toml").write_text("[workspace]\nexternal = []\n", encoding="utf-8")
    third = refs(check_json(capsys, str(ws))[1])
    assert len([x for x in third if x[2] == "AJ201"]) == 8  # the heads' Peadirektor
    (ws / ".ajtui.toml").unlink()
    assert refs(check_json(capsys, str(ws))[1]) == third
    _, diags = check_json(capsys, "--no-cache", str(ws))
    assert refs(diags) == third
