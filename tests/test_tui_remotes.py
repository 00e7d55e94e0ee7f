"""Fetch, pull and push from the app (`f`, `p`, `P`), with ahead/behind in the title bar,
against a real bare repository and a second clone standing for a colleague."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ajtui.store import remotes

from tests.helpers.tui import GIT_ENV, demo_repo, make_app, screen_text, settle

KLAT = "ametijuhendid/koordinaator-klat.aj"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def clones(tmp_path, monkeypatch):
    """(ours, colleague's, the remote): the demo pushed to a bare repository, cloned twice."""
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    ours = demo_repo(tmp_path)
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    _git(ours, "remote", "add", "origin", str(remote))
    _git(ours, "push", "-q", "-u", "origin", "HEAD:main")
    _git(ours, "branch", "-q", "--set-upstream-to=origin/main")
    colleague = tmp_path / "colleague"
    _git(tmp_path, "clone", "-q", str(remote), str(colleague))
    return ours, colleague, remote


def _colleague_commits(colleague: Path, old: str, new: str) -> None:
    path = colleague / KLAT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _git(colleague, "commit", "-q", "-am", "kolleegi muudatus")
    _git(colleague, "push", "-q")


def test_tracking_counts_both_ways(clones):
    ours, colleague, _ = clones
    assert remotes.tracking(ours) == remotes.Tracking(_branch(ours), "origin/main", 0, 0)
    _colleague_commits(colleague, "Juhendid on koostatud.", "Juhendid on koostatud ja avaldatud.")
    assert remotes.fetch(ours).ok
    assert remotes.tracking(ours).behind == 1
    assert remotes.tracking(ours).label() == f"{_branch(ours)} ↓1"


def test_no_upstream_is_none(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    assert remotes.tracking(demo_repo(tmp_path)) is None


def _branch(repo: Path) -> str:
    return _git(repo, "symbolic-ref", "--short", "HEAD").strip()


async def test_fetch_pull_and_push_from_the_library(clones, tmp_path):
    ours, colleague, remote = clones
    _colleague_commits(colleague, "Juhendid on koostatud.", "Juhendid on koostatud ja avaldatud.")
    app = make_app(ours, tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert f"{_branch(ours)} =" in screen_text(app)
        await pilot.press("f")
        await settle(pilot, 3)
        assert f"{_branch(ours)} ↓1" in screen_text(app)
        await pilot.press("p")
        await settle(pilot, 3)
        assert "ja avaldatud." in (ours / KLAT).read_text(encoding="utf-8")
        assert f"{_branch(ours)} =" in screen_text(app)
        # a commit of ours, then push
        path = ours / KLAT
        path.write_text(path.read_text(encoding="utf-8") + "# märkus\n", encoding="utf-8")
        _git(ours, "commit", "-q", "-am", "meie muudatus")
        app.screen.load_git_status()
        await settle(pilot, 3)
        assert f"{_branch(ours)} ↑1" in screen_text(app)
        await pilot.press("P")
        await settle(pilot, 3)
        assert f"{_branch(ours)} =" in screen_text(app)
        assert _git(remote, "log", "-1", "--format=%s", "main").strip() == "meie muudatus"


async def test_git_s_own_words_are_shown_when_it_fails(clones, tmp_path):
    ours, _colleague, remote = clones
    _git(ours, "remote", "set-url", "origin", str(remote.parent / "gone.git"))
    app = make_app(ours, tmp_path)
    seen: list[str] = []
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        original = app.screen.notify

        def notify(message, **kw):
            seen.append(f"{kw.get('title', '')}: {message}")
            return original(message, **kw)

        app.screen.notify = notify  # type: ignore[method-assign]  # to read the notice
        await pilot.press("f")
        await settle(pilot, 3)
    failed = [s for s in seen if s.startswith("git fetch failed")]
    assert failed and "gone.git" in failed[0]
