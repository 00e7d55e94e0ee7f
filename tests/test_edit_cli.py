"""`aj set`, `aj replace`, `aj renumber` as a user runs them, on copies of descriptions/:
only the lines asked for change (git diff shows nothing else), --dry-run writes nothing,
a file that does not parse is reported and left alone while the others go on."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ajtui.cli import main

from tests.helpers import ROOT, run_aj

NAME = "Ohvriabi ja ennetusteenuste osakond"
GIT_ENV = {
    "GIT_AUTHOR_DATE": "2024-01-01T12:00:00+02:00",
    "GIT_COMMITTER_DATE": "2024-01-01T12:00:00+02:00",
}


def git(repo, *args):
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=t@example.org",
            "-c",
            "core.quotepath=off",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    ).stdout


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(ROOT / "descriptions", tmp_path / "descriptions")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "descriptions")
    return tmp_path


def files(repo):
    return sorted(str(p) for p in (repo / "descriptions").glob("*.aj"))


def snapshot(repo):
    return {p: (open(p, "rb").read(), os.stat(p).st_mtime_ns) for p in files(repo)}


def aj(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_department_rename_changes_exactly_the_lines_with_the_name(repo, capsys):
    before = {p: Path(p).read_text(encoding="utf-8") for p in files(repo)}
    code, out, err = aj(capsys, "replace", NAME, "Ohvriabi osakond", *files(repo))
    assert code == 0
    assert out.count("1 replacement") == 4 and "5 files: 4 changed, 1 unchanged" in err
    numstat = [line.split("\t") for line in git(repo, "diff", "--numstat").splitlines()]
    assert sorted(name for *_, name in numstat) == [
        "descriptions/hingehoiu-noustaja-kaugnoustamistiim.aj",
        "descriptions/koordinaator-klat.aj",
        "descriptions/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj",
        "descriptions/teenuse-juht-tttvt.aj",
    ]
    assert all(added == removed == "1" for added, removed, _ in numstat)
    patch = git(repo, "diff", "-U0")
    removed = [x for x in patch.splitlines() if x.startswith("-") and not x.startswith("---")]
    added = [x for x in patch.splitlines() if x.startswith("+") and not x.startswith("+++")]
    assert all(NAME in x for x in removed)
    assert [x[1:].replace("Ohvriabi osakond", NAME) for x in added] == [x[1:] for x in removed]
    # bytes: each file is shorter by exactly the words taken out
    for p in files(repo):
        after = Path(p).read_text(encoding="utf-8")
        n = before[p].count(NAME)
        assert len(after.encode()) == len(before[p].encode()) - n * len(" ja ennetusteenuste")
    # and everything still checks
    code, _, err = aj(capsys, "check", str(repo / "descriptions"))
    assert code == 0 and "0 errors" in err


def test_dry_run_writes_nothing_and_shows_the_change(repo, capsys):
    before = snapshot(repo)
    code, out, err = aj(capsys, "replace", NAME, "Ohvriabi osakond", "--dry-run", *files(repo))
    assert code == 0 and snapshot(repo) == before
    assert git(repo, "status", "--porcelain") == ""
    # the structural diff of each file under its name, with its summary line; without
    # colour the changed words are marked as in git diff --word-diff
    assert out.count("struktuuriüksus changed; purpose, duties and requirements unchanged") == 4
    assert out.count("struktuuriüksus: Ohvriabi [-ja ennetusteenuste-] osakond,") == 4
    assert out.splitlines()[0] == files(repo)[0]
    assert "5 files: 4 would change, 1 unchanged" in err
    # the exact lines, as git would show them
    code, out, err = aj(
        capsys, "replace", NAME, "Ohvriabi osakond", "-n", "--line-diff", *files(repo)
    )
    assert code == 0 and snapshot(repo) == before
    assert out.count("\n-  struktuuriüksus: Ohvriabi ja ennetusteenuste osakond,") == 4
    assert out.count("\n+  struktuuriüksus: Ohvriabi osakond,") == 4
    assert (
        sum(x.startswith(("+", "-")) and not x.startswith(("+++", "---")) for x in out.splitlines())
        == 8
    )
    for command in (["set", "vahetu juht=Keegi"], ["renumber"]):
        code, out, _ = aj(capsys, *command, "-n", *files(repo))
        assert code == 0 and out and snapshot(repo) == before


def test_a_file_that_does_not_parse_is_reported_and_left_alone(repo, capsys):
    bad = repo / "descriptions" / "katki.aj"
    bad.write_text("üldosa\n  ametinimetus: X\n nõuded\n", encoding="utf-8")
    bad_bytes = bad.read_bytes()
    code, out, err = aj(capsys, "replace", NAME, "Ohvriabi osakond", *files(repo))
    assert code == 1
    assert bad.read_bytes() == bad_bytes
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{bad}:3:") and "error" in lines[0]
    assert lines[-1] == "6 files: 4 changed, 1 unchanged, 1 failed"
    assert len(git(repo, "diff", "--numstat").splitlines()) == 4


def test_set_with_where(repo, capsys):
    code, out, err = aj(
        capsys,
        "set",
        "vahetu juht=Talituse juhataja",
        "--where",
        'vahetu juht = "Tiimijuht"',
        *files(repo),
    )
    assert code == 0 and out.count("set vahetu juht") == 2
    patch = git(repo, "diff", "-U0")
    assert patch.count("-  vahetu juht: Tiimijuht") == 2
    assert patch.count("+  vahetu juht: Talituse juhataja") == 2
    assert len(git(repo, "diff", "--numstat").splitlines()) == 2


def test_set_a_result_and_a_new_field(repo, capsys):
    path = str(repo / "descriptions" / "koordinaator-klat.aj")
    code, _, _ = aj(
        capsys, "set", "ülesanded[3.2].tulemused[2]=Otsused on vormistatud tähtaegselt.", path
    )
    assert code == 0
    code, _, _ = aj(capsys, "set", "üldosa.alluvad=Puuduvad", path)
    assert code == 0
    patch = git(repo, "diff", "-U0")
    assert "-    - Otsused on vormistatud õigeaegselt." in patch
    assert "+    - Otsused on vormistatud tähtaegselt." in patch
    assert "+  alluvad: Puuduvad" in patch
    assert git(repo, "diff", "--numstat").split()[:2] == ["2", "1"]


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["set", "vahetu juht", "x.aj"], 2, "expected PATH=VALUE"),
        (["set", "ülesanded[3.1=x", "x.aj"], 2, "not closed"),
        (["set", "a=b", "--where", "x >=", "x.aj"], 2, "expected a value"),
        (["replace", "(", "x", "--regex", "x.aj"], 2, "bad regular expression"),
        (["replace", " ", "x", "x.aj"], 2, "OLD is empty"),
    ],
)
def test_usage_errors(capsys, args, code, words):
    got, out, err = aj(capsys, *args)
    assert got == code and words in err and out == ""


def test_per_file_errors_leave_files_alone(repo, capsys):
    before = snapshot(repo)
    code, _, err = aj(capsys, "set", "keeleoskus.vene=C1", *files(repo))
    assert code == 1 and snapshot(repo) == before
    assert "derived from the wording" in err
    code, _, err = aj(
        capsys, "set", "ülesanded[3.1]=Rida\n- näeb välja nagu tulemus", files(repo)[1]
    )
    assert code == 1 and "cannot start with '- '" in err and snapshot(repo) == before


def test_renumber(repo, capsys):
    path = str(repo / "descriptions" / "koordinaator-klat.aj")
    code, out, _ = aj(capsys, "renumber", path, "-n", "--width", "100")
    assert code == 0 and "1 duty renumbered" in out and "3.12→3.14 Vahetu juhi" in out
    code, out, _ = aj(capsys, "renumber", path, "--section", "ülesanded")
    assert code == 0 and "3.12 → 3.14" in out
    patch = git(repo, "diff", "-U0")
    assert patch.count("\n-  ") == 1 and "+  3.14 Vahetu juhi antud muude ühekordsete" in patch
    code, out, err = aj(capsys, "renumber", path)
    assert code == 0 and "0 changed, 1 unchanged" in err
    code, _, err = aj(capsys, "renumber", path, "--section", "7")
    assert code == 1 and "no duty section '7'" in err


def test_replace_regex_and_field(repo, capsys):
    path = str(repo / "descriptions" / "koordinaator-klat.aj")
    code, out, _ = aj(
        capsys,
        "replace",
        "--regex",
        r"(\w+)talitus",
        r"\1 talitus",
        "--field",
        "üldosa.struktuuriüksus",
        path,
    )
    assert code == 0 and "1 replacement" in out
    assert "+    ennetus talitus (KLAT" in git(repo, "diff", "-U0")
    code, out, err = aj(capsys, "replace", "mitte kuskil", "x", path)
    assert code == 0 and "no match for 'mitte kuskil'" in err


def test_real_command_dry_run(repo):
    before = snapshot(repo)
    r = run_aj("replace", NAME, "Ohvriabi osakond", "-n", "--line-diff", *files(repo))
    assert r.returncode == 0 and r.stdout.count("+  struktuuriüksus: Ohvriabi osakond,") == 4
    assert snapshot(repo) == before
