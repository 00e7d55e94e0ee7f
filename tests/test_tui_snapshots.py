"""SVG snapshots of every screen at 80×24 and 120×40, on the demo repository, with a fixed
theme and no blinking cursor. Update with `pytest tests/test_tui_snapshots.py
--snapshot-update` after a deliberate change, and look at the report."""

from __future__ import annotations

import pytest

from tests.helpers.tui import GIT_ENV, demo_repo, make_app, settle

KRIISIABI = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


async def _to(pilot, name: str) -> None:
    from ajtui.tui.widgets.library_list import LibraryList

    await settle(pilot)
    screen = pilot.app.screen
    names = [pilot.app.workspace.name_of(p) for p in screen._shown]
    screen.query_one("#table", LibraryList).move_cursor(row=names.index(name))
    await settle(pilot)


async def _library(pilot):
    await _to(pilot, KRIISIABI)


async def _document(pilot):
    await _to(pilot, KRIISIABI)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("3")  # section 3: the duties
    await settle(pilot)


async def _editor(pilot):
    await _to(pilot, KRIISIABI)
    await pilot.press("e")
    await settle(pilot)
    area = pilot.app.screen.query_one("#editor")
    row = next(
        i for i, line in enumerate(area.document.lines) if line.startswith("  struktuuriüksus:")
    )
    area.move_cursor((row, len("  struktuuriüksus")))
    await pilot.press("delete")  # an error: the colon is gone
    pilot.app.screen.validate_now()
    await settle(pilot)


async def _history(pilot):
    await _to(pilot, KRIISIABI)
    await pilot.press("h")
    await settle(pilot)


async def _diff(pilot):
    await _to(pilot, KRIISIABI)
    await pilot.press("d")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)


async def _directives(pilot):
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)


async def _help(pilot):
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def _org(pilot):
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    await pilot.press("down", "down", "down", "down")  # a position: its detail below the tree
    await settle(pilot)


async def _whereused(pilot):
    await _to(pilot, KRIISIABI)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    await pilot.press("down")
    await settle(pilot)


SCREENS = {
    "library": _library,
    "document": _document,
    "editor": _editor,
    "history": _history,
    "diff": _diff,
    "directives": _directives,
    "help": _help,
    "org": _org,
    "whereused": _whereused,
}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    return demo_repo(tmp_path)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, repo, tmp_path, screen, size):
    app = make_app(repo, tmp_path)
    app.theme = "textual-dark"
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen])
