"""`aj merge` as git's merge driver: two branches per scenario, a real `git merge`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.format.parser import loads

from tests.helpers.history import Repo
from tests.helpers.merging import BASE, delete_d33, insert_duty, reword

BIN = Path(sys.executable).parent
FILE = "juhendid/koordinaator.aj"
RENAMED = ("Ohvriabi ja ennetusteenuste osakond,", "Ohvriabi osakond,")
REWORDED = ("ja kasutajakogemuse analüüsimisel", "ja kasutajate tagasiside analüüsimisel")
MANAGER = ("  vahetu juht: Tiimijuht", "  vahetu juht: Talituse juht")


def _repo(tmp_path: Path) -> Repo:
    r = Repo(tmp_path / "repo")
    r.write(FILE, BASE)
    r.commit("algus")
    done = subprocess.run(
        [str(BIN / "aj"), "git-setup", str(r.root)], capture_output=True, text=True, env=r.env()
    )
    assert done.returncode == 0, done.stderr
    r.commit(".gitattributes")
    return r


def _branches(r: Repo, ours: str, theirs: str) -> subprocess.CompletedProcess:
    r.git("checkout", "-q", "-b", "feature")
    r.write(FILE, theirs)
    r.commit("feature")
    r.git("checkout", "-q", "main")
    r.write(FILE, ours)
    r.commit("main")
    env = {**r.env(), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    cmd = ["git", "-c", "user.name=Mari", "-c", "user.email=m@example.ee", "merge", "--no-edit"]
    return subprocess.run([*cmd, "feature"], cwd=r.root, env=env, capture_output=True, text=True)


CLEAN = {
    "a duty inserted (renumbered) and another reworded": (
        lambda t: reword(t, *REWORDED),
        insert_duty,
    ),
    "a field changed and a duty removed": (lambda t: reword(t, *MANAGER), delete_d33),
    "the same change on both sides": (insert_duty, insert_duty),  # (expected: one insertion)
    "a department renamed and a duty added": (lambda t: reword(t, *RENAMED), insert_duty),
}


@pytest.mark.parametrize("scenario", list(CLEAN))
def test_independent_changes_merge_cleanly(tmp_path, scenario):
    ours_edit, theirs_edit = CLEAN[scenario]
    r = _repo(tmp_path)
    done = _branches(r, ours_edit(BASE), theirs_edit(BASE))
    assert done.returncode == 0, done.stdout + done.stderr
    merged = (r.root / FILE).read_text(encoding="utf-8")
    expected = (
        insert_duty(BASE) if scenario.startswith("the same") else theirs_edit(ours_edit(BASE))
    )
    assert loads(merged) == loads(expected)
    assert r.git("status", "--porcelain").strip() == ""


def test_line_merge_would_have_conflicted(tmp_path):
    """The first scenario conflicts without the driver: what the driver is for."""
    r = Repo(tmp_path / "plain")
    r.write(FILE, BASE)
    r.commit("algus")
    ours, theirs = CLEAN["a duty inserted (renumbered) and another reworded"]
    done = _branches(r, ours(BASE), theirs(BASE))
    assert done.returncode != 0 and "CONFLICT" in done.stdout


def test_a_real_conflict_is_marked_with_the_branch_names_and_git_stops(tmp_path):
    r = _repo(tmp_path)
    ours = reword(
        reword(BASE, "Juhendid on koostatud.", "Juhendid on koostatud ja avaldatud."), *RENAMED
    )
    theirs = reword(
        insert_duty(BASE), "Juhendid on koostatud.", "Juhendid on koostatud ja kinnitatud."
    )
    done = _branches(r, ours, theirs)
    assert done.returncode == 1
    assert "CONFLICT" in done.stdout
    assert "conflict: ülesanded/3.5/tulemused/1: both sides changed it differently" in done.stderr
    text = (r.root / FILE).read_text(encoding="utf-8")
    assert text.count("<<<<<<< main\n") == 1 and text.count(">>>>>>> feature\n") == 1
    assert "ja avaldatud." in text and "ja kinnitatud." in text
    # everything else merged: the new duty and the renamed department are there
    assert "Andmekaitse nõuete" in text and "Ohvriabi osakond," in text
    assert "UU " + FILE in r.git("status", "--porcelain")


def test_deleting_what_the_other_side_edited_conflicts(tmp_path):
    r = _repo(tmp_path)
    ours = reword(BASE, "dokumentide menetlemine.", "dokumentide menetlemine ja arhiveerimine.")
    done = _branches(r, ours, delete_d33(BASE))
    assert done.returncode == 1
    assert "ours changed it, theirs deleted it" in done.stderr
    text = (r.root / FILE).read_text(encoding="utf-8")
    block = text[text.index("<<<<<<< main") : text.index(">>>>>>> feature")]
    assert "arhiveerimine" in block and block.rstrip().endswith("=======")


def test_a_side_that_does_not_parse_is_merged_line_by_line(tmp_path):
    r = _repo(tmp_path)
    broken = BASE.replace("1. üldosa: Üldosa", "1. yldosa: Üldosa")
    done = _branches(r, reword(BASE, *REWORDED), broken)
    assert "merged line by line" in done.stderr
    assert done.returncode == 0  # the lines did not overlap
    text = (r.root / FILE).read_text(encoding="utf-8")
    assert "yldosa" in text and "tagasiside" in text


def test_git_setup_replaces_the_old_attribute_line(tmp_path):
    r = Repo(tmp_path / "old")
    r.write(".gitattributes", "*.txt text\n*.aj diff=aj\n")
    r.commit("vana")
    subprocess.run([str(BIN / "aj"), "git-setup", str(r.root)], check=True, capture_output=True)
    assert (r.root / ".gitattributes").read_text() == "*.txt text\n*.aj diff=aj merge=aj\n"
    assert r.git("config", "merge.aj.driver").strip().endswith(" merge %O %A %B %P")
