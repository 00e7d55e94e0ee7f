"""The editor at 80×24 (Pilot): a check on every change, never a stale one shown; typing
that costs the same in a long file; its own saves not taken for another program's; the
status kept in the title; the whole problem at the cursor; $EDITOR's exit status; go to
line; save and quit."""

from __future__ import annotations

import random
import threading
import time
from contextlib import nullcontext

import pytest

from tests.helpers import corpus
from tests.helpers.tui import SAMPLE, make_app, screen_text, settle, workspace

SIZE = (80, 24)
LONG_NAME = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"


async def _edit(pilot, via_document: bool = False):
    await settle(pilot)
    if via_document:
        await pilot.press("enter")
        await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    editor = pilot.app.screen
    assert type(editor).__name__ == "EditorScreen"
    return editor, editor.query_one("#editor")


def _row(area, prefix: str) -> int:
    return next(i for i, line in enumerate(area.document.lines) if line.startswith(prefix))


def _messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


class _NoTimer:
    """A timer that never fires: what is left to see is what came without waiting."""

    def __init__(self, log: list) -> None:
        self.log = log

    def stop(self) -> None:
        pass


def _no_timers(screen) -> list:
    log: list = []

    def set_timer(delay, callback=None, **kw):
        log.append(delay)
        return _NoTimer(log)

    screen.set_timer = set_timer
    return log


# --- 1. a check on every change --------------------------------------------------------------


