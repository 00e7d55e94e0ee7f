"""The review screens (diff and document) as a reviewer uses them over SSH: changed words
marked without colour, re-wrapping on resize, where am I (change k of N, the sticky
description line), search, and a long text laid out lazily."""

from __future__ import annotations

import pytest

from ajtui.tui.widgets.library_list import LibraryList

from tests.helpers.tui import GIT_ENV, SAMPLE, demo_repo, make_app, screen_text, settle

KRIISIABI = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    return demo_repo(tmp_path)


async def _open_diff(pilot, name: str = KRIISIABI):
    await settle(pilot)
    screen = pilot.app.screen
    paths = [screen.app.workspace.name_of(p) for p in screen._shown]
    screen.query_one("#table", LibraryList).move_cursor(row=paths.index(name))
    await pilot.pause()
    await pilot.press("d")
    await laid_out(pilot)
    assert type(pilot.app.screen).__name__ == "DiffScreen"
    return pilot.app.screen


async def laid_out(pilot, rounds: int = 400) -> None:
    """Settle, then let the view lay out the rest between frames (bounded)."""
    await settle(pilot)
    for _ in range(rounds):
        view = getattr(pilot.app.screen, "view", None)
        if view is None or view.complete:
            break
        await pilot.pause()
    await pilot.pause()


def where(app) -> str:
    """The diff's sticky line (or the document's position line)."""
    from textual.widgets import Static

    for wid in ("#diff-where", "#doc-where"):
        found = app.screen.query(wid)
        if found:
            widget = found.first(Static)
            lines = app.console.render_lines(
                widget.content, app.console.options.update_width(200), pad=False
            )
            return " ".join("".join(seg.text for seg in line) for line in lines)
    return ""


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def body_lines(app) -> list[str]:
    """The diff body's lines on screen (between the sticky line and the footer)."""
    return screen_text(app).splitlines()[4:-1]


# --- 1. markers without colour ------------------------------------------------------------


