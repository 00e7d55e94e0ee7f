"""Workspace.watch: the file system's change events (watchfiles), reported as `changes`
reports a poll — the descriptions `scan` lists, added, removed or changed."""

from __future__ import annotations

import queue
import threading
import time

import pytest

from ajtui.store.workspace import Workspace


@pytest.fixture
def watching(tmp_path):
    root = tmp_path / "ws"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.aj").write_text("x", encoding="utf-8")
    ws = Workspace(root)
    stop = threading.Event()
    batches: queue.Queue = queue.Queue()

    def run() -> None:
        for batch in ws.watch(stop):
            batches.put(batch)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.5)  # the watcher is set up
    yield root, batches
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the watch did not stop"


def _next(batches: queue.Queue) -> tuple[set, set, set]:
    added, removed, changed = batches.get(timeout=15)
    return ({p.name for p in added}, {p.name for p in removed}, {p.name for p in changed})


def test_added_changed_and_removed_descriptions_are_reported(watching):
    root, batches = watching
    (root / "sub" / "new.aj").write_text("x", encoding="utf-8")
    (root / ".hidden" / "secret.aj").write_text("x", encoding="utf-8")
    (root / "notes.txt").write_text("x", encoding="utf-8")
    assert _next(batches) == ({"new.aj"}, set(), set())
    time.sleep(0.1)
    (root / "a.aj").write_text("changed", encoding="utf-8")
    assert _next(batches) == (set(), set(), {"a.aj"})
    (root / "a.aj").unlink()
    assert _next(batches) == (set(), {"a.aj"}, set())
    assert batches.empty()


async def test_the_library_shows_a_file_added_on_disk(tmp_path):
    """The app reads the file system's events (no poll): a description saved into the
    folder appears in the library, one deleted goes."""
    import asyncio

    from tests.helpers.tui import SAMPLE, make_app

    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.aj").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(root, tmp_path, watch_interval=3600.0)  # a poll would come too late

    async def until(pilot, check) -> bool:
        for _ in range(300):
            await pilot.pause(0.05)
            if check():
                return True
        return False

    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert await until(pilot, lambda: not screen.indexing and len(screen.entries) == 1)
        await asyncio.sleep(0.5)  # the watcher is set up
        (root / "b.aj").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        assert await until(pilot, lambda: root / "b.aj" in screen.entries)
        (root / "a.aj").unlink()
        assert await until(pilot, lambda: root / "a.aj" not in screen.entries)


async def test_a_change_made_before_the_watcher_was_ready_is_not_lost(tmp_path, monkeypatch):
    """A file changed between the library's first listing and the file system's watcher
    being set up sends no event: the library looks at the disk once after the watcher
    runs, so the change shows within one poll interval, not at the file's next change."""
    from tests.helpers.tui import SAMPLE, make_app

    root = tmp_path / "ws"
    root.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (root / "a.aj").write_text(text, encoding="utf-8")

    def late_watcher(self, stop):  # set up too late to see anything made before now
        stop.wait()
        yield from ()

    monkeypatch.setattr(Workspace, "watch", late_watcher)
    app = make_app(root, tmp_path, watch_interval=0.1)  # the poll's tick: 2 s at the least

    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for _ in range(100):
            await pilot.pause(0.02)
            if not screen.indexing and len(screen.entries) == 1:
                break
        assert screen._events  # the (late) watcher runs: no poll would look
        (root / "b.aj").write_text(text, encoding="utf-8")
        (root / "a.aj").write_text(text.replace("Koordinaator", "Peaspetsialist"), "utf-8")
        for _ in range(200):
            await pilot.pause(0.05)
            a = screen.entries.get(root / "a.aj")
            if (
                root / "b.aj" in screen.entries
                and a is not None
                and a.title.startswith("Peaspetsialist")
            ):
                break
        assert root / "b.aj" in screen.entries
        assert screen.entries[root / "a.aj"].title.startswith("Peaspetsialist")
