"""`x` in the app: the document screen writes the description (PDF, Word, HTML, Markdown,
JSON), the diff screen the change table; the path is prefilled next to the file, an
existing file is written over only after a yes, errors are one line."""

from __future__ import annotations

import json

import pytest

from ajtui.tui.widgets.library_list import LibraryList

from tests.helpers.tui import GIT_ENV, demo_repo, make_app, settle, workspace

KRIISIABI = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))


def notes(app, severity: str | None = None) -> list[str]:
    return [
        str(n.message) for n in app._notifications if severity is None or n.severity == severity
    ]


async def _export(pilot, key: str, path: str | None = None) -> None:
    """x, the format's key, (a path), enter; then let the writing thread finish."""
    await pilot.press("x")
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    if path is not None:
        from textual.widgets import Input

        pilot.app.screen.query_one("#value", Input).value = path
    await pilot.press("enter")
    await settle(pilot)


async def test_x_on_the_document_writes_each_format(tmp_path):
    ws = workspace(tmp_path)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        from textual.widgets import Input

        # prefilled next to the file
        assert app.screen.query_one("#value", Input).value == str(ws / "koordinaator.pdf")
        await pilot.press("enter")
        await settle(pilot)
        pdf = ws / "koordinaator.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert f"Written: {pdf}" in notes(app)
        assert type(app.screen).__name__ == "DocumentScreen"

        await _export(pilot, "j")
        data = json.loads((ws / "koordinaator.json").read_text(encoding="utf-8"))
        assert "Koordinaator" in json.dumps(data, ensure_ascii=False)
        await _export(pilot, "m")
        assert "# AMETIJUHEND" in (ws / "koordinaator.md").read_text(encoding="utf-8")
        await _export(pilot, "w")
        assert (ws / "koordinaator.docx").read_bytes()[:2] == b"PK"

        # an existing file: asked; no keeps it, yes writes over it
        pdf.write_bytes(b"old")
        await _export(pilot, "p")
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await settle(pilot)
        assert pdf.read_bytes() == b"old"
        await _export(pilot, "p")
        await pilot.press("y")
        await settle(pilot)
        assert pdf.read_bytes().startswith(b"%PDF")

        # not over the description itself; an unwritable place in one line
        app.clear_notifications()
        await _export(pilot, "h", str(ws / "koordinaator.aj"))
        assert any("is the file shown" in n for n in notes(app, "error"))
        assert (ws / "koordinaator.aj").read_text(encoding="utf-8").startswith("# Sample")
        app.clear_notifications()
        await _export(pilot, "h", str(ws / "no" / "such" / "k.html"))
        [error] = notes(app, "error")
        assert "cannot write" in error and "\n" not in error


async def test_x_refuses_an_invalid_description(tmp_path):
    text = (
        "ametijuhend\n  kinnitatud: käskkirjaga\n  number: 1\n  kuupäev: 01.02.2026\n\n"
        "üldosa\n  struktuuriüksus: Osakond\n"
    )
    ws = workspace(tmp_path, {"a.aj": text})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await _export(pilot, "p")
        [error] = notes(app, "error")
        assert "AJ111" in error and "nothing written" in error
        assert not (ws / "a.pdf").exists()


async def test_x_on_the_diff_writes_the_change_table(tmp_path, monkeypatch):
    import docx

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    repo = demo_repo(tmp_path)
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        paths = [app.workspace.name_of(p) for p in screen._shown]
        screen.query_one("#table", LibraryList).move_cursor(row=paths.index(KRIISIABI))
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "DiffScreen"
        await app.workers.wait_for_complete()
        await _export(pilot, "w")
        out = repo / KRIISIABI.replace(".aj", "-muudatused.docx")
        assert f"Written: {out}" in notes(app)
        d = docx.Document(str(out))
        assert [c.text for c in d.tables[0].rows[0].cells] == [
            "Kehtiv sõnastus",
            "Uus sõnastus",
            "Muudatus",
        ]
        underlined = [
            r.text
            for t in d.tables
            for row in t.rows[1:]
            for p in row.cells[1].paragraphs
            for r in p.runs
            if r.underline
        ]
        struck = [
            r.text
            for t in d.tables
            for row in t.rows[1:]
            for p in row.cells[0].paragraphs
            for r in p.runs
            if r.font.strike
        ]
        assert "Osaleb ohvriabi osakonna ühtsete" in underlined
        assert struck
        await _export(pilot, "h")
        page = out.with_suffix(".html").read_text(encoding="utf-8")
        assert "<ins>" in page and "(ainult numeratsioon)" in page


def test_the_change_table_of_many_lists_duties_moved_across_files(tmp_path):
    from pathlib import Path

    from ajtui.tui.export_dialog import change_table_bytes
    from ajtui.tui.screens.diff import Item, compute

    from tests.helpers.tui import SAMPLE

    full = SAMPLE.read_text(encoding="utf-8")
    start = full.index("  # first duty")
    without = full[:start] + full[full.index("  3.2. Teine kohustus") :]
    a = Item(Path("/w/a.aj"), "käskkiri nr 1", full, "mustand", without)
    b = Item(Path("/w/b.aj"), "käskkiri nr 1", without, "mustand", full)
    for it in (a, b):
        it.diff = compute(it.old_text, it.new_text, it.path.name)
    before = [list(it.diff.changes) for it in (a, b)]
    page = change_table_bytes([a, b], "Directive", lambda p: p.name, "html").decode()
    assert "a.aj 3.1 → b.aj 3.1" in page  # listed once, as moved across files
    assert "<li>3.1 → b.aj 3.1 (tõstetud)</li>" in page  # under a.aj: where it went
    assert "<li>a.aj 3.1 → 3.1 (tõstetud)</li>" in page  # under b.aj: where it came from
    # the screen's diffs are left as they were
    assert [list(it.diff.changes) for it in (a, b)] == before