async def test_no_color_marks_changed_words_in_both_layouts(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(repo, tmp_path)
    assert app.no_color  # how Textual exposes NO_COLOR (it takes it out of the environment)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_diff(pilot)
        text = screen_text(app)
        assert "[-" in text and "{+" in text
        assert "Ohvriabi [-ja ennetusteenuste-] osakond" in text
        assert screen.is_unified() and screen.uses_markers()
        await pilot.press("u")  # side by side: the same marks in each column
        await laid_out(pilot)
        text = screen_text(app)
        assert not screen.is_unified()
        assert "[-95-]" in text and "{+14+}" in text


async def test_m_toggles_markers_with_colour(repo, tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_diff(pilot)
        assert not screen.uses_markers()
        assert "[-95-]" not in screen_text(app)
        await pilot.press("m")
        await laid_out(pilot)
        assert "[-95-]" in screen_text(app) and "[-…-]{+…+}" in screen_text(app)
        await pilot.press("m")
        await laid_out(pilot)
        assert "[-95-]" not in screen_text(app)


async def test_invisible_characters_are_shown_in_the_diff(tmp_path, monkeypatch):
    from ajtui.tui.screens.diff import DiffScreen

    monkeypatch.setenv("NO_COLOR", "1")
    old = SAMPLE.read_text(encoding="utf-8")
    new = old.replace("ametinimetus: Koordinaator", "ametinimetus: Koordi\u200bnaator", 1)
    assert new != old
    app = make_app(SAMPLE.parent, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(DiffScreen(SAMPLE, "old", old, "new", new))
        await laid_out(pilot)
        text = screen_text(app)
        assert "⟨U+200B⟩" in text and "\u200b" not in text
        assert "{+" in text


# --- 2. resizing re-wraps -----------------------------------------------------------------


async def test_resize_rewraps_to_the_new_width(repo, tmp_path):
    app = make_app(repo, tmp_path)
    app.config.diff_layout = "side-by-side"  # the same layout at both widths
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_diff(pilot)
        await pilot.resize_terminal(120, 40)
        await laid_out(pilot)
        # the two columns share the new width: the gutter is past the old middle
        row = next(line for line in body_lines(app) if "number: 14" in line)
        assert row.index("~") > 55, row
        await pilot.resize_terminal(80, 24)
        await laid_out(pilot)
        lines = body_lines(app)
        row = next(line for line in lines if "number: 14" in line)
        assert row.index("~") < 42, row
        assert all(len(line.rstrip()) <= 80 for line in lines)
        shown = " ".join(" ".join(lines).split())
        # every word of the long row is there, the last ones too (wrapped, not clipped)
        for word in ("struktuuriüksus:", "ennetusteenuste", "talitus", "lõuna,", "piirkond)"):
            assert word in shown
        view = screen.view
        assert view.width < 80
        layout = view._layout()
        assert layout is not None
        laid = [s for strips in layout.strips if strips for s in strips]
        assert laid and max(s.cell_length for s in laid) <= view.width


# --- 3. where am I ------------------------------------------------------------------------


async def test_n_says_change_k_of_n_and_wrapping_is_announced(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_diff(pilot)
        stops = len(screen._changes)
        assert stops >= 3
        changes = len(screen.items[0].diff.changes)
        title = screen_text(app).splitlines()[0]
        assert f"{changes} changes in {stops} places" in title
        for k in range(1, stops + 1):
            await pilot.press("n")
            await pilot.pause()
            assert f"change {k} of {stops}" in where(app)
        assert not any("Wrapped" in m for m in notes(app))
        await pilot.press("n")
        await pilot.pause()
        assert f"change 1 of {stops}" in where(app)
        assert "Wrapped to the first change." in notes(app)
        await pilot.press("p")
        await pilot.pause()
        assert f"change {stops} of {stops}" in where(app)
        assert "Wrapped to the last change." in notes(app)


async def test_the_sticky_line_names_the_description_being_read(repo, tmp_path):
    from ajtui.tui.screens.diff import DiffScreen, Item

    path = repo / KRIISIABI
    text = path.read_text(encoding="utf-8")
    items = [
        Item(path, f"before {n}", text.replace("Ohvriabi", f"Ohvriabi {n}"), "after", text)
        for n in range(8)
    ]
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(DiffScreen(items=items, title="Directive · test"))
        await laid_out(pilot)
        screen = app.screen
        assert "(1 of 8)" in where(app) and "before 0" in where(app)
        view = screen.view
        fifth = next(b for b, block in enumerate(view.blocks) if block.data[1] == 4)
        view.go_to_block(fifth + 1)
        await pilot.pause()
        assert "(5 of 8)" in where(app) and "before 4" in where(app)
        await pilot.press("home")
        await pilot.pause()
        assert "(1 of 8)" in where(app)
        # stepping with n across descriptions updates it too
        for k in range(1, len(screen._changes) + 1):
            await pilot.press("n")
            await pilot.pause()
            top = view.blocks[view.top_block].data[1]
            assert f"({top + 1} of 8)" in where(app) and f"change {k} of" in where(app)
        assert top > 0


# --- 4. search ----------------------------------------------------------------------------


async def test_search_in_the_diff_then_escape_returns_n_to_changes(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_diff(pilot)
        await pilot.press("slash", *"UKSUS", "enter")  # case and accents ignored
        await pilot.pause()
        found = screen.view.matches()
        assert len(found) >= 1
        assert f"match 1 of {len(found)}" in where(app)
        assert "üksus" in screen_text(app)
        await pilot.press("slash", *"juhend", "enter")
        await pilot.pause()
        m = len(screen.view.matches())
        assert m >= 2 and f"match 1 of {m}" in where(app)
        await pilot.press("n")
        await pilot.pause()
        assert f"match 2 of {m}" in where(app)
        await pilot.press("N")
        await pilot.pause()
        assert f"match 1 of {m}" in where(app)
        await pilot.press("N")  # before the first: wraps to the last
        await pilot.pause()
        assert f"match {m} of {m}" in where(app)
        assert "Wrapped to the last match." in notes(app)
        await pilot.press("escape")  # closes the search, stays on the diff
        await pilot.pause()
        assert type(app.screen).__name__ == "DiffScreen"
        assert screen.view.matches() == []
        await pilot.press("n")
        await pilot.pause()
        assert "change 1 of" in where(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_search_highlights_the_match(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_diff(pilot)
        view = screen.view
        await pilot.press("slash", *"ohvriabi", "enter")
        await pilot.pause()
        b, k, x0 = view._match
        y = view.start_of(b) + k - round(view.scroll_y)
        strip = view.render_line(y)
        styles = [s.style for s in strip.divide([x0, x0 + len("ohvriabi")])[1]]
        assert all(st is not None and st.underline for st in styles)


async def test_search_in_the_document(repo, tmp_path):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        paths = [screen.app.workspace.name_of(p) for p in screen._shown]
        screen.query_one("#table", LibraryList).move_cursor(row=paths.index(KRIISIABI))
        await pilot.press("enter")
        await laid_out(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"
        await pilot.press("slash", *"kasitlev", "enter")  # finds "käsitlev"
        await laid_out(pilot)
        assert "match 1 of 1" in where(app)
        assert "käsitlev" in screen_text(app).lower()
        await pilot.press("home")  # a new search starts from the top of the view
        await pilot.press("slash", *"kriisi", "enter")
        await laid_out(pilot)
        m = len(app.screen.view.matches())
        assert m > 3 and f"match 1 of {m}" in where(app)
        await pilot.press("n")
        await pilot.pause()
        assert f"match 2 of {m}" in where(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DocumentScreen"
        assert app.screen.view.matches() == []
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"


def test_the_shared_matching():
    from ajtui.tui.search import spans

    assert spans("Väljaselgitamine ja KÄSITLEMINE", "kasitle") == [(20, 27)]
    assert spans("aaaa", "aa") == [(0, 2), (2, 4)]
    assert spans("üks", "") == []
    assert spans("Õigus", "õig") == [(0, 3)]


# --- 5. a long diff is laid out lazily ------------------------------------------------------


async def test_the_view_lays_out_what_is_on_screen_first(tmp_path, monkeypatch):
    from rich.text import Text
    from textual.app import App

    from ajtui.tui.widgets import lines_view
    from ajtui.tui.widgets.lines_view import Block, LinesView

    monkeypatch.setattr(lines_view, "SLICE", 0.0)  # one block per slice
    made: list[int] = []

    def make(block, width):
        made.append(block.data)
        return Text(f"block {block.data} " + "word " * 30)

    class One(App):
        def compose(self):
            yield LinesView(make)

    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(LinesView)
        view.add_blocks([Block(n, estimate=1) for n in range(2000)])
        # at once: a screen's worth (the rest follows between frames), not all 2000
        assert made and made == list(range(len(made))) and len(made) <= 24
        await pilot.pause()
        assert "block 0 " in screen_text(app)
        # far down before it is all laid out: that part is laid out at once
        view.go_to_block(1500)
        await pilot.pause()
        assert "block 1500 " in screen_text(app)
        monkeypatch.setattr(lines_view, "SLICE", 60.0)  # the rest in the next slice
        for _ in range(300):
            if view.complete:
                break
            await pilot.pause()
        assert view.complete
        # the reader's place was kept while the blocks above turned out taller
        assert "block 1500 " in screen_text(app)
        assert view.start_of(1500) == sum(len(view._layout().strips[b]) for b in range(1500))


async def test_escape_leaves_a_directive_diff_while_it_is_computed(tmp_path, monkeypatch):
    from ajtui.tui.screens import diff as diffscreen
    from ajtui.tui.screens.diff import DiffScreen, Item

    text = SAMPLE.read_text(encoding="utf-8")
    items = [
        Item(SAMPLE, "before", text.replace("Koordinaator", f"Koordinaator {n}"), "after", text)
        for n in range(200)
    ]
    computed: list[int] = []
    real = diffscreen.compute

    def counting(old, new, name):
        computed.append(1)
        return real(old, new, name)

    monkeypatch.setattr(diffscreen, "compute", counting)
    app = make_app(SAMPLE.parent, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(DiffScreen(items=items, title="Directive · 200"))
        for _ in range(200):
            await pilot.pause()
            if app.screen.view.blocks:
                break
        assert "Koordinaator" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "DiffScreen"
        await app.workers.wait_for_complete()
        assert len(computed) < 200  # the rest was not computed after leaving
