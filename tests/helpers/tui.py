"""Helpers for the app's tests (test_tui_*.py): workspaces, the demo repository, an app
that never touches the user's config, and the screen as text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, ROOT

SAMPLE = FIXTURES / "valid" / "sample.aj"
DESCRIPTIONS = ROOT / "descriptions"

#: Fixed identity and dates: commits made in tests have the same ids every run.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test User",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test User",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_AUTHOR_DATE": "2026-02-01T12:00:00+02:00",
    "GIT_COMMITTER_DATE": "2026-02-01T12:00:00+02:00",
}

MARKUP_TITLE = "Koordinaator [bold]paks[/bold] [@click=app.quit]klõps[/]"


def workspace(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    """A folder of descriptions (no git): the fixture sample, or the given files."""
    ws = tmp_path / "workspace"
    ws.mkdir()
    if files is None:
        shutil.copy(SAMPLE, ws / "koordinaator.aj")
    else:
        for name, text in files.items():
            (ws / name).parent.mkdir(parents=True, exist_ok=True)
            (ws / name).write_text(text, encoding="utf-8")
    return ws


def markup_text() -> str:
    """The sample with markup and an escape sequence in its title and unit."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("  ametinimetus: Koordinaator", f"  ametinimetus: {MARKUP_TITLE}")
    return text


def demo_repo(tmp_path: Path) -> Path:
    """The demo repository built from the shipped samples."""
    from ajtui.store.demo import build

    repo = tmp_path / "workspace"
    repo.mkdir()
    build(repo, DESCRIPTIONS)
    return repo


def make_app(path: Path, tmp_path: Path, **kw):
    from ajtui.store.config import Config
    from ajtui.store.workspace import Workspace
    from ajtui.tui.app import AjApp

    kw.setdefault("watch_interval", 0)
    app = AjApp(Workspace(path), Config(path=tmp_path / "config.toml"), **kw)
    app.cursor_blink = False
    return app


async def settle(pilot, rounds: int = 2) -> None:
    """Let workers finish and the screen catch up (no sleeping)."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        await pilot.pause()
        # a cancelled worker (an exclusive one replaced by a newer one, as the library's
        # indexing when a screen opens over it) raises here: what counts is that the rest
        # finish
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                continue
    await pilot.pause()


async def wait_for_text(pilot, text: str, rounds: int = 60) -> str:
    """The screen once `text` is on it: settles, then lets timers (the preview's 0.15 s
    debounce) fire, a bounded number of times."""
    for _ in range(rounds):
        await settle(pilot)
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.05)
    return screen_text(pilot.app)


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)
