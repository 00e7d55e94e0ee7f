"""The app's git service (ajtui.tui.services) and its action registry (ajtui.tui.actions),
without the app."""

from __future__ import annotations

import subprocess
import threading

import pytest

from ajtui.store.workspace import Workspace
from ajtui.tui import actions
from ajtui.tui.services import Git, GitError, GitFailed, NoHistory

from tests.helpers.tui import GIT_ENV, workspace

# --- git ------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    ws = workspace(tmp_path)
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *args], cwd=ws, check=True, capture_output=True)
    return ws


def in_thread(call):
    """`call()` in another thread: its value, or the exception it raised."""
    out: list = []

    def run():
        try:
            out.append(call())
        except Exception as e:  # handed back to the test
            out.append(e)

    t = threading.Thread(target=run)
    t.start()
    t.join(30)
    return out[0]


def test_without_a_repository_every_question_says_why(tmp_path):
    git = Git(Workspace(workspace(tmp_path)))
    assert git.available is None and git.start() and not git.start()  # opened once
    git.open()
    assert git.available is False and "not in a git repository" in (git.error or "")
    error = in_thread(lambda: git.call(lambda h: h.status()))
    assert isinstance(error, NoHistory) and isinstance(error, GitError)
    assert error.describe("git status") == git.error  # the reason, no prefix


def test_git_answers_from_a_worker_and_its_failures_are_git_failed(repo):
    git = Git(Workspace(repo))
    git.open()
    assert git.available is True and git.error is None
    assert in_thread(lambda: git.call(lambda h: h.status())) == {"koordinaator.aj": "clean"}
    assert git.relpath(repo / "koordinaator.aj") == "koordinaator.aj"

    def broken(history):
        raise ValueError("bad revision")

    error = in_thread(lambda: git.call(broken))
    assert isinstance(error, GitFailed) and isinstance(error.__cause__, ValueError)
    assert error.describe() == "git: bad revision"
    assert error.describe("git commit") == "git commit: bad revision"
    git.close()
    assert git.available is False  # closed


def test_git_refuses_the_ui_thread(repo):
    git = Git(Workspace(repo))
    git.open()
    git.ui_thread = threading.get_ident()
    with pytest.raises(RuntimeError, match="UI thread"):
        git.call(lambda h: h.status())
    git.close()


# --- actions --------------------------------------------------------------------------------


def test_every_action_is_named_once_and_applies_somewhere():
    ids = [a.id for a in actions.ACTIONS if a.id]
    assert len(ids) == len(set(ids))
    assert {a.scope for a in actions.ACTIONS} <= set(actions.SCOPES)
    for a in actions.ACTIONS:
        assert not a.id or a.id.split(".")[0] in (a.scope, "app", "dialog"), a
        assert a.description or not a.id, a  # a named action says what it does


def test_the_screens_bindings_are_the_registry():
    from ajtui.tui.app import AjApp
    from ajtui.tui.screens.document import DocumentScreen
    from ajtui.tui.screens.help import HelpScreen
    from ajtui.tui.screens.library import LibraryScreen

    for cls, scope in (
        (AjApp, "app"),
        (LibraryScreen, "library"),
        (DocumentScreen, "document"),
        (HelpScreen, "help"),
    ):
        assert [(b.key, b.action, b.id) for b in cls.BINDINGS] == [
            (a.keys, a.action, a.id or None) for a in actions.actions(scope)
        ]
    for _name, scope in actions.HELP_SCREENS:
        assert actions.actions(scope)


def test_the_keymap_keeps_the_entries_that_name_an_action():
    user = {"library.filter": "f", "library.nonsense": "x", "diff.next": "j"}
    assert actions.keymap(user) == {"library.filter": "f", "diff.next": "j"}
