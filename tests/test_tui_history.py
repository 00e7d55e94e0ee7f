"""Pilot tests with git: status, diff, history, directives, commit and approve — on the
demo repository built in a temporary folder with fixed dates."""

from __future__ import annotations

import subprocess

import pytest
from textual.widgets import OptionList

from ajtui.tui.widgets.library_list import LibraryList

from tests.helpers.tui import GIT_ENV, demo_repo, make_app, screen_text, settle

KLAT = "ametijuhendid/koordinaator-klat.aj"
KRIISIABI = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    return demo_repo(tmp_path)


def _git(repo, *args) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


async def _select(pilot, name: str) -> None:
    """Put the library's cursor on a file."""
    screen = pilot.app.screen
    paths = [screen.app.workspace.name_of(p) for p in screen._shown]
    screen.query_one("#table", LibraryList).move_cursor(row=paths.index(name))
    await pilot.pause()


async def test_library_shows_git_status(repo, tmp_path):
    (repo / KLAT).write_text((repo / KLAT).read_text() + "# uus\n", encoding="utf-8")
    (repo / "ametijuhendid" / "uus.aj").write_text("üldosa\n  ametinimetus: Uus\n")
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entries = {app.workspace.name_of(p): e for p, e in app.screen.entries.items()}
        assert entries[KLAT].status == "modified"
        assert entries["ametijuhendid/uus.aj"].status == "untracked"
        assert entries[KRIISIABI].status == "clean"
        assert "modified" in screen_text(app) and "untracked" in screen_text(app)


