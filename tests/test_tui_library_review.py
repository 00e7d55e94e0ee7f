"""The library, its keys and the git dialogs as HR and legal users found them at 80×24
(issue 19, part C): the filter searches the text and says where it matched, the filter box
lets go of the keys, the keymap is never silent, the commit and approve dialogs say what
they take in, titles keep their distinguishing end, the sort arrow and the footer."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from ajtui.tui.actions import keymap_problems
from ajtui.tui.widgets.library_list import LibraryList

from tests.helpers.tui import GIT_ENV, SAMPLE, demo_repo, make_app, screen_text, settle, workspace

SIZE = (80, 24)
KLAT = "ametijuhendid/koordinaator-klat.aj"


def _sample(title: str, duty_text: str | None = None) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "  ametinimetus: Koordinaator\n    (psühhosotsiaalse kriisiabi koordinaator)",
        f"  ametinimetus: {title}",
        1,
    )
    if duty_text is not None:
        first = text.index("3.1.")
        end = text.index("\n", first)
        text = text[:first] + f"3.1. {duty_text}" + text[end:]
    return text


def _shown(app) -> list[str]:
    return [app.workspace.name_of(p) for p in app.screen._shown]


# --- 1. the filter searches the text ------------------------------------------------------


async def test_the_filter_matches_duty_text_and_says_where(tmp_path):
    ws = workspace(
        tmp_path,
        {
            "a.aj": _sample("Jurist", "Erakorralise olukorra lahendamine ja nõustamine."),
            "b.aj": _sample("Raamatupidaja"),
        },
    )
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"erakorral")  # accents optional: "erakorral" in a duty
        await settle(pilot)
        assert _shown(app) == ["a.aj"]
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "ülesanne 3.1" in detail and "Erakorralise olukorra" in detail
        # a title match comes first and says nothing about the text
        await pilot.press(*["backspace"] * 9, *"raamatu")
        await settle(pilot)
        assert _shown(app) == ["b.aj"]
        assert "ülesanne" not in str(app.screen.query_one("#detail", Static).render())


async def test_the_text_comes_back_from_the_index_cache(tmp_path):
    """The text is kept with the library's index: a second start parses nothing and
    still finds it."""
    from ajtui.store.config import Config
    from ajtui.store.workspace import Workspace
    from ajtui.tui.app import AjApp

    ws = workspace(tmp_path, {"a.aj": _sample("Jurist", "Tõlkimine viipekeelde.")})
    cache = tmp_path / "cache"
    first = Workspace(ws, cache=cache)
    entry = first.index(ws / "a.aj")
    assert any(
        w == "ülesanne 3.1" and t.startswith("Tõlkimine viipekeelde.") for w, t in entry.texts
    )
    first.save_cache()
    assert first.load_prose([entry])  # the library, once all is read: the prose file
    (prose_file,) = cache.rglob("*.prose.json")
    assert "Tõlkimine viipekeelde." in prose_file.read_text(encoding="utf-8")
    assert "viipekeelde" not in "".join(
        p.read_text(encoding="utf-8") for p in cache.rglob("*.json") if p != prose_file
    )  # the rows' cache stays small: read before the first frame
    again = Workspace(ws, cache=cache)
    entries, todo = again.first_look(again.scan())
    assert todo == [] and entries[0].prose is None  # not read for the first rows

    def no_parsing(e):
        raise AssertionError("parsed again")

    again._prose_again = no_parsing  # type: ignore[method-assign]  # the file has it
    assert again.load_prose(entries) and entries[0].texts == entry.texts
    # a prose file lost: the file is parsed again for it
    prose_file.unlink()
    lost = Workspace(ws, cache=cache)
    entries, todo = lost.first_look(lost.scan())
    assert lost.load_prose(entries) and entries[0].texts == entry.texts
    app = AjApp(again, Config(path=tmp_path / "config.toml"), watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"viipekeel")
        await settle(pilot)
        assert _shown(app) == ["a.aj"]


async def test_a_filter_typed_before_the_text_index_is_ready_answers_by_title_then_text(
    tmp_path, monkeypatch
):
    """The text index is made in a thread once the library is read: until it is there the
    filter answers by title (and says it is still searching the text), then the rows
    matched in the text join."""
    import threading

    from ajtui.tui.screens import library
    from ajtui.tui.widgets.title_bar import TitleBar

    gate = threading.Event()
    made = library.text_index

    def held_back(previous=None):
        index = made(previous)
        update = index.update

        def update_when_let(entries, **kw):
            assert gate.wait(10), "the test never let the text index be made"
            return update(entries, **kw)

        index.update = update_when_let  # type: ignore[method-assign]  # held back here
        return index

    monkeypatch.setattr(library, "text_index", held_back)
    ws = workspace(
        tmp_path,
        {
            "a.aj": _sample("Jurist", "Erakorralise olukorra lahendamine ja nõustamine."),
            "b.aj": _sample("Erakorralise olukorra juht"),
            "c.aj": _sample("Raamatupidaja"),
            "d.aj": _sample("Erakorraline abi"),
        },
    )
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):  # read (no waiting for the workers: one is held back)
            await pilot.pause()
            if not app.screen.indexing:
                break
        assert not app.screen.indexing and len(app.screen.entries) == 4
        await pilot.press("slash", *"erakorral", "down")
        await pilot.pause()
        assert _shown(app) == ["d.aj", "b.aj"]  # by title, at once
        title = app.screen.query_one("#title", TitleBar)
        assert "searching the text…" in title.right
        gate.set()
        await settle(pilot)
        assert _shown(app) == ["d.aj", "b.aj", "a.aj"]  # and now the text, after them
        assert "searching the text" not in title.right
        table = app.screen.query_one("#table", LibraryList)
        assert table.cursor_row == 1  # the row the user went to stays selected
        await pilot.press("down")
        await pilot.pause()
        assert "ülesanne 3.1" in str(app.screen.query_one("#detail", Static).render())


def test_the_prose_is_packed_in_one_string_and_given_back_as_pairs():
    """One string a description (a list of pairs costs three times the text): the pairs
    come back as they were, a separator inside a text made a space."""
    from ajtui.store.workspace import Entry, pack_prose, unpack_prose

    pairs = [("ülesanne 1", "Koostab aruandeid."), ("eesmärk", "Tagab \x1e ja \x1f korra.")]
    packed = pack_prose(pairs)
    assert isinstance(packed, str)
    assert unpack_prose(packed) == [pairs[0], ("eesmärk", "Tagab   ja   korra.")]
    assert unpack_prose("") == [] and pack_prose([]) == ""
    assert Entry(path=SAMPLE, name="x.aj", prose=packed).texts == unpack_prose(packed)


# --- 3. the filter box lets go of the keys --------------------------------------------------


async def test_enter_in_the_filter_gives_the_keys_back_to_the_list(tmp_path):
    ws = workspace(tmp_path, {"a.aj": _sample("Jurist (KLAT)"), "b.aj": _sample("Arhivaar")})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"klat", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, LibraryList)
        assert _shown(app) == ["a.aj"]  # the filter stays
        await pilot.press("k")  # a key of the library, not a letter of the filter
        await settle(pilot)
        assert type(app.screen).__name__ == "DirectivesScreen"


async def test_escape_in_the_filter_clears_it_and_leaves_the_box(tmp_path):
    ws = workspace(tmp_path, {"a.aj": _sample("Jurist (KLAT)"), "b.aj": _sample("Arhivaar")})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"klat")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, LibraryList)
        assert sorted(_shown(app)) == ["a.aj", "b.aj"]


# --- 4. the keymap is never silent ----------------------------------------------------------


def test_keymap_problems_name_unknown_ids_and_taken_keys():
    said = keymap_problems(
        {"library.filtr": "f", "library.sort": "e", "diff.next": "q", "library.filter": "slash"}
    )
    assert any("'library.filtr' is not an action id" in s and "library.filter" in s for s in said)
    assert any("takes e from library.edit (Edit), which now has no key" in s for s in said)
    assert any("on the diff screen, q runs diff.next" in s and "app.quit" in s for s in said)
    assert len(said) == 3  # a key an action already has is no problem
    assert keymap_problems({"history.compare": "d"}) == []
    left = keymap_problems({"history.mark": "d"})
    assert left == [
        "keymap: history.mark = 'd' takes d from history.compare (Diff), which keeps enter"
    ]


async def test_the_app_reports_the_keymap_at_start(tmp_path):
    app = make_app(workspace(tmp_path), tmp_path)
    app.config.keymap = {"library.sort": "e", "no.such": "x"}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("takes e from library.edit" in m for m in said)
        assert any("'no.such' is not an action id" in m for m in said)
        await pilot.press("e")  # the user's binding wins
        await settle(pilot)
        assert app.screen.sort == "title"


# --- 5. the dialogs say what they take in ---------------------------------------------------


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    return demo_repo(tmp_path)


async def _select(pilot, name: str) -> None:
    paths = _shown(pilot.app)
    pilot.app.screen.query_one("#table", LibraryList).move_cursor(row=paths.index(name))
    await pilot.pause()


async def test_commit_dialog_shows_the_file_and_its_changes(repo, tmp_path):
    target = repo / KLAT
    target.write_text(target.read_text().replace("Tiimijuht", "Talituse juht", 1))
    app = make_app(repo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("c")
        await settle(pilot)
        assert type(app.screen).__name__ == "InputDialog"
        shown = screen_text(app)
        assert KLAT in shown and "vahetu juht changed" in shown


async def test_approve_dialog_shows_changes_and_the_directive_and_a_date_that_does_not_exist(
    repo, tmp_path
):
    app = make_app(repo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _select(pilot, KLAT)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "ApproveDialog"
        changes = str(dialog.query_one("#changes", Static).render())
        assert "Approves" in changes and KLAT in changes and "since käskkiri nr 14" in changes
        dialog.query_one("#number", Input).value = "15"
        dialog.query_one("#date", Input).value = "16.02.2026"
        await pilot.pause()
        will = str(dialog.query_one("#will", Static).render())
        assert "Will write: käskkiri nr 15 (16.02.2026)" in will
        dialog.query_one("#date", Input).value = "31.02.2026"
        await pilot.pause()
        said = "31.02.2026 does not exist: February 2026 has 28 days."
        assert said in str(dialog.query_one("#will", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # refused
        assert any(said in n.message for n in app._notifications)


def test_a_dotted_date_that_does_not_exist_says_so():
    from ajtui.base.dates import dotted_date_problem

    assert dotted_date_problem("29.02.2024") is None
    assert dotted_date_problem("29.02.2026") == (
        "29.02.2026 does not exist: February 2026 has 28 days."
    )
    assert "no month 13" in (dotted_date_problem("01.13.2026") or "")
    assert "dd.mm.yyyy" in (dotted_date_problem("2026-02-01") or "")


# --- 6. 80 columns: titles keep their end, the arrow, the footer -------------------------


async def test_similar_long_titles_keep_their_distinguishing_end(tmp_path):
    long = "Vanemspetsialist (klienditeeninduse ja kvaliteedi arendamise valdkond)"
    ws = workspace(
        tmp_path, {"a.aj": _sample(f"{long} (KLAT)"), "b.aj": _sample(f"{long} (TTTVT)")}
    )
    app = make_app(ws, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "(KLAT)" in shown and "(TTTVT)" in shown and "Vanemsp" in shown


async def test_sort_arrow_points_down_for_newest_first_and_footer_shows_sort_commit_approve(
    tmp_path,
):
    app = make_app(workspace(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Unit ▲" in shown  # a → z
        footer = shown.splitlines()[-1]
        for key in ("s Sort", "c Commit", "a Approve", "/ Filter", "? Keys"):
            assert key in footer
        await pilot.press("s", "s")  # title, then directive: newest first
        await settle(pilot)
        assert app.screen.sort == "directive"
        assert "Directive ▼" in screen_text(app)
