"""The review screens on a directive that approved 200 descriptions (a generated repository:
200 descriptions approved by one directive, then each edited and approved again by the
next): opening the directive's diff, `u`, a key while the rest is computed, escape.

Driven in-process with Pilot at 120×40 (side by side). Every figure is measured against
opening ONE description's diff the same way in the same run (from the directives screen,
enter on one description until its text is on screen).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from pathlib import Path

import pytest

from tests.benchmarks.harness import ROUNDS, percentile, record
from tests.helpers import corpus

COUNT = 200
OLD = ("1.1-1/10", "02.02.2024")
NEW = ("1.1-1/20", "12.02.2026")


def directive_repo(folder: Path, count: int = COUNT, seed: int = 5) -> Path:
    """`count` descriptions approved by directive OLD, then each edited (three realistic
    edits) and all approved by directive NEW in one commit."""
    from ajtui.format.writer import dumps

    folder.mkdir(parents=True, exist_ok=True)
    corpus.git(folder, "init", "-q", "-b", "main")
    pools, rng = corpus.harvest(), random.Random(seed)
    (folder / "descriptions").mkdir()
    docs = []
    for i in range(count):
        doc = corpus.description(i, pools, rng, approval=(*OLD, str(i % 15 + 1)), comments=0)
        docs.append(doc)
        (folder / f"descriptions/d{i:03d}.aj").write_text(dumps(doc), encoding="utf-8")
    corpus.git(folder, "add", "-A")
    corpus.git(folder, "commit", "-q", "-m", f"käskkiri nr {OLD[0]}")
    for i, doc in enumerate(docs):
        for c in range(3):
            corpus._mutate(doc, pools, rng, c)
        doc.approval.number, doc.approval.date_text = NEW
        (folder / f"descriptions/d{i:03d}.aj").write_text(dumps(doc), encoding="utf-8")
    corpus.git(folder, "add", "-A")
    corpus.git(folder, "commit", "-q", "-m", f"käskkiri nr {NEW[0]}")
    return folder


@pytest.fixture(scope="module")
def repo(bench_dir) -> Path:
    return directive_repo(bench_dir / "directive200")


async def _until(check, limit: float = 60.0) -> float:
    """Seconds until `check()` holds (polled every 2 ms)."""
    t0 = time.perf_counter()
    while not check():
        if time.perf_counter() - t0 > limit:
            raise AssertionError("timed out")
        await asyncio.sleep(0.002)
    return time.perf_counter() - t0


async def _key(pilot, key: str, done, limit: float = 30.0) -> float:
    """Seconds from sending `key` until `done()` holds (what the key does is visible to the
    app); not `pilot.press`, which waits for the app to be idle: while diffs are still
    computed that is later."""
    pilot.app.simulate_key(key)
    return await _until(done, limit)


async def _session(repo: Path, tmp_path: Path) -> dict[str, object]:
    """One run: open one description's diff (the baseline), then the directive's."""
    from textual.widgets import OptionList

    from ajtui.store.config import Config
    from ajtui.store.workspace import Workspace
    from ajtui.tui.app import AjApp

    from tests.helpers.tui import screen_text

    out: dict[str, object] = {}
    app = AjApp(Workspace(repo), Config(path=tmp_path / "config.toml"), watch_interval=0)
    app.cursor_blink = False
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: app.git.available is not None)
        await pilot.press("k")
        await _until(lambda: type(app.screen).__name__ == "DirectivesScreen")
        directives = app.screen
        await _until(lambda: bool(directives.rows))
        options = directives.query_one("#directives", OptionList)

        def shown(name: str):
            def check() -> bool:
                screen = app.screen
                return (
                    type(screen).__name__ == "DiffScreen"
                    and bool(screen.view.blocks)
                    and name in screen_text(app)
                )

            return check

        # the baseline: one description (the first entry of the newest directive)
        options.highlighted = 1
        await pilot.pause()
        out["one"] = await _key(pilot, "enter", shown("d000.aj"))
        await _until(lambda: app.screen._shown == 1 and app.screen.view.complete)
        out["escape one"] = await _key(pilot, "escape", lambda: app.screen is directives)

        # the directive: 200 descriptions
        options.highlighted = 0
        await pilot.pause()
        t0 = time.perf_counter()
        out["first"] = await _key(pilot, "enter", shown("d000.aj"))
        diff = app.screen
        handled: list[float] = []
        scroll_down = diff.view.action_scroll_down

        def spy() -> None:
            handled.append(time.perf_counter())
            scroll_down()

        diff.view.action_scroll_down = spy
        keys = []
        computing = 0
        for k in range(30):
            busy = diff._shown < len(diff.items)
            if k % 3:  # down: the view's scroll action ran
                before = len(handled)
                keys.append(await _key(pilot, "down", lambda b=before: len(handled) > b))
            else:  # n: the next change, said in the sticky line
                said = diff._position
                keys.append(await _key(pilot, "n", lambda s=said: diff._position != s))
            computing += busy
        out["keys"], out["keys while computing"] = keys, computing
        mode = diff._mode()
        out["u while computing"] = await _key(
            pilot,
            "u",
            lambda: (
                diff._mode() != mode
                and diff.view._key is not None
                and diff.view._key[0] == diff._mode()
            ),
        )
        await _until(lambda: diff._shown == len(diff.items), limit=120)
        out["all computed"] = time.perf_counter() - t0
        await _until(lambda: diff.view.complete, limit=120)
        idle = []
        for k in range(30):  # the same keys with nothing left to do
            if k % 3:
                before = len(handled)
                idle.append(await _key(pilot, "down", lambda b=before: len(handled) > b))
            else:
                said = diff._position
                idle.append(await _key(pilot, "n", lambda s=said: diff._position != s))
        out["idle keys"] = idle
        # the middle of the directive, then u
        middle = next(b for b, block in enumerate(diff.view.blocks) if block.data[1] == 100)
        diff.view.go_to_block(middle)
        await pilot.pause()
        mode = diff._mode()
        out["u in the middle"] = await _key(
            pilot, "u", lambda: diff.view._key is not None and diff.view._key[0] != mode
        )
        assert f"(101 of {COUNT})" in screen_text(app)  # still the same description
        out["escape"] = await _key(pilot, "escape", lambda: app.screen is directives)
    return out


def test_directive_of_200(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    runs = [asyncio.run(_session(repo, tmp_path)) for _ in range(max(2, ROUNDS // 3))]

    def med(key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]  # times

    one = med("one")
    keys = [t for r in runs for t in r["keys"]]  # type: ignore[attr-defined]  # a list
    busy = sum(int(r["keys while computing"]) for r in runs)  # type: ignore[call-overload]  # an int
    cpus = os.cpu_count()
    record(
        "review",
        f"directive of {COUNT}: first description on screen",
        med("first"),
        "one description's diff",
        one,
        target=2.0,
        note=f"goal 0.5 s; all {COUNT} read and compared {med('all computed'):.2f} s after enter; "
        f"{len(runs)} runs, {cpus} CPUs",
    )
    idle = [t for r in runs for t in r["idle keys"]]  # type: ignore[attr-defined]  # a list
    record(
        "review",
        "a key (down, n) while the rest is computed, p95",
        percentile(keys, 95),
        "the same keys when all is done, p95",
        percentile(idle, 95),
        target=3.0,
        note=f"goal 100 ms; {busy} of {len(keys)} keys while computing, max "
        f"{max(keys) * 1000:.0f} ms",
    )
    record(
        "review",
        "`u` while computing",
        med("u while computing"),
        "one description's diff",
        one,
        target=2.0,
        note="goal 0.3 s",
    )
    record(
        "review",
        f"`u` in the middle of {COUNT}",
        med("u in the middle"),
        "one description's diff",
        one,
        target=2.0,
        note="goal 0.3 s",
    )
    record(
        "review",
        f"escape from the directive of {COUNT}",
        med("escape"),
        "escape from one description's diff",
        med("escape one"),
        target=3.0,
        note="goal: immediate",
    )