async def test_filter_enter_d_shows_what_changed_since_the_approval(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"klat", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DiffScreen"
        text = screen_text(app)
        # the requirement changed after nr 14 is what is not approved yet
        assert "käskkiri nr 14 (15.01.2026)  →  kinnitamata" in text
        assert "keeleoskus changed" in text  # the summary line
        assert "side by side" in text
        left_right = [line for line in text.splitlines() if "keeleoskus:" in line]
        assert left_right


async def test_diff_is_unified_below_100_columns_and_u_toggles(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert screen.is_unified() and "unified" in screen_text(app).splitlines()[0]
        await pilot.press("u")
        await settle(pilot)
        assert not screen.is_unified() and "side by side" in screen_text(app).splitlines()[0]


async def test_n_and_p_go_to_the_changes(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KRIISIABI)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        body = screen.query_one("#diff-body")
        assert len(screen._changes) >= 3
        positions = []
        for _ in range(len(screen._changes)):
            await pilot.press("n")
            await pilot.pause()
            positions.append(body.scroll_y)
            assert body.marked == screen._changes[screen._current]
        assert positions == sorted(positions) and positions[-1] > positions[0]
        await pilot.press("n")  # wraps to the first
        await pilot.pause()
        assert screen._current == 0
        await pilot.press("p")
        await pilot.pause()
        assert screen._current == len(screen._changes) - 1
        # the keyboard reaches the last change: its text is on screen
        assert "ametijuhend" in screen_text(app) or body.scroll_y == body.max_scroll_y


async def test_history_groups_by_directive_and_diffs_the_previous_revision(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KRIISIABI)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "HistoryScreen"
        text = screen_text(app)
        assert "käskkiri nr 14 (15.01.2026)  1 commit" in text
        assert "käskkiri nr 95 (11.06.2023)  1 commit" in text
        # the duty was committed under nr 95 before nr 14 approved it: not approved then
        assert "kinnitamata  not approved: changed after käskkiri nr 95" in text
        assert "Näidisandmed: uus ülesanne" in text
        assert "3 revisions" in text
        await pilot.press("enter")
        await settle(pilot)
        diff = app.screen
        assert type(diff).__name__ == "DiffScreen"
        summary = diff.items[0].diff.summary_line()
        assert summary.startswith("1 duty added, ")
        assert "renumbered" in summary and "struktuuriüksus" in summary
        assert "käskkiri nr 95 (11.06.2023)  →  käskkiri nr 14 (15.01.2026)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_history_compares_two_marked_commits(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KRIISIABI)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        kinds = [r[0] for r in screen.rows]
        assert kinds == ["rev", "commit", "rev", "commit", "rev", "commit"]
        ol = screen.query_one("#revisions", OptionList)
        ol.highlighted = 1  # the approving commit of nr 14
        await pilot.press("space")  # marks it; the cursor stays
        await pilot.pause()
        assert screen.marked == [1] and ol.highlighted == 1
        ol.highlighted = 3  # the commit that added the duty
        await pilot.press("space")
        await pilot.pause()
        assert screen.marked == [1, 3]
        await pilot.press("enter")
        await settle(pilot)
        diff = app.screen.items[0].diff
        assert "duty" not in diff.summary_line()  # added in the older commit
        assert diff.summary_line().startswith("approval changed")  # nr 14 approved it


async def test_history_shows_the_draft_and_compares_it(repo, tmp_path):
    target = repo / KLAT
    target.write_text(target.read_text().replace("Tiimijuht", "Talituse juht", 1))
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("h")
        await settle(pilot)
        text = screen_text(app)
        assert "Draft: uncommitted changes" in text and "+ draft" in text
        await pilot.press("enter")  # the draft against the revision before it
        await settle(pilot)
        diff = app.screen.items[0]
        assert diff.new_label.startswith("working copy")
        assert "vahetu juht" in diff.diff.summary_line()


async def test_directives_screen_lists_directives_and_diffs_them(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        text = screen_text(app)
        assert "käskkiri nr 14 (15.01.2026)  3 descriptions" in text
        assert "käskkiri nr 95 (11.06.2023)  1 description" in text
        assert "4 directives" in text
        await pilot.press("enter")  # the whole directive
        await settle(pilot)
        diff = app.screen
        assert len(diff.items) == 3
        assert "3 descriptions, 3 changed" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        ol = screen.query_one("#directives", OptionList)
        ol.highlighted = 2  # the klat description under nr 14
        await pilot.press("enter")
        await settle(pilot)
        assert [app.workspace.name_of(i.path) for i in app.screen.items] == [KLAT]


async def test_commit_from_the_library(repo, tmp_path):
    target = repo / KLAT
    target.write_text(target.read_text() + "# märkus\n", encoding="utf-8")
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "InputDialog"
        await pilot.press(*"lisatud märkus", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        assert _git(repo, "log", "-1", "--format=%s").strip() == "Koordinaator: lisatud märkus"
        assert _git(repo, "status", "--porcelain").strip() == ""
        entries = {app.workspace.name_of(p): e for p, e in app.screen.entries.items()}
        # committed; the demo's requirement change after nr 14 is still not approved
        assert entries[KLAT].status == "unapproved"


async def test_approve_sets_the_header_and_commits(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ApproveDialog"
        await pilot.press(*"15")
        date = app.screen.query_one("#date")
        date.value = "01.03.2026"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        text = (repo / KLAT).read_text(encoding="utf-8")
        assert "  number: 15\n  kuupäev: 01.03.2026\n  lisa: 2\n" in text
        subject = _git(repo, "log", "-1", "--format=%s").strip()
        assert subject == "Kinnitatud: Koordinaator — käskkiri nr 15 (01.03.2026), lisa 2"
        # the approval bound to that commit by an annotated tag
        assert _git(repo, "rev-parse", "kaskkiri-15^{commit}") == _git(repo, "rev-parse", "HEAD")
        assert _git(repo, "cat-file", "-t", "kaskkiri-15").strip() == "tag"
        await settle(pilot)
        entries = {app.workspace.name_of(p): e for p, e in app.screen.entries.items()}
        assert entries[KLAT].directive == "nr 15, 01.03.2026"


async def test_editor_commit_needs_a_save_first(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#editor").insert("# x\n")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "EditorScreen"  # refused: not saved
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "InputDialog"


async def test_git_runs_off_the_ui_thread_and_is_closed_on_exit(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.git.available
        with pytest.raises(RuntimeError, match="UI thread"):
            app.git.call(lambda h: h.status())
        history = app.git._history
    assert app.git._history is None and history._closed