async def test_diagnostics_follow_the_key_without_waiting_for_a_pause(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        timers = _no_timers(editor)
        row = _row(area, "  ametinimetus:")
        area.move_cursor((row, area.document.lines[row].index(":")))
        await pilot.press("delete")
        await settle(pilot)
        assert [d.line for d in editor.diagnostics if d.is_error] == [row + 1]
        assert "1 error" in screen_text(app).splitlines()[0]
        await pilot.press(":")
        await settle(pilot)
        assert not [d for d in editor.diagnostics if d.is_error]
        assert timers == []  # a normal description is checked at the key, no debounce


async def test_a_stale_check_is_never_shown_and_one_check_runs_at_a_time(tmp_path, monkeypatch):
    from ajtui.tui.screens import editor as ed

    real = ed.analyse
    release = threading.Event()
    running, most, seen = [0], [0], []
    lock = threading.Lock()

    def slow_analyse(text, name):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            seen.append(text)
            if "# first" in text and "# second" not in text:
                assert release.wait(10)
            return real(text, name)
        finally:
            with lock:
                running[0] -= 1

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        monkeypatch.setattr(ed, "analyse", slow_analyse)
        shown: list = []
        real_show = editor._show_checked

        def spy(result):
            shown.append(result.generation)
            real_show(result)

        editor.checker._show = spy
        area.move_cursor((0, 0))
        area.insert("# first\n")  # its check waits for `release`
        await pilot.pause()
        assert editor.checker.running
        area.insert("oops # second\n")  # an error, typed while the first is checked
        await pilot.pause()
        release.set()
        await settle(pilot, rounds=4)
        assert shown == [editor.checker.generation]  # the first result was dropped
        assert most[0] == 1
        assert seen[-1] == area.text
        assert [d.line for d in editor.diagnostics if d.is_error] == [2]


async def test_a_slow_file_is_checked_when_typing_pauses(tmp_path):
    from ajtui.tui import checker as ch

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        timers = _no_timers(editor)
        clock = [100.0]
        editor.checker.clock = lambda: clock[0]
        editor.checker._changed_at = clock[0]
        before = editor.checker.shown
        editor.checker.recent = [0.040, 0.040]  # as the last checks of a long file took
        for line in ["# x\n", "# y\n"]:  # typing goes on: a key every 50 ms
            clock[0] += 0.05
            area.insert(line)
        await settle(pilot)
        assert editor.checker.shown == before and not editor.checker.running
        assert timers == [pytest.approx(0.12)] * 2  # 3 × 40 ms after each key
        assert ch.MIN_PAUSE <= timers[0] <= ch.MAX_PAUSE
        # the first key after a pause in typing is checked at once
        clock[0] += 0.5
        area.insert("# w\n")
        await settle(pilot)
        assert editor.checker.current and len(timers) == 2
        # a fast last check: no pause
        editor.checker.recent = [0.002, 0.002]
        clock[0] += 0.01
        area.insert("# z\n")
        await settle(pilot)
        assert editor.checker.current and len(timers) == 2


async def test_a_valid_file_says_so_under_the_text_when_it_opens(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, _area = await _edit(pilot)
        assert editor.diagnostics == []
        shown = screen_text(app).splitlines()
        assert "valid" in shown[0] and "✓ No problems." in shown[-2]


async def test_a_check_that_waits_is_not_a_slow_one(tmp_path, monkeypatch):
    """A check's duration is its CPU time: one that waited (for the GIL while a frame was
    drawn; here a sleep) does not make a short file wait for pauses in typing."""
    import time

    from ajtui.tui import checker as ch
    from ajtui.tui.screens import editor as ed

    real = ed.analyse

    def waiting(text, name):
        time.sleep(0.05)
        return real(text, name)

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        monkeypatch.setattr(ed, "analyse", waiting)
        timers = _no_timers(editor)
        area.insert("# x\n")
        await settle(pilot)
        assert editor.checker.current and editor.checker.last_seconds < ch.FRAME
        area.insert("# y\n")
        await settle(pilot)
        assert editor.checker.current and timers == []


def test_a_collection_of_the_heap_is_not_the_cost_of_a_check():
    """A check's duration leaves out the garbage collector's time: a full collection of the
    app's heap (30 ms) may fall in any check, and is not what checking the file costs."""
    import gc

    from ajtui.tui import checker as ch

    ch.watch_collections()
    heap = [[k] for k in range(300_000)]  # something for the collector to walk
    measured: list[tuple[float, float]] = []

    def check() -> None:
        raw, own = time.thread_time(), ch._own_cpu()
        gc.collect()
        measured.append((time.thread_time() - raw, ch._own_cpu() - own))

    thread = threading.Thread(target=check)
    thread.start()
    thread.join()
    ((raw, own),) = measured
    assert raw > 0.002, "the collection walked the heap"
    assert own < raw / 4
    del heap


async def test_diagnostics_are_drawn_without_waiting_for_the_screen_timer(tmp_path):
    """The check's result is drawn at the screen's first idle moment after it: here the
    screen's 60 Hz timer never fires again, and the result is on screen all the same."""
    import asyncio

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        editor._update_timer.resume = lambda: None  # the timer stays paused
        frames: list[float] = []
        display = app._display

        def counted(screen, renderable):
            if renderable is not None:
                frames.append(time.perf_counter())
            return display(screen, renderable)

        app._display = counted
        shown: list[float] = []
        show = editor.checker._show

        def spy(result):
            show(result)
            shown.append(time.perf_counter())

        editor.checker._show = spy
        area.insert("oops\n", (0, 0))
        # no pilot.pause(): it draws the screen itself
        for _ in range(500):
            await asyncio.sleep(0.01)
            if shown and frames and frames[-1] > shown[-1]:
                break
        assert shown, "the check's result never came"
        assert frames and frames[-1] > shown[-1], "the result was not drawn"
        assert "1 error" in screen_text(app).splitlines()[0]


# --- typing costs the same in a long file ---------------------------------------------------


def _full_scan(lines):
    from ajtui.tui.widgets.aj_text_area import scan, show_controls, to_bytes

    shown = [show_controls(line) for line in lines]
    spans = scan(shown)
    return [to_bytes(shown[i], spans.get(i, [])) for i in range(len(lines))]


async def test_a_key_rescans_its_line_only_even_in_a_long_file(tmp_path, monkeypatch):
    from textual.app import App

    from ajtui.tui.widgets import aj_text_area as ta

    class One(App):
        def compose(self):
            yield ta.AjTextArea(corpus.long_text(4000))

    calls = [0]
    real = ta.scan_line

    def counting(line, state):
        calls[0] += 1
        return real(line, state)

    app = One()
    async with app.run_test(size=SIZE):
        area = app.query_one(ta.AjTextArea)
        monkeypatch.setattr(ta, "scan_line", counting)
        area.insert("x", (2000, 4))
        assert calls[0] <= 2  # the edited line (and the one after, to see the state holds)
        area.insert("\n", (1000, 0))
        assert calls[0] <= 5
        assert area._spans == _full_scan(area.document.lines)


async def test_incremental_highlighting_equals_a_full_scan_after_any_edit(tmp_path):
    from textual.app import App

    from ajtui.tui.widgets.aj_text_area import AjTextArea

    class One(App):
        def compose(self):
            yield AjTextArea(SAMPLE.read_text(encoding="utf-8"))

    pieces = ["x", "\n", "ülesanded\n", "  3.1. Tee\n", "nõuded\n  kompetentsid:\n", "# c\n"]
    pieces += ["  a: b", "", "\x1b", "  - ", "1. üldosa\n", "    Kliendikesksus:\n"]
    app = One()
    async with app.run_test(size=SIZE):
        area = app.query_one(AjTextArea)
        rnd = random.Random(19)
        for k in range(300):
            lines = area.document.lines
            r1 = rnd.randrange(len(lines))
            r2 = min(len(lines) - 1, r1 + rnd.choice([0, 0, 1, 4]))
            c1 = rnd.randint(0, len(lines[r1]))
            c2 = rnd.randint(c1 if r2 == r1 else 0, len(lines[r2]))
            area.replace(rnd.choice(pieces), (r1, c1), (r2, c2))
            if k % 7 == 0:
                area.undo()
            if k % 11 == 0:
                area.redo()
            assert area._spans == _full_scan(area.document.lines), k
            assert len(area._states) == area.document.line_count + 1
            assert area.text == area.document.text
            wrapped = area.wrapped_document
            assert wrapped.height == sum(len(o) + 1 for o in wrapped._wrap_offsets)


async def test_a_key_and_its_diagnostics_draw_only_the_lines_they_change(tmp_path):
    """A key draws its own line again, a check's result the lines whose mark changed; the
    other visible lines come from the cache (TextArea drew every one for each key)."""
    from ajtui.tui.widgets.aj_text_area import AjTextArea

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        row = _row(area, "  ametinimetus:")
        area.move_cursor((row, area.document.lines[row].index(":")))
        await settle(pilot)
        drawn: list[int] = []
        real = AjTextArea._render_line

        def counting(self, y):
            drawn.append(self.wrapped_document._offset_to_line_info[y + self.scroll_offset.y][0])
            return real(self, y)

        area._render_line = counting.__get__(area)
        await pilot.press("delete")  # the colon: an error on this line
        await settle(pilot)
        assert [d.line for d in editor.diagnostics if d.is_error] == [row + 1]
        assert area.size.height > 10 and set(drawn) == {row}, drawn
        drawn.clear()
        await pilot.press(":")
        await settle(pilot)
        assert not editor.diagnostics and set(drawn) == {row}, drawn


async def test_a_change_of_height_does_not_wrap_the_text_again(tmp_path):
    """The problem's detail showing under the list makes the text shorter, not narrower:
    the wrapping stays; a narrower terminal wraps again."""
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        wraps: list[int] = []
        real = area.wrapped_document.wrap

        def counting(width, tab_width=None):
            wraps.append(width)
            return real(width, tab_width)

        area.wrapped_document.wrap = counting
        height = area.size.height
        row = _row(area, "  ametinimetus:")
        area.move_cursor((row, 2))
        await pilot.press("x")
        await settle(pilot)
        assert area.size.height < height  # the detail shows: the text area is shorter
        assert wraps == []
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        assert wraps and wraps[-1] == area.wrap_width


async def test_the_line_typed_on_stays_in_view_when_the_detail_shows(tmp_path):
    """An error typed on the last visible line: the detail under the list makes the text
    area shorter, and the text scrolls so that the cursor's line is still shown."""
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        bottom = area.scroll_offset.y + area.size.height - 1
        row = area.wrapped_document._offset_to_line_info[bottom][0]
        area.move_cursor((row, 0))
        await settle(pilot)
        assert area.scroll_offset.y == 0
        await pilot.press("x")
        await settle(pilot)
        assert editor.diagnostics and editor.query_one("#problem-detail").display
        top, cursor = area.scroll_offset.y, area._cursor_offset[1]
        assert top <= cursor < top + area.size.height


async def test_cached_lines_are_the_lines_drawn_afresh(tmp_path):
    """After edits, moves, selections, marks, blinks and a new theme, every visible line
    from the cache is what drawing it now gives."""
    from ajtui.tui.widgets.aj_text_area import AjTextArea

    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        area.cursor_blink = True
        rnd = random.Random(5)

        def same() -> None:
            area._frame_key = None
            for y in range(area.size.height):
                cached = area.render_line(y)
                fresh = AjTextArea._render_line(area, y)
                assert list(cached) == list(fresh), y

        for k in range(60):
            lines = area.document.lines
            row = rnd.randrange(min(len(lines), area.size.height))
            col = rnd.randint(0, len(lines[row]))
            what = k % 6
            if what == 0:
                area.move_cursor((row, col))
            elif what == 1:
                area.insert(rnd.choice(["x", ":", "\n", "  - y\n", "ülesanded\n"]), (row, col))
            elif what == 2:
                area.selection = area.selection.__class__((max(row - 3, 0), 1), (row, col))
            elif what == 3:
                area.set_marks({rnd.randrange(20): rnd.choice(["error", "warning"])})
            elif what == 4:
                area.undo()
            else:
                await pilot.press(rnd.choice(["down", "up", "end", "home"]))
            if k % 5 == 0:
                area._cursor_visible = not area._cursor_visible  # a blink
            if k == 30:
                app.theme = "textual-light"
            await settle(pilot)
            same()


# --- 2. its own save is not another program's change -------------------------------------------


async def test_an_outside_change_is_reported_and_its_own_save_is_not(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    changed = "The file changed on disk and was read again."
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        # library → description → editor: both screens look at the file
        editor, area = await _edit(pilot, via_document=True)

        async def look():
            for screen in app.screen_stack:
                if hasattr(screen, "_watch"):
                    screen._watch()
            await settle(pilot)

        target.write_text(SAMPLE.read_text(encoding="utf-8") + "# väljast\n", encoding="utf-8")
        await look()
        assert changed in _messages(app)
        assert area.text.endswith("# väljast\n")
        app.clear_notifications()

        area.move_cursor((1, 0))
        area.insert("# minu\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved koordinaator.aj." in _messages(app)
        await look()
        await look()
        assert changed not in _messages(app)
        await pilot.press("escape")  # back to the description: it shows the saved text
        await settle(pilot)
        await look()
        assert changed not in _messages(app)
        assert type(app.screen).__name__ == "DocumentScreen"
        assert app.screen.doc is not None and "# minu" in target.read_text(encoding="utf-8")


# --- 3. the title keeps its status at 80 columns --------------------------------------------


async def test_the_title_keeps_modified_and_the_status_at_80_columns(tmp_path):
    ws = workspace(tmp_path, {LONG_NAME: SAMPLE.read_text(encoding="utf-8")})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        area.move_cursor((1, 0))
        await pilot.press("x")
        await settle(pilot)
        title = screen_text(app).splitlines()[0]
        assert "● modified" in title and "1 error" in title
        assert "koordinaator.aj" in title  # the file's own name, shortened in the middle
        assert "…" in title


# --- 4. the whole problem at the cursor -------------------------------------------------------


async def test_the_problem_at_the_cursor_shows_its_whole_message_and_hint(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        row = _row(area, "  struktuuriüksus:")
        area.move_cursor((row, len("  struktuuriüksus")))
        await pilot.press("delete")
        await settle(pilot)
        (d,) = [d for d in editor.diagnostics if d.is_error]
        assert len(d.message) + len(d.hint) > 80  # more than the list's one line
        shown = " ".join(screen_text(app).split())
        assert d.message in shown and f"hint: {d.hint}" in shown
        # off the line: the panel goes; F8 brings the cursor and the panel back
        area.move_cursor((0, 0))
        await settle(pilot)
        assert f"hint: {d.hint}" not in " ".join(screen_text(app).split())
        await pilot.press("f8")
        await settle(pilot)
        assert f"hint: {d.hint}" in " ".join(screen_text(app).split())


# --- 5. $EDITOR's exit status -----------------------------------------------------------------


def _fake_editor(tmp_path, body: str):
    script = tmp_path / "fake-editor.sh"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize("writes", [False, True])
async def test_an_editor_that_exits_non_zero_is_reported(tmp_path, writes):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    body = ("printf '# pooleli\\n' >> \"$1\"\n" if writes else "") + "exit 1\n"
    app = make_app(ws, tmp_path)
    app.config.editor = _fake_editor(tmp_path, body)
    app.suspend = nullcontext  # headless: nothing to hand over, the script runs as it is
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors, _messages(app)
        said = str(errors[-1].message)
        assert "exited with status 1" in said
        if writes:
            assert "changed on disk and was read again" in said
            assert area.text == target.read_text(encoding="utf-8")
            assert area.text.endswith("# pooleli\n") and not editor.modified
        else:
            assert "was not changed" in said
            assert area.text == SAMPLE.read_text(encoding="utf-8")
        assert not any("Read koordinaator.aj again" in m for m in _messages(app))


async def test_an_editor_that_exits_zero_reads_the_file_again(tmp_path):
    ws = workspace(tmp_path)
    app = make_app(ws, tmp_path)
    app.config.editor = _fake_editor(tmp_path, "printf '# lisatud\\n' >> \"$1\"\n")
    app.suspend = nullcontext
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert "Read koordinaator.aj again after" in " ".join(_messages(app))
        assert area.text.endswith("# lisatud\n")
        assert not [n for n in app._notifications if n.severity == "error"]


# --- 6. go to line ------------------------------------------------------------------------------


def test_parse_position():
    from ajtui.tui.goto import parse_position

    lengths = [10, 0, 5]

    def length(row):
        return lengths[row]

    assert parse_position("2", 3, length) == (1, 0)
    assert parse_position(" 3:6 ", 3, length) == (2, 5)
    assert parse_position("1,11", 3, length) == (0, 10)
    for typed, said in [
        ("4", "Line 4 is past the end: the text has 3 lines."),
        ("0", "Lines are counted from 1."),
        ("3:7", "Line 3 has 5 characters: column 7 is past its end (1–6)."),
        ("2:2", "Line 2 has 0 characters: column 2 is past its end (1–1)."),
        ("x", "Write a line number, or line:column (e.g. 12 or 12:5)."),
        ("", "Write a line number, or line:column (e.g. 12 or 12:5)."),
    ]:
        with pytest.raises(ValueError) as e:
            parse_position(typed, 3, length)
        assert str(e.value) == said


async def test_go_to_line_moves_the_cursor_and_refuses_a_line_past_the_end(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert type(app.screen).__name__ == "GotoLineDialog"
        await pilot.press(*"9999", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "GotoLineDialog"  # stays open, says why
        assert f"Line 9999 is past the end: the text has {len(lines)} lines." in screen_text(app)
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.press(*"12:5", "enter")
        await settle(pilot)
        assert app.screen is editor
        assert area.cursor_location == (11, 4)
        await pilot.press("ctrl+l", "escape")
        await pilot.pause()
        assert app.screen is editor and area.cursor_location == (11, 4)


# --- 7. save and quit -----------------------------------------------------------------------------


async def test_ctrl_q_offers_save_and_quit(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        area.move_cursor((1, 0))
        area.insert("# enne lahkumist\n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        shown = screen_text(app)
        assert "Save and quit" in shown and "Quit without saving" in shown and "Cancel" in shown
        await pilot.press("s")
        await settle(pilot)
    assert app.return_code == 0
    assert target.read_text(encoding="utf-8").splitlines()[1] == "# enne lahkumist"


async def test_save_and_quit_with_errors_asks_and_can_stay(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        area.move_cursor((1, 0))
        area.insert("oops\n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert "Save with errors?" in screen_text(app)
        await pilot.press("n")  # keep editing: nothing saved, still running
        await settle(pilot)
        assert app.is_running and app.screen is editor and editor.modified
        assert target.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")  # quit without saving
        await settle(pilot)
    assert app.return_code == 0
    assert target.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


async def test_save_and_quit_that_cannot_save_stays_open(tmp_path):
    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor, area = await _edit(pilot)
        area.insert("# minu\n")
        other = SAMPLE.read_text(encoding="utf-8").replace("Piirkonna juht", "Uus juht")
        target.write_text(other, encoding="utf-8")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        assert app.is_running and "Changed on disk" in screen_text(app)
        assert target.read_text(encoding="utf-8") == other
