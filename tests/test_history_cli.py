"""`aj log`, `aj diff` and `aj git-setup` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ajtui.cli import main

from tests.helpers.history import Repo, fixture, scenario, with_approval

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")
NEW = "ametijuhendid/kriisiabi-koordinaator.aj"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    """Every test starts with an empty version cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))


@pytest.fixture
def scen(tmp_path, monkeypatch):
    r = scenario(tmp_path / "repo")
    monkeypatch.chdir(r.root)
    monkeypatch.setenv("COLUMNS", "120")
    return r


def run_aj(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- the acceptance scenario -----------------------------------------------------------------


def test_done_when_log_shows_both_directives_and_diff_reports_exactly(scen, capsys):
    code, out, err = run_aj(capsys, "log", NEW)
    assert code == 0, err
    assert "käskkiri nr 12 (02.02.2024)" in out and "käskkiri nr 95 (11.06.2023)" in out
    assert "renamed from ametijuhendid/koordinaator.aj" in out

    code, out, _ = run_aj(capsys, "log", NEW, "--format", "json")
    log = json.loads(out)
    revs = log["revisions"]
    assert [r["label"] for r in revs] == [
        "käskkiri nr 12 (02.02.2024)",
        "käskkiri nr 95 (11.06.2023)",
    ]
    sha12, sha95 = revs[0]["commits"][0]["sha"], revs[1]["commits"][0]["sha"]

    code, out, _ = run_aj(capsys, "diff", f"{NEW}@{sha95}", f"{NEW}@{sha12}", "--format", "json")
    assert code == 1
    diff = json.loads(out)
    changes = diff["changes"]

    def count(kind, what):
        return [c for c in changes if c["kind"] == kind and c["what"] == what]

    assert [c["path"] for c in count("added", "duty")] == ["ülesanded/3.5"]
    assert len(count("renumbered", "duty")) == 9
    assert [c["path"] for c in count("removed", "result")] == ["ülesanded/3.1/tulemused/2"]
    word = [c for c in changes if c["path"] == "ülesanded/3.2"]
    assert len(word) == 1 and [w for w in word[0]["words"] if w[0] != "equal"] == [
        ["replace", "juhendamine", "nõustamine"]
    ]
    unit = [c for c in changes if c["path"] == "üldosa/struktuuriüksus"]
    assert len(unit) == 1 and unit[0]["kind"] == "changed"
    # and nothing else but the approval fields
    rest = [
        c
        for c in changes
        if c
        not in count("added", "duty")
        + count("renumbered", "duty")
        + count("removed", "result")
        + word
        + unit
    ]
    assert {c["path"] for c in rest} == {
        "ametijuhend/number",
        "ametijuhend/kuupäev",
        "ametijuhend/lisa",
    }
    assert diff["summary"]["renumbered"] == 9


def test_diff_by_directive(scen, capsys):
    code, out, _ = run_aj(capsys, "diff", "--directive", "12", "--format", "json")
    assert code == 1
    data = json.loads(out)["directives"]
    assert len(data) == 1 and data[0]["label"] == "käskkiri nr 12 (02.02.2024)"
    entry = data[0]["descriptions"][0]
    assert entry["path"] == NEW and entry["annex"] == "3"
    assert entry["previous"] == "käskkiri nr 95 (11.06.2023)"
    assert entry["diff"]["summary"]["renumbered"] == 9

    code, out, _ = run_aj(capsys, "diff", "--directive", "nr 12")
    assert code == 1
    assert "käskkiri nr 95 (11.06.2023) → käskkiri nr 12 (02.02.2024)" in out
    assert "1 duty added, 9 renumbered, 1 changed" in out

    code, out, _ = run_aj(capsys, "diff", "--directive", "95")
    assert code == 1  # a first version: everything added
    assert "no earlier version → käskkiri nr 95" in out

    code, _, err = run_aj(capsys, "diff", "--directive", "77")
    assert code == 2 and "no directive nr 77" in err


def test_diff_file_against_last_approved(scen, capsys):
    code, out, _ = run_aj(capsys, "diff", NEW)
    assert code == 0 and "no changes" in out
    (scen.root / NEW).write_text(
        V12.replace("Piirkonna juht", "Piirkonna juhataja"), encoding="utf-8"
    )
    code, out, _ = run_aj(capsys, "diff", NEW, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [c["path"] for c in data["changes"]] == ["üldosa/vahetu juht"]
    assert "käskkiri nr 12" in data["old"] and "working copy" in data["new"]
    # FILE@REV alone: that revision against the working copy
    code, out, _ = run_aj(capsys, "diff", f"{NEW}@HEAD~2", "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["renumbered"] == 9
    code, out, _ = run_aj(capsys, "diff", f"{NEW}@HEAD", f"{NEW}@draft", "--format", "json")
    assert code == 1 and len(json.loads(out)["changes"]) == 1


def test_side_by_side_and_unified_views(scen, capsys):
    code, out, _ = run_aj(capsys, "diff", f"{NEW}@HEAD~2", f"{NEW}@HEAD", "--width", "120")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("1 duty added, 9 renumbered, 1 changed")
    row = next(line for line in out.splitlines() if "Vabatahtlike kaasamine" in line)
    assert row.index("3.5.") < row.index("#") < row.index("3.6.")  # two aligned columns
    assert "[-juhendamine-]" in out and "{+nõustamine+}" in out  # no colour: markers
    assert max(len(line) for line in out.splitlines()) <= 120

    code, out, _ = run_aj(capsys, "diff", f"{NEW}@HEAD~2", f"{NEW}@HEAD", "--width", "80")
    assert "3.5.→3.6. Vabatahtlike" in out  # unified below 100 columns
    assert out.startswith("--- ")
    assert "[-juhendamine-]{+nõustamine+}" in out
    assert max(len(line) for line in out.splitlines()) <= 80

    code, out, _ = run_aj(
        capsys, "diff", f"{NEW}@HEAD~2", f"{NEW}@HEAD", "--unified", "--all", "--width", "150"
    )
    assert "⋯" not in out and "Kriisijuhtumijärgne ööpäevaringne" in out


def test_text_from_files_is_never_markup(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    a = "üldosa\n  ametinimetus: Koordinaator [bold]x[/bold]\n"
    b = "üldosa\n  ametinimetus: Koordinaator [@click=app.quit] \x1b[31mpunane\n"
    (tmp_path / "a.aj").write_text(a, encoding="utf-8")
    (tmp_path / "b.aj").write_text(b, encoding="utf-8")
    for width in ("120", "80"):
        code, out, _ = run_aj(capsys, "diff", "a.aj", "b.aj", "--width", width)
        assert code == 1
        assert "[bold]x[/bold]" in out and "[@click=app.quit]" in out
        assert "\x1b" not in out and "\\x1b[31mpunane" in out


def test_diff_outside_a_repository(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.aj").write_text(V95, encoding="utf-8")
    (tmp_path / "b.aj").write_text(V12, encoding="utf-8")
    code, out, _ = run_aj(capsys, "diff", "a.aj", "b.aj", "-q")
    assert code == 1 and out == ""
    code, _, _ = run_aj(capsys, "diff", "a.aj", "a.aj")
    assert code == 0
    code, _, err = run_aj(capsys, "diff", "a.aj")
    assert code == 2 and "a.aj: not inside a git repository" in err
    code, _, err = run_aj(capsys, "log", "a.aj")
    assert code == 2 and "not inside a git repository" in err and "Traceback" not in err
    code, _, err = run_aj(capsys, "check", "a.aj")  # the rest of ajtui works
    assert code == 0


def test_diff_errors_exit_2(scen, capsys):
    code, _, err = run_aj(capsys, "diff", "puudub.aj", NEW)
    assert code == 2 and "puudub.aj" in err and "no such file" in err
    code, _, err = run_aj(capsys, "diff", f"{NEW}@olematu", NEW)
    assert code == 2 and "unknown revision 'olematu'" in err
    code, _, err = run_aj(capsys, "diff")
    assert code == 2
    code, _, err = run_aj(capsys, "diff", "a", "b", "--directive", "12")
    assert code == 2


def test_unparseable_side_warns_and_compares_lines(scen, capsys):
    (scen.root / "bad.aj").write_text(
        V12.replace("  3.1. Kriisi", "   3.1. Kriisi"), encoding="utf-8"
    )
    code, out, err = run_aj(capsys, "diff", NEW, "bad.aj", "--format", "json")
    assert code == 1
    assert "warning" in err and "bad.aj:" in err and "line by line" in err
    data = json.loads(out)
    assert data["structural"] is False and data["errors"]


def test_log_marks_a_version_that_does_not_parse(tmp_path, monkeypatch, capsys):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    r.commit("good")
    r.write("a.aj", V95.replace("  3.4. Enesehoiu", "   3.4. Enesehoiu"))
    r.commit("broken")
    r.write("a.aj", with_approval(V95, "12", "02.02.2024").replace("kinnitatud: ", "kinnitatud "))
    monkeypatch.chdir(r.root)
    code, out, _ = run_aj(capsys, "log", "a.aj")
    assert code == 0
    lines = out.splitlines()
    broken = next(k for k, line in enumerate(lines) if "broken" in line)
    assert lines[broken].lstrip().startswith("!")
    assert "does not parse: line" in lines[broken + 1]
    assert "mustand" in out and "! does not parse" in out  # the draft is broken too
    code, out, _ = run_aj(capsys, "log", "a.aj", "--format", "json")
    data = json.loads(out)
    assert data["revisions"][0]["draft"] and data["revisions"][0]["draft_error"]
    # the broken version changes what nr 95 approved: a revision of its own, not approved
    assert [c["error"] is not None for c in data["revisions"][1]["commits"]] == [True]
    assert data["revisions"][1]["approved"] is False
    assert data["revisions"][1]["changed_after"] == "käskkiri nr 95 (11.06.2023)"
    assert [c["error"] for c in data["revisions"][2]["commits"]] == [None]


def test_log_without_file_lists_directives(scen, capsys):
    code, out, _ = run_aj(capsys, "log")
    assert code == 0
    assert out.index("käskkiri nr 12") < out.index("käskkiri nr 95")
    assert "previous: käskkiri nr 95 (11.06.2023)" in out
    code, out, _ = run_aj(capsys, "log", "--format", "json")
    ds = json.loads(out)["directives"]
    assert [d["number"] for d in ds] == ["12", "95"]
    assert ds[0]["descriptions"][0]["path"] == NEW


# --- git integration ---------------------------------------------------------------------------


def _git(root, *args, env=None) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, env=env
    ).stdout


def test_git_setup_makes_plain_git_diff_structural(scen, capsys):
    command = f"{sys.executable} -m ajtui.cli"
    code, out, err = run_aj(capsys, "git-setup", "--command", command)
    assert code == 0, err
    assert (scen.root / ".gitattributes").read_text() == "*.aj diff=aj merge=aj\n"
    assert _git(scen.root, "config", "diff.aj.command").strip() == f"{command} git-diff"
    # running it again changes nothing
    run_aj(capsys, "git-setup", "--command", command)
    assert (scen.root / ".gitattributes").read_text() == "*.aj diff=aj merge=aj\n"

    env = {**os.environ, "COLUMNS": "90", "NO_COLOR": "1"}
    out = _git(scen.root, "diff", "HEAD~2", "HEAD", env=env)
    assert "diff --aj a/ametijuhendid/koordinaator.aj b/" + NEW in out
    assert "1 duty added, 9 renumbered, 1 changed; 1 result removed" in out
    assert "3.5.→3.6." in out and "[-juhendamine-]{+nõustamine+}" in out

    # git log -p: the textconv, one node per line
    log = _git(scen.root, "log", "-p", "-1", "HEAD~1", env=env)
    assert "-  3.2. Võrgustikuliikmete toetamine, juhendamine pädevusvaldkonnaga" in log
    assert "+  3.2. Võrgustikuliikmete toetamine, nõustamine pädevusvaldkonnaga" in log
    # git log -p --ext-diff: structural
    log = _git(scen.root, "log", "-p", "--ext-diff", "-1", "HEAD~1", env=env)
    assert "1 duty added, 9 renumbered" in log

    # a new file and a deleted file do not break git diff
    (scen.root / "uus.aj").write_text(V95, encoding="utf-8")
    _git(scen.root, "add", "uus.aj")
    out = _git(scen.root, "diff", "--cached", env=env)
    assert "diff --aj a/uus.aj b/uus.aj" in out and "sections added" in out


def test_git_setup_keeps_existing_attributes(scen, capsys):
    (scen.root / ".gitattributes").write_text("*.txt text", encoding="utf-8")
    code, _, _ = run_aj(capsys, "git-setup", "--command", "aj")
    assert code == 0
    assert (scen.root / ".gitattributes").read_text() == "*.txt text\n*.aj diff=aj merge=aj\n"


def test_git_setup_outside_a_repository(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_aj(capsys, "git-setup")
    assert code == 2 and "not inside a git repository" in err


def test_textconv_passes_unparseable_text_through(tmp_path, capsys):
    bad = tmp_path / "bad.aj"
    bad.write_text("see ei ole\n   ametijuhend\n", encoding="utf-8")
    code, out, _ = run_aj(capsys, "git-textconv", str(bad))
    assert code == 0 and out == "see ei ole\n   ametijuhend\n"


def test_cli_modules_import_light():
    code = (
        "import sys, ajtui.cli.log, ajtui.cli.diff, ajtui.cli.git_setup; "
        "print(','.join(m for m in ('git', 'rich', 'textual', 'lark') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
