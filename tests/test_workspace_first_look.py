"""The library's first look (header scan and index cache) gives exactly what the slow path
gives: every row, the same titles, units and approvals; a cached entry equals indexing the
file again; a changed file or changed code is never answered from the cache."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from tests.helpers.tui import DESCRIPTIONS, SAMPLE, workspace

SHOWN = (
    "title",
    "unit",
    "manager",
    "directive",
    "directive_number",
    "directive_date",
    "directive_sort",
)


def _fields(e) -> dict:
    d = asdict(e)
    d.pop("stamp")
    return d


def _samples(tmp_path) -> Path:
    from tests.helpers import corpus

    files = {p.name: p.read_text(encoding="utf-8") for p in DESCRIPTIONS.glob("*.aj")}
    files["sample.aj"] = SAMPLE.read_text(encoding="utf-8")
    for i, text in enumerate(corpus.texts(40, seed=5)):
        files[f"gen/{i:02}.aj"] = text
    files["bad/syntax.aj"] = "üldosa\n  ametinimetus Kolon puudub\n"
    files["bad/binary.aj"] = "ametijuhend\n\0"
    return workspace(tmp_path, files)


def test_first_look_without_cache_is_the_quick_scan_of_every_file(tmp_path):
    from ajtui.store.workspace import Workspace

    ws = Workspace(_samples(tmp_path))
    paths = ws.scan()
    entries, todo = ws.first_look(paths)
    assert [e.path for e in entries] == paths and todo == paths
    for e in entries:
        assert not e.indexed and _fields(e) == _fields(ws.peek(e.path))


def test_quick_scan_agrees_with_the_parser_on_generated_descriptions(tmp_path):
    from ajtui.store.workspace import Workspace

    ws = Workspace(_samples(tmp_path))
    for path in ws.scan():
        full = ws.index(path)
        if full.errors:
            continue  # an invalid file shows its file name once checked
        quick = ws.peek(path)
        for name in SHOWN:
            assert getattr(quick, name) == getattr(full, name), (path.name, name)


def test_quick_scan_takes_the_first_header_sections_as_the_parser_does(tmp_path):
    from ajtui.store.workspace import Workspace

    text = SAMPLE.read_text(encoding="utf-8")
    twice = text + "\n1. üldosa: Veel\n  ametinimetus: Teine\n  vahetu juht: Keegi\n"
    ws = Workspace(workspace(tmp_path, {"a.aj": twice}))
    quick, full = ws.peek(ws.root / "a.aj"), ws.index(ws.root / "a.aj")
    assert quick.title == full.title == "Koordinaator (psühhosotsiaalse kriisiabi koordinaator)"
    assert quick.manager == full.manager


def test_cached_entries_equal_indexing_again_and_parse_nothing(tmp_path, monkeypatch):
    from ajtui.format import parser
    from ajtui.store.workspace import Workspace

    root, cache = _samples(tmp_path), tmp_path / "cache"
    cold = Workspace(root, cache=cache)
    indexed = [cold.index(p) for p in cold.scan()]
    want = {e.path: _fields(e) for e in indexed}
    cold.save_cache()
    assert cold.load_prose(indexed)  # as the library does once all is read: the prose file
    assert list((cache / "library").glob("*.json"))

    def no_parsing(*a, **k):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(parser, "loads", no_parsing)
    warm = Workspace(root, cache=cache)
    entries, todo = warm.first_look(warm.scan())
    assert todo == []  # syntax errors are cached too: they depend on the bytes only
    assert all(e.prose is None for e in entries)  # the prose is read later, on its own
    assert warm.load_prose(entries)
    assert {e.path: _fields(e) for e in entries} == want
    assert all(e.indexed and e.stamp for e in entries)


def test_a_changed_file_is_looked_at_again(tmp_path):
    from ajtui.store.workspace import Workspace

    root, cache = workspace(tmp_path), tmp_path / "cache"
    path = root / "koordinaator.aj"
    ws = Workspace(root, cache=cache)
    ws.index(path)
    ws.save_cache()
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "ametinimetus: Koordinaator", "ametinimetus: Muudetud"
        ),
        encoding="utf-8",
    )
    ws = Workspace(root, cache=cache)
    entries, todo = ws.first_look([path])
    assert todo == [path] and not entries[0].indexed
    assert entries[0].title.startswith("Muudetud")
    assert ws.index(path).title.startswith("Muudetud")


def test_other_code_or_a_broken_file_is_an_empty_cache(tmp_path, monkeypatch):
    from ajtui.store import workspace as wsm

    root, cache = workspace(tmp_path), tmp_path / "cache"
    ws = wsm.Workspace(root, cache=cache)
    ws.index(root / "koordinaator.aj")
    ws.save_cache()
    (stored,) = (cache / "library").glob("*.json")
    monkeypatch.setattr(wsm, "INDEX_SOURCES", ("another version",))
    ws = wsm.Workspace(root, cache=cache)
    assert ws.first_look(ws.scan())[1] == ws.scan()
    for junk in (
        "not json",
        "[]",
        json.dumps({"fingerprint": "another version", "entries": {"k": ["wrong shape"]}}),
    ):
        stored.write_text(junk, encoding="utf-8")
        ws = wsm.Workspace(root, cache=cache)
        entries, todo = ws.first_look(ws.scan())
        assert todo == ws.scan() and entries[0].title.startswith("Koordinaator")
        ws.index(root / "koordinaator.aj")
        ws.save_cache()  # rewritten, readable again
        assert json.loads(stored.read_text(encoding="utf-8"))["entries"]


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    from ajtui.store.workspace import Workspace

    blocker = tmp_path / "file"
    blocker.write_text("x")
    root = workspace(tmp_path)
    ws = Workspace(root, cache=blocker)
    assert ws.index(root / "koordinaator.aj").title
    ws.save_cache()


def test_read_does_not_block_on_a_fifo_and_names_are_relative(tmp_path):
    from ajtui.store.workspace import Workspace

    root = workspace(tmp_path, {"sub/a.aj": SAMPLE.read_text(encoding="utf-8")})
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.aj")
    ws = Workspace(root)
    for path in ws.scan():
        assert ws.name_of(path) == path.relative_to(ws.root).as_posix()
    assert ws.name_of(ws.root) == "." and ws.name_of(Path("/elsewhere/x.aj")) == "/elsewhere/x.aj"
    if hasattr(os, "mkfifo"):
        when, data = ws.read(root / "pipe.aj")
        assert when is not None and data is None
        e = ws.index(root / "pipe.aj")
        assert e.status == "invalid" and e.problem
    when, data = ws.read(root / "sub" / "a.aj")
    assert data == (root / "sub" / "a.aj").read_bytes() and when[1] == len(data)


def test_look_ahead_once_and_only_for_small_workspaces(tmp_path):
    from ajtui.store.workspace import Workspace

    ws = Workspace(_samples(tmp_path))
    ws.look_ahead()
    entries, todo = ws.early_look()
    assert [e.path for e in entries] == ws.scan() == todo
    assert ws.early_look() is None
    ws.look_ahead(limit=3)
    assert ws.early_look() is None


@pytest.mark.asyncio
async def test_the_first_frame_has_the_rows_and_indexing_still_completes(tmp_path):
    from ajtui.tui.screens.library import LibraryScreen

    from tests.helpers.tui import make_app, settle

    root = _samples(tmp_path)
    app = make_app(root, tmp_path)
    app.workspace.look_ahead()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert len(screen.entries) == len(app.workspace.scan())
        await settle(pilot)
        assert not screen.indexing and all(e.indexed for e in screen.entries.values())
        bad = {e.name for e in screen.entries.values() if e.errors}
        assert bad == {"bad/syntax.aj", "bad/binary.aj"}


@pytest.mark.parametrize("argv", [[], ["some/folder"], ["x.aj"], ["with space/ä.aj"]])
def test_plain_command_lines_are_read_as_argparse_reads_them(argv, monkeypatch):
    from ajtui.tui import __main__ as cli

    def load():
        raise LookupError  # stop main() right after the arguments

    monkeypatch.setattr("ajtui.store.config.load", load)
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("argparse was used"))
    with pytest.raises(LookupError):
        cli.main(argv)
    monkeypatch.undo()
    want = vars(cli.build_parser().parse_args(argv))
    assert want == {"path": argv[0] if argv else None, **cli._PLAIN}
