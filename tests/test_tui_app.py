"""Pilot tests of the app without git: library, filter, document, editor, guards, help,
palette, text as data."""

from __future__ import annotations

import io

import pytest
from textual.widgets import Input

from ajtui.tui.widgets.library_list import LibraryList

from tests.helpers.tui import (
    SAMPLE,
    make_app,
    markup_text,
    screen_text,
    settle,
    wait_for_text,
    workspace,
)

SIZE = (80, 24)


def _second(text: str, title: str, unit: str) -> str:
    return text.replace(
        "ametinimetus: Koordinaator\n    (psühhosotsiaalse kriisiabi koordinaator)",
        f"ametinimetus: {title}",
    ).replace(
        "struktuuriüksus: Ohvriabi ja ennetusteenuste osakond,\n    psühhosotsiaalse toe talitus",
        f"struktuuriüksus: {unit}",
    )


@pytest.fixture
def three(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    return workspace(
        tmp_path,
        {
            "koordinaator.aj": text,
            "noustaja.aj": _second(text, "Nõustaja", "Kriisitoe talitus"),
            "juht.aj": _second(text, "Teenuse juht", "Arendusosakond"),
            "katki.aj": "üldosa\n  ametinimetus Puudub koolon\n",
        },
    )


async def test_library_lists_every_description_with_status(three, tmp_path):
    app = make_app(three, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#table", LibraryList)
        assert table.row_count == 4
        text = screen_text(app)
        assert "Nõustaja" in text and "Teenuse juht" in text
        assert "invalid" in text  # katki.aj does not parse
        assert "Arendusosakond" in text
        assert "4 descriptions" in text and "1 invalid" in text


async def test_filter_as_you_type_then_enter_opens_the_match(three, tmp_path):
    app = make_app(three, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"nousta")  # no accents needed: "nõustaja"
        await pilot.pause()
        table = app.screen.query_one("#table", LibraryList)
        assert table.row_count == 1
        assert "Nõustaja" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"
        assert app.screen.path.name == "noustaja.aj"
        assert "NÕUSTAJA" in screen_text(app).upper()


async def test_escape_clears_the_filter(three, tmp_path):
    app = make_app(three, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "j", "u", "h", "t")
        await pilot.pause()
        # one title has it; the filter searches the text too, where others have it
        assert 1 <= app.screen.query_one("#table", LibraryList).row_count < 4
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#table", LibraryList).row_count == 4
        assert not app.screen.query_one("#filter").display


async def test_sort_groups_by_unit_and_cycles(three, tmp_path):
    app = make_app(three, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        units = [screen.entries[p].unit for p in screen._shown]
        assert [u for u in units if u] == sorted((u for u in units if u), key=str.lower)
        await pilot.press("s")
        await pilot.pause()
        assert screen.sort == "title"
        titles = [screen.entries[p].label.lower() for p in screen._shown]
        assert titles == sorted(titles)


async def test_document_renders_and_jumps_to_a_section(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DocumentScreen"
        assert "AMETIJUHEND" in screen_text(app)
        body = screen.query_one("#doc-body")
        assert body.scroll_y == 0
        await pilot.press("j")
        await pilot.pause()
        assert type(app.screen).__name__ == "SectionDialog"
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert body.scroll_y > 0
        assert "TEENISTUSKOHUSTUSED" in screen_text(app).splitlines()[1]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_an_invalid_file_shows_its_error_and_how_to_fix_it(three, tmp_path):
    app = make_app(three, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"katki", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "katki.aj:2:" in text and "expected ':'" in text
        assert "Press e to fix it" in text and "invalid" in text.splitlines()[0]


async def test_text_is_data_markup_shows_literally_and_click_does_nothing(tmp_path):
    ws = workspace(
        tmp_path,
        {
            "m.aj": markup_text().replace(
                "  vahetu juht: Piirkonna juht", "  vahetu juht: Juht \x1b[31mpunane"
            )
        },
    )
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        lib = await wait_for_text(pilot, "[bold]paks")
        assert "[bold]paks" in lib
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]klõps[/]" in text
        assert "[bold]paks[/bold]" in text
        assert "\\x1b[31m" in text and "\x1b" not in text
        # Click every cell of the line that holds the click markup: nothing happens.
        row = next(i for i, line in enumerate(text.splitlines()) if "@click" in line)
        col = text.splitlines()[row].index("@click")
        for dx in range(0, 12):
            await pilot.click(offset=(col + dx, row))
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == "DocumentScreen"


async def test_edit_and_save_writes_the_file_atomically(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert type(editor).__name__ == "EditorScreen"
        area = editor.query_one("#editor")
        area.move_cursor((1, 0))
        area.insert("# muudetud\n")
        await pilot.pause()
        assert editor.modified
        assert "modified" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not editor.modified
        assert target.read_text(encoding="utf-8").splitlines()[1] == "# muudetud"
        assert not list(ws.glob(".*.tmp"))


async def test_an_invalid_edit_shows_its_error_with_its_line(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        area = editor.query_one("#editor")
        # Break the field on line 11: remove its colon.
        row = next(
            i for i, line in enumerate(area.document.lines) if line.startswith("  ametinimetus:")
        )
        col = area.document.lines[row].index(":")
        area.move_cursor((row, col))
        await pilot.press("delete")
        editor.validate_now()
        await settle(pilot)
        errors = [d for d in editor.diagnostics if d.is_error]
        assert errors and errors[0].line == row + 1
        assert area.marks.get(row) == "error"
        text = screen_text(app)
        assert f"{row + 1}:" in text and "error" in text
        assert "1 error" in text
        # F8 jumps to it; typing the colon back makes the text valid again.
        area.move_cursor((0, 0))
        await pilot.press("f8")
        await pilot.pause()
        assert area.cursor_location[0] == row
        area.move_cursor((row, col))
        await pilot.press(":")
        editor.validate_now()
        await settle(pilot)
        assert not [d for d in editor.diagnostics if d.is_error]
        assert "valid" in screen_text(app).splitlines()[0] or "warning" in screen_text(app)


async def test_saving_with_errors_asks_first(tmp_path):
    ws = workspace(tmp_path)
    before = (ws / "koordinaator.aj").read_text(encoding="utf-8")
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        area = app.screen.query_one("#editor")
        area.move_cursor((1, 0))
        area.insert("oops\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await pilot.pause()
        assert (ws / "koordinaator.aj").read_text(encoding="utf-8") == before


async def test_quit_with_unsaved_changes_asks(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#editor").insert("x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog"
        assert "Quit without saving" in screen_text(app) and "Save and quit" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "EditorScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_without_changes_does_not_ask(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_escape_from_the_editor_with_changes_offers_save_or_discard(tmp_path):
    ws = workspace(tmp_path)
    before = (ws / "koordinaator.aj").read_text(encoding="utf-8")
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#editor").insert("# x\n")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog"
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
    assert (ws / "koordinaator.aj").read_text(encoding="utf-8") == before


async def test_save_refuses_when_the_file_changed_on_disk(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#editor").insert("# mine\n")
        other = target.read_text(encoding="utf-8").replace("Piirkonna juht", "Uus juht")
        target.write_text(other, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog"
        assert target.read_text(encoding="utf-8") == other  # not overwritten
        await pilot.press("r")  # reload: the other program's text is in the editor
        await settle(pilot)
        editor = app.screen
        assert "Uus juht" in editor.query_one("#editor").text
        assert not editor.modified


async def test_a_file_changed_on_disk_while_shown_is_reloaded(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        doc_screen = app.screen
        target.write_text(
            target.read_text(encoding="utf-8").replace("Piirkonna juht", "Regiooni juht"),
            encoding="utf-8",
        )
        doc_screen._watch()
        await settle(pilot)
        assert "Regiooni juht" in screen_text(app)


async def test_insert_duty_and_renumber_in_the_editor(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        area = editor.query_one("#editor")
        row = next(i for i, line in enumerate(area.document.lines) if "3.1." in line)
        area.move_cursor((row, 4))
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"Uus ülesanne")
        lines = area.document.lines
        new_row = next(i for i, line in enumerate(lines) if "Uus ülesanne" in line)
        assert lines[new_row] == "  3.2. Uus ülesanne"
        assert "  3.2. Teine kohustus" in lines  # a duplicate number, until renumbered
        await pilot.press("ctrl+r")
        await pilot.pause()
        lines = area.document.lines
        assert "  3.3. Teine kohustus" in lines and "  3.2. Uus ülesanne" in lines
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "  3.2. Teine kohustus" in area.document.lines


async def test_help_lists_the_actions(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        from rich.console import Console

        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen._this_screen())
        this = console.export_text()
        console.print(app.screen._other_screens())
        others = console.export_text()
        for action in (
            "Open",
            "Filter",
            "Edit",
            "History",
            "Diff",
            "Commit",
            "Quit",
            "Commands",
            "Keys",
        ):
            assert action in this, action
        for action in ("Save", "Back", "Next change", "Renumber"):
            assert action in others, action
        assert "library.filter" in this  # ids, for [keymap] in config.toml
        assert "Keys" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_the_palette_offers_the_screens_actions(tmp_path):
    from ajtui.tui.commands import AjCommands

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = AjCommands(app.screen)
        titles = [t for t, _h, _c in provider._commands()]
        for action in (
            "Open",
            "Filter",
            "Edit",
            "Diff",
            "History",
            "Directives",
            "Sort",
            "Commit",
            "Approve",
            "Quit",
            "Keys",
        ):
            assert action in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press(*"sort")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        assert app.screen.sort == "title"


async def test_theme_choice_is_remembered_in_config(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('# my own comment\nworkspace = "~/x"\n', encoding="utf-8")
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    text = cfg.read_text(encoding="utf-8")
    assert 'theme = "nord"' in text and "# my own comment" in text


async def test_an_empty_folder_says_so(tmp_path):
    ws = tmp_path / "empty"
    ws.mkdir()
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No .aj files" in screen_text(app)
        await pilot.press("enter", "e", "d", "h")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_without_git_history_says_why(tmp_path):
    ws = workspace(tmp_path)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if app.workspace.git_root() is not None:
            pytest.skip("tmp_path is inside a git repository")
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        assert "no git" in screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        assert "not in a git repository" in screen_text(app)


async def test_keys_can_be_remapped_in_config(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    app.config.keymap = {"library.filter": "f"}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.focused, Input)


async def test_external_editor_where_the_terminal_cannot_be_handed_over(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+e")  # headless: no terminal to suspend
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "EditorScreen"


@pytest.mark.parametrize("data", [b"\xff\xfe not utf-8", b"\x00\x01\x02 binary"])
async def test_a_file_that_is_not_text_is_refused_cleanly(tmp_path, data):
    ws = workspace(tmp_path, {"a.aj": SAMPLE.read_text(encoding="utf-8")})
    (ws / "b.aj").write_bytes(data)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lib = app.screen
        lib.query_one("#table", LibraryList).move_cursor(
            row=[p.name for p in lib._shown].index("b.aj")
        )
        await pilot.pause()
        assert "invalid" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"  # the editor refused, said why
        await pilot.press("enter")
        await settle(pilot)
        assert "b.aj:1:" in screen_text(app)
    assert (ws / "b.aj").read_bytes() == data
