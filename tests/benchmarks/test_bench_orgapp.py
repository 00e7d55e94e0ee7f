"""The app's org view (`o` in the library) on the generated organisation of 1,000
descriptions (tests/helpers/org.py): reading the organisation with each file's facts cached
by content (ajtui.store.organisation) against the same with nothing cached (every file
parsed), in the worker's thread; and the tree of 1,000 positions built on the UI thread."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from tests.benchmarks.harness import measure, record
from tests.helpers.org import write_org


@pytest.fixture(scope="module")
def org_1k(bench_dir):
    folder = bench_dir / "orgapp1k"
    if not folder.exists():
        write_org(folder, faults=True)
    return folder


def test_org_view_1000(org_1k, bench_dir, tmp_path):
    from ajtui.store import organisation
    from ajtui.store.workspace import Workspace

    ws = Workspace(org_1k)
    paths = ws.scan()
    cache = bench_dir / "orgapp-cache"
    shutil.rmtree(cache, ignore_errors=True)
    first = organisation.load(ws.root, paths, ws.name_of, folder=cache)
    assert first is not None and first.parsed == 1000

    def warm():
        found = organisation.load(ws.root, paths, ws.name_of, folder=cache)
        assert found is not None and found.parsed == 0

    def cold():
        found = organisation.load(ws.root, paths, ws.name_of, folder=None)
        assert found is not None and found.parsed == 1000

    t = measure({"warm": warm, "cold": cold}, rounds=5, cpu=True)
    record(
        "org",
        "the app's org view: the organisation of 1,000 descriptions, facts cached",
        t["warm"],
        "the same, nothing cached (every file parsed)",
        t["cold"],
        target=0.2,
        note="in the view's worker thread: read and hash every file, the facts of each from "
        "the workspace's cache file, resolve the references (ajtui.store.organisation)",
    )

    tree = asyncio.run(_tree_time(org_1k, tmp_path))
    record(
        "org",
        "the app's org view: the tree of 1,000 positions built (UI thread)",
        tree,
        "the organisation read, facts cached (worker thread)",
        t["warm"],
        note="units, positions and reference problems as Textual Tree nodes (the reporting "
        "lines are made when first unfolded); "
        "the rows on screen are drawn after it",
    )


async def _tree_time(folder, tmp_path) -> float:
    from tests.helpers.tui import make_app, settle

    app = make_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        loaded, findings = screen.loaded, screen.findings
        from ajtui.ops.org import unit_tree

        units = unit_tree(loaded.org)
        t = measure({"tree": lambda: screen._show(loaded, findings, units)}, rounds=5)
        return t["tree"]
