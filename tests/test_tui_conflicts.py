"""The app's conflict screen on a real conflicted repository: two branches, `git merge` with
the `aj merge` driver, then the library's conflict status, both sides shown, a side taken
per conflict, the file written and marked resolved, the merge committed with `c`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.format.parser import loads
from ajtui.tui.widgets.library_list import LibraryList

from tests.helpers.history import Repo
from tests.helpers.merging import BASE, insert_duty, reword
from tests.helpers.tui import GIT_ENV, make_app, screen_text, settle

BIN = Path(sys.executable).parent
FILE = "juhendid/koordinaator.aj"
RESULT = ("Juhendid on koostatud.", "Juhendid on koostatud ja ")
MANAGER = "  vahetu juht: Tiimijuht"
#: ours' wording of the manager: markup in a file is data
OURS_MANAGER = MANAGER + " [b]A[/b]"


def _conflicted(root: Path) -> Repo:
    r = Repo(root)
    r.write(FILE, BASE)
    r.commit("algus")
    setup = subprocess.run(
        [str(BIN / "aj"), "git-setup", str(r.root)], capture_output=True, text=True, env=r.env()
    )
    assert setup.returncode == 0, setup.stderr
    r.commit(".gitattributes")
    r.git("checkout", "-q", "-b", "feature")
    theirs = reword(insert_duty(BASE), RESULT[0], RESULT[1] + "kinnitatud.")
    r.write(FILE, reword(theirs, MANAGER, MANAGER + " B"))
    r.commit("feature")
    r.git("checkout", "-q", "main")
    r.write(FILE, reword(reword(BASE, RESULT[0], RESULT[1] + "avaldatud."), MANAGER, OURS_MANAGER))
    r.commit("main")
    env = {**r.env(), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    cmd = ["git", "-c", "user.name=Mari", "-c", "user.email=m@example.ee", "merge", "--no-edit"]
    done = subprocess.run([*cmd, "feature"], cwd=r.root, env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "2 conflicts" in done.stderr, done.stdout + done.stderr
    return r


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    return _conflicted(tmp_path / "repo")


async def _open(pilot, key: str = "enter") -> None:
    screen = pilot.app.screen
    names = [screen.app.workspace.name_of(p) for p in screen._shown]
    screen.query_one("#table", LibraryList).move_cursor(row=names.index(FILE))
    await pilot.pause()
    await pilot.press(key)
    await settle(pilot)


def _line_with(text: str, *words: str) -> bool:
    return any(all(w in line for w in words) for line in text.splitlines())


async def test_take_a_side_per_conflict_write_and_commit_the_merge(repo, tmp_path):
    app = make_app(repo.root, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entries = {app.workspace.name_of(p): e for p, e in app.screen.entries.items()}
        assert entries[FILE].status == "conflict"
        text = screen_text(app)
        assert "1 with merge conflicts" in text and "invalid" not in text
        assert any("conflict" in ln for ln in text.splitlines()[1:])  # the row's status
        await _open(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ConflictScreen"
        text = screen_text(app)
        assert "Conflict 1 of 2" in text and "0 of 2 settled" in text
        # side by side from 100 columns: both wordings on one line, markup shown as written
        assert _line_with(text, "main (ours)", "feature (theirs)")
        assert _line_with(text, "Tiimijuht [b]A[/b]", "Tiimijuht B")
        await pilot.press("n")
        await settle(pilot)
        text = screen_text(app)
        assert "Conflict 2 of 2" in text
        assert _line_with(text, "koostatud ja avaldatud.", "koostatud ja kinnitatud.")
        await pilot.press("p", "t")  # theirs for the manager, then on to the duty
        await settle(pilot)
        text = screen_text(app)
        assert "Conflict 2 of 2" in text and "1 of 2 settled" in text
        await pilot.press("o")  # ours for the duty: all settled, written
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        written = (repo.root / FILE).read_text(encoding="utf-8")
        assert "<<<<<<<" not in written and "=======" not in written
        assert "Tiimijuht B" in written and "[b]A[/b]" not in written
        assert "Juhendid on koostatud ja avaldatud." in written
        assert "Juhendid on koostatud ja kinnitatud." not in written
        assert "Andmekaitse nõuete" in written  # theirs' new duty, merged by the driver
        doc = loads(written)
        assert doc.conflicts == []
        # marked resolved: staged, no longer unmerged
        assert repo.git("status", "--porcelain", "--", FILE).startswith("M  ")
        # c commits the merge (git commits a merge whole)
        await _open(pilot, "c")
        assert type(app.screen).__name__ == "InputDialog"
        await pilot.press(*"liidetud", "enter")
        await settle(pilot)
        parents = repo.git("rev-list", "--parents", "-1", "HEAD").split()
        assert len(parents) == 3  # a merge commit
        assert repo.git("status", "--porcelain").strip() == ""


async def test_narrow_one_above_the_other_and_edit_at_the_conflict(repo, tmp_path):
    app = make_app(repo.root, tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await _open(pilot, "e")  # e on a conflicted file: the conflict screen too
        screen = app.screen
        assert type(screen).__name__ == "ConflictScreen"
        text = screen_text(app)
        assert not _line_with(text, "main (ours)", "feature (theirs)")
        ours_at = next(i for i, ln in enumerate(text.splitlines()) if "main (ours)" in ln)
        theirs_at = next(i for i, ln in enumerate(text.splitlines()) if "feature (theirs)" in ln)
        assert ours_at < theirs_at
        first = screen.conflicts[0].start_line
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert type(editor).__name__ == "EditorScreen"
        area = editor.query_one("#editor")
        assert area.cursor_location[0] == first - 1
        assert area.document.get_line(first - 1).startswith("<<<<<<< main")
        # resolve the first conflict by hand: keep ours' line, drop the markers and theirs
        c = screen.conflicts[0]
        area.replace(c.ours_text, (first - 1, 0), (c.end_line, 0))  # to the line after >>>
        await pilot.press("ctrl+s")
        await settle(pilot)
        # the other conflict is still an error (AJ160): the editor asks before saving
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "unresolved merge conflict" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        text = screen_text(app)
        assert "Conflict 1 of 1" in text and "koostatud ja avaldatud." in text
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        left = (repo.root / FILE).read_text(encoding="utf-8")
        assert left.count("<<<<<<<") == 1 and "[b]A[/b]" in left


async def test_without_conflicts_enter_opens_the_document(repo, tmp_path):
    repo.git("checkout", "--theirs", "--", FILE)
    app = make_app(repo.root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _open(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"


async def test_the_document_screen_says_it_shows_ours(repo, tmp_path):
    from ajtui.tui.screens.document import DocumentScreen

    app = make_app(repo.root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(DocumentScreen(repo.root / FILE))
        await settle(pilot)
        text = screen_text(app)
        assert "2 merge conflict(s): ours shown" in text
        duties = str(app.screen.doc.section("ülesanded"))  # type: ignore[attr-defined]
        assert "koostatud ja avaldatud." in duties and "koostatud ja kinnitatud." not in duties


async def test_a_malformed_block_opens_the_editor_at_its_error(repo, tmp_path):
    path = repo.root / FILE
    text = path.read_text(encoding="utf-8")
    cut = text.index(">>>>>>> feature\n")
    path.write_text(text[:cut] + text[cut + len(">>>>>>> feature\n") :], encoding="utf-8")
    app = make_app(repo.root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _open(pilot, "e")
        assert type(app.screen).__name__ == "EditorScreen"
        await settle(pilot)
        found = [(d.line, d.message) for d in app.screen.diagnostics]  # type: ignore[attr-defined]
        assert len(found) == 1 and "inside the conflict opened at line 13" in found[0][1], found
        assert (
            (repo.root / FILE)
            .read_text(encoding="utf-8")
            .split("\n")[found[0][0] - 1]
            .startswith("<<<<<<< main")
        )


async def test_approving_a_conflicted_file_is_refused(repo, tmp_path):
    before = (repo.root / FILE).read_text(encoding="utf-8")
    app = make_app(repo.root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _open(pilot, "a")
        assert type(app.screen).__name__ == "LibraryScreen"
        said = [n.message for n in app._notifications]
        assert any("has merge conflicts: resolve them first" in m for m in said), said
    assert (repo.root / FILE).read_text(encoding="utf-8") == before
