"""The library: every description of the workspace, grouped by structural unit.

Rows appear as files are indexed in a thread; `/` filters as you type (fuzzy, accents
optional); `enter` opens; a preview of the selected description shows where the width
allows. Git status arrives when git has been opened, also in a thread.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from ajtui.tui.actions import bindings
from ajtui.tui.filtering import SORT_NAMES, SORTS, TEXT_FROM, Filter, Fuzzy, fold, text_index
from ajtui.tui.messages import FilesChanged, HistoryReady
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.services import GitError, NoHistory
from ajtui.tui.style import status_style, style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.library_list import LibraryList, join_cells, middle
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ajtui.store.textindex import Hit, TextIndex
    from ajtui.store.workspace import Entry

#: The disk watch takes at most one part in this many of the time (of a core and of the GIL).
WATCH_SHARE = 40

#: committed, but changed after its approval (ajtui.store.history: kinnitamata)
UNAPPROVED = "unapproved"


def _fuzzy() -> Fuzzy:
    """The filter's fuzzy score: the command palette's."""
    from textual.fuzzy import FuzzySearch

    return FuzzySearch().match


class FilterInput(Input):
    """The filter box; up and down still move in the list below. `enter` opens the
    highlighted row and leaves the box (the filter stays); `escape` clears the filter
    (the screen's `library.escape`)."""

    BINDINGS = [
        Binding("down", "table('cursor_down')", "Next row", show=False),
        Binding("up", "table('cursor_up')", "Previous row", show=False),
        Binding("pagedown", "table('page_down')", "Page down", show=False),
        Binding("pageup", "table('page_up')", "Page up", show=False),
    ]

    def action_table(self, action: str) -> None:
        table = self.screen.query_one("#table", LibraryList)
        getattr(table, f"action_{action}")()


class LibraryScreen(AjScreen[None]):
    AUTO_FOCUS = "#table"

    SCOPE = "library"
    BINDINGS = bindings(SCOPE)

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[Path, Entry] = {}
        self.sort = "unit"
        self.query_text = ""
        self.indexing = True
        self._shown: list[Path] = []
        self._preview_timer: Timer | None = None
        self._refresh_timer: Timer | None = None
        self._last_refresh = 0.0
        self._stamps: dict = {}
        self._next_watch = 0.0  # perf_counter time before which the disk is not looked at
        #: the file system's events are being read (Workspace.watch): no polling then
        self._events = False
        self._looked_since_watching = False
        self._stop_events = threading.Event()
        self._add_cost = 0.0  # seconds the last batch of indexed rows took to show
        self._git_status: dict[str, str] = {}
        self._git_asked = self._git_shown = 0
        self._opened_initial = False
        #: The user has pressed a key here: keep their row when rows are re-sorted.
        self._touched = False
        self._rows: list = []
        self._columns: list[int] = []
        #: the filter, kept between keystrokes (each entry's fields folded once)
        self._filter: Filter[Entry] = Filter(_fuzzy)
        #: the descriptions' text, for the filter: made in a thread once the library is
        #: read (`_build_texts`), again when files change; None until the first is ready
        self._texts: TextIndex | None = None
        #: a text index is being made for the entries as they are now (this many asked)
        self._texts_asked = 0
        self._texts_building = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(self._title(), "reading…", id="title")
        yield FilterInput(
            placeholder="filter: title, unit, file name or text · enter: to the list · "
            "escape: clear",
            id="filter",
        )
        with Horizontal(id="library-body"):
            with Vertical(id="library-main"):
                yield Static(id="table-header")
                yield LibraryList(id="table")
                yield Static(id="detail")
            with VerticalScroll(id="preview"):
                yield Static(id="preview-body")
        # at 80 columns every key but these fits (enter opens, q quits: `?` lists them)
        yield Footer(compact=True, show_command_palette=False, leave_out=("open", "quit"))

    def _title(self) -> str:
        ws = self.aj_app.workspace
        if self.aj_app.demo:
            return "ajtui · demo workspace (sample data)"
        return f"ajtui · {ws.display_name}"

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.query_one("#preview").can_focus = False
        self._setup_columns()
        found = self.aj_app.workspace.early_look()
        if found is not None:  # looked at before Textual was up: rows in the first frame
            painted = threading.Event()
            self._begin_index(found[0], painted)
            self.index_workspace(found[1], painted)
        else:
            self.index_workspace()
        if self.aj_app.watch_interval:
            self._watch_events()
            self.set_interval(max(self.aj_app.watch_interval, 2.0), self._watch_disk)

    def on_unmount(self) -> None:
        self._stop_events.set()

    def _setup_columns(self) -> None:
        w = self._widths()
        marker = {"unit": "Unit", "title": "Title", "directive": "Directive", "status": "Status"}
        # ▲ ascending (a → z, old → new), ▼ descending: the directive sort is newest first
        arrow = " ▼" if self.sort == "directive" else " ▲"
        titles = {k: Text(v + (arrow if k == self.sort else "")) for k, v in marker.items()}
        header = join_cells(
            [titles["title"], titles["unit"], titles["directive"], titles["status"]],
            list(w.values()),
        )
        self.query_one("#table-header", Static).update(header)
        self._columns = list(w.values())

    def _widths(self) -> dict[str, int]:
        table = self.query_one("#table", LibraryList)
        total = (table.size.width or max(self.app.size.width, 40)) - 1  # the scrollbar
        if self.app.size.width >= 120:
            total = max(total, 40)
        status = 10
        longest = max((len(e.directive) for e in self.entries.values()), default=0)
        directive = min(max(longest, 9), 22)
        rest = max(total - status - directive - 3 * 2 - 1, 20)
        title = max(rest * 55 // 100, 12)
        return {"title": title, "unit": rest - title, "directive": directive, "status": status}

    def on_resize(self) -> None:
        self.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        if list(self._widths().values()) != self._columns:
            self._setup_columns()
            self._refresh_rows()

    # --- indexing (thread) ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def index_workspace(
        self, todo: list[Path] | None = None, painted: threading.Event | None = None
    ) -> None:
        """Index the workspace: all of it, or (`todo`) the files whose rows are shown but
        not yet checked, once the frame that shows them is `painted`."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        ws = self.aj_app.workspace
        if todo is None:
            # First a look that needs no parser (the cache, else the header lines): every
            # row on screen at once …
            entries, todo = ws.first_look(ws.scan())
            painted = threading.Event()
            self.app.call_from_thread(self._begin_index, entries, painted)
        if painted is not None:
            # … and the parsing waits for that frame, which it would otherwise slow down.
            painted.wait(1.0)
        # … then every other file parsed and checked, its row updated as it comes.
        batch: list = []
        last = time.monotonic()
        for entry in ws.iter_index(todo):
            if worker.is_cancelled:
                return
            batch.append(entry)
            now = time.monotonic()
            # rows are re-sorted for each batch: with many rows, fewer batches, so that
            # showing them takes at most a tenth of the time the indexing has
            if now - last > max(0.25, 10 * self._add_cost):
                self.app.call_from_thread(self._add_entries, batch, False)
                batch, last = [], now
        ws.save_cache()
        self.app.call_from_thread(self._add_entries, batch, True)

    def _begin_index(self, entries: list, painted: threading.Event | None = None) -> None:
        keep = {e.path for e in entries}
        for p in list(self.entries):
            if p not in keep:
                del self.entries[p]
                self._stamps.pop(p, None)
        self.indexing = True
        for e in entries:
            old = self.entries.get(e.path)
            if e.indexed or old is None or not old.indexed:
                e.git = self._git_for(e.path)
                self.entries[e.path] = e
                if e.stamp is not None:
                    self._stamps[e.path] = e.stamp
        self._setup_columns()
        self._refresh_rows()
        if painted is not None:
            self.call_after_refresh(painted.set)
        self.call_after_refresh(self.aj_app.open_history)

    def _add_entries(self, batch: list, done: bool) -> None:
        started = time.perf_counter()
        before = self._widths()
        for e in batch:
            e.git = self._git_for(e.path)
            self.entries[e.path] = e
            if e.stamp is not None:
                self._stamps[e.path] = e.stamp
        if done:
            self.indexing = False
        if self._widths() != before:
            self._setup_columns()
        self._refresh_rows()
        self._update_title()
        self._add_cost = time.perf_counter() - started
        if done:
            self._want_texts()
            self._open_initial()
            if self.aj_app.git.available:
                self.load_git_status()

    def _open_initial(self) -> None:
        initial = self.aj_app.workspace.initial
        if initial and not self._opened_initial:
            self._opened_initial = True
            self.open_path(initial)

    def on_key(self) -> None:
        self._touched = True

    def _update_title(self) -> None:
        n = len(self.entries)
        conflicted = sum(1 for e in self.entries.values() if e.status == "conflict")
        bad = sum(1 for e in self.entries.values() if e.errors and e.status != "conflict")
        parts = [f"{n} description{'s' if n != 1 else ''}"]
        if self.indexing:
            parts.append("reading…")
        if conflicted:
            parts.append(f"{conflicted} with merge conflicts")
        if bad:
            parts.append(f"{bad} invalid")
        if self.query_text:
            parts.insert(0, f"{len(self._shown)} shown")
            texts_ready = self._texts is not None and not self._texts_building
            if not texts_ready and len(fold(self.query_text).strip()) >= TEXT_FROM:
                parts.insert(1, "searching the text…")
        parts.append(SORT_NAMES[self.sort])
        self.query_one("#title", TitleBar).right = " · ".join(parts)

    # --- git status -----------------------------------------------------------------------

    def on_history_ready(self, message: HistoryReady) -> None:
        if message.available:
            self.load_git_status()
        elif self.aj_app.git.error:
            self.query_one("#title", TitleBar).left = self._title() + " · no git"

    def load_git_status(self) -> None:
        self._git_asked += 1
        self._load_git_status(self._git_asked)

    # Not exclusive: cancelling a thread does not stop it; the newest answer is kept.
    @work(thread=True, group="git-status", exit_on_error=False)
    def _load_git_status(self, asked: int) -> None:
        app = self.aj_app
        try:
            status = app.git.call(lambda h: h.status())
        except NoHistory:
            return
        except GitError as e:
            app.call_from_thread(app.report_git, e, "git status")
            return
        # and the committed changes no directive approved (one update: rows redrawn once)
        try:
            unapproved = app.git.call(lambda h: h.unapproved())
        except GitError:  # the status stands without it
            unapproved = {}
        for rel in unapproved:
            if status.get(rel) == "clean":
                status[rel] = UNAPPROVED
        try:
            from ajtui.store.remotes import tracking

            branch = app.git.call(lambda h: tracking(h.root))
        except GitError:  # the status stands without it
            branch = None
        self.app.call_from_thread(self._set_git_status, status, asked, branch)

    def _set_git_status(self, status: dict[str, str], asked: int = 0, branch=None) -> None:
        if asked < self._git_shown:
            return  # an older question answered late
        self._git_shown = asked
        # the branch against its upstream, as lazygit shows it: "main ↑1 ↓2"
        self.query_one("#title", TitleBar).left = self._title() + (
            f" · {branch.label()}" if branch is not None else ""
        )
        self._git_status = dict(status)
        for e in self.entries.values():
            e.git = self._git_for(e.path)
        self._refresh_rows()

    def _git_for(self, path: Path) -> str:
        if not self._git_status:
            return ""
        return self._git_status.get(self.aj_app.git.relpath(path), "clean")

    # --- the rows -------------------------------------------------------------------------

    def _refresh_rows(self, keep: bool = False) -> None:
        """Show the rows again (filtered, sorted); `keep`: on the selected row if it is
        still shown."""
        table = self.query_one("#table", LibraryList)
        selected = self.selected_path()
        rows = self._filter.ordered(
            list(self.entries.values()), self.query_text, self.sort, self._texts
        )
        self._rows = rows
        self._shown = [e.path for e, _ in rows]
        self._widths_now = self._widths()
        if list(self._widths_now.values()) != self._columns:
            self._setup_columns()
        target = 0
        if selected in self._shown and (keep or (not self.query_text and self._touched)):
            target = self._shown.index(selected)
        table.set_rows(self._shown, self._cells, list(self._widths_now.values()), target)
        if not rows:
            self._show_detail(None)
        self._update_title()

    def _cells(self, index: int) -> list[Text]:
        """The cells of one row, made when the row is first shown."""
        from ajtui.base.safetext import safe

        e, positions = self._rows[index]
        title = Text(safe(e.label), no_wrap=True, style="" if e.title else "italic")
        for i in positions:
            if i < len(title.plain):
                title.stylize("bold underline", i, i + 1)
        # similar titles differ at the end ("… (KLAT)"): keep both ends
        title = middle(title, self._columns[0] if self._columns else 20)
        unit_text = e.unit or ("–" if e.indexed else "")
        grouped = self.sort == "unit" and not self.query_text.strip()
        if grouped and index and (self._rows[index - 1][0].unit or "–") == (e.unit or "–"):
            unit = Text("〃", style="dim")
        else:
            unit = Text(safe(unit_text), no_wrap=True)
        return [
            title,
            unit,
            Text(safe(e.directive), no_wrap=True),
            Text(e.status, style=status_style(self.app, e.status)),
        ]

    def selected_path(self) -> Path | None:
        table = self.query_one("#table", LibraryList)
        if not self._shown or not (0 <= table.cursor_row < len(self._shown)):
            return None
        return self._shown[table.cursor_row]

    def selected(self) -> Entry | None:
        p = self.selected_path()
        return self.entries.get(p) if p else None

    @on(LibraryList.RowHighlighted, "#table")
    def _row_highlighted(self, event: LibraryList.RowHighlighted) -> None:
        entry = self.selected()
        self._show_detail(entry, self._filter.hit(event.cursor_row))
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if self.app.size.width >= 120 and entry is not None:
            self._preview_timer = self.set_timer(0.15, lambda: self.load_preview(entry.path))

    def _show_detail(self, e: Entry | None, hit: Hit | None = None) -> None:
        detail = self.query_one("#detail", Static)
        if e is None:
            msg = (
                "Reading the folder…"
                if self.indexing
                else "No description matches the filter."
                if self.query_text
                else "No .aj files in this folder."
            )
            detail.update(Text(msg, style="italic"))
            return
        from ajtui.base.safetext import safe_line

        # two lines, one for the unit, one for the file (and why it matched), each cut to
        # the width: a line break in a name is shown
        width = max((detail.size.width or self.app.size.width) - 1, 10)
        head = Text(safe_line(e.unit) if e.unit else "–", style="bold")
        head.truncate(width, overflow="ellipsis")
        line = Text()
        if hit is not None:  # matched in the text: where, and the words around it
            line.append(safe_line(hit.where), style="bold")
            line.append(": " + safe_line(hit.snippet) + "  ", style="italic")
        line.append(safe_line(e.name))
        if e.problem:
            line.append("  " + safe_line(e.problem), style=style(self.app, "error"))
        else:
            if e.manager:
                line.append("  vahetu juht: " + safe_line(e.manager))
            if e.warnings:
                line.append(
                    f"  {e.warnings} warning{'s' if e.warnings > 1 else ''}",
                    style=style(self.app, "warning"),
                )
        line.truncate(width, overflow="ellipsis")
        detail.update(Text("\n", no_wrap=True).join([head, line]))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def load_preview(self, path: Path) -> None:
        from ajtui.base.errors import AjError
        from ajtui.base.safetext import safe
        from ajtui.format.parser import load
        from ajtui.present.render import render_document

        renderable: RenderableType
        try:
            doc = load(path)
            renderable = render_document(doc)
        except AjError as e:
            renderable = Text(safe(str(e)))
        self.app.call_from_thread(self._show_preview, path, renderable)

    def _show_preview(self, path: Path, renderable) -> None:
        if path == self.selected_path():
            self.query_one("#preview-body", Static).update(renderable)
            self.query_one("#preview", VerticalScroll).scroll_home(animate=False)

    # --- the text index (thread) -----------------------------------------------------------

    def _want_texts(self) -> None:
        """Make the text index again for the entries as they are now, in a thread (the
        folded text of the entries the last one holds is taken over)."""
        self._texts_asked += 1
        self._texts_building = True
        self._update_title()
        self._build_texts(list(self.entries.values()), self._texts, self._texts_asked)

    @work(thread=True, exclusive=True, group="texts", exit_on_error=False)
    def _build_texts(self, entries: list, previous: TextIndex | None, asked: int) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        # the prose the index cache keeps in its own file, read now (not before the rows)
        if not self.aj_app.workspace.load_prose(entries, stop=lambda: worker.is_cancelled):
            return
        index = text_index(previous)
        if index.update(entries, stop=lambda: worker.is_cancelled):
            self.app.call_from_thread(self._texts_ready, index, asked)

    def _texts_ready(self, index: TextIndex, asked: int) -> None:
        if asked != self._texts_asked:
            return  # the entries changed meanwhile: a newer one is being made
        self._texts, self._texts_building = index, False
        if len(fold(self.query_text).strip()) >= TEXT_FROM:
            # the rows matched in the text join those shown (after them): the cursor stays
            self._refresh_rows(keep=True)
        else:
            self._update_title()

    # --- filter ---------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
        delay = 0 if len(self.entries) < 2000 else 0.12
        if delay:
            self._refresh_timer = self.set_timer(delay, self._refresh_rows)
        else:
            self._refresh_rows()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or self.query_text:
            box.value = ""
            box.display = False
            self.query_text = ""
            self._refresh_rows()
            self.query_one("#table", LibraryList).focus()

    # --- actions --------------------------------------------------------------------------

    def _need_selection(self) -> Entry | None:
        e = self.selected()
        if e is None:
            self.notify("Nothing selected.", severity="warning")
        return e

    def action_open(self) -> None:
        table = self.query_one("#table", LibraryList)
        if not table.has_focus:  # from the filter box: back here, the list has the keys
            table.focus()
        e = self._need_selection()
        if e is not None:
            self.open_path(e.path)

    def open_path(self, path: Path) -> None:
        from ajtui.tui.screens.document import DocumentScreen

        if self._open_conflicts(path):
            return
        self.app.push_screen(DocumentScreen(path))

    def _open_conflicts(self, path: Path) -> bool:
        """The conflict screen, if the file has merge conflicts (git's markers)."""
        from ajtui.tui.screens.conflicts import ConflictScreen, has_conflicts

        if not has_conflicts(path):
            return False
        self.app.push_screen(ConflictScreen(path))
        return True

    def action_edit(self) -> None:
        e = self._need_selection()
        if e is not None and not self._open_conflicts(e.path):
            from ajtui.tui.screens.editor import open_editor

            open_editor(self.aj_app, e.path)

    def action_diff(self) -> None:
        e = self._need_selection()
        if e is not None:
            from ajtui.tui.screens.diff import open_default_diff

            open_default_diff(self.aj_app, e.path)

    def action_history(self) -> None:
        e = self._need_selection()
        if e is not None:
            from ajtui.tui.screens.history import HistoryScreen

            self.app.push_screen(HistoryScreen(e.path))

    def action_directives(self) -> None:
        from ajtui.tui.screens.directives import DirectivesScreen

        self.app.push_screen(DirectivesScreen())

    def action_org(self) -> None:
        from ajtui.tui.screens.org import OrgScreen

        self.app.push_screen(OrgScreen())

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._setup_columns()
        self._refresh_rows()
        self.notify(f"Sorted {SORT_NAMES[self.sort]}.", timeout=2)

    def action_commit(self) -> None:
        e = self._need_selection()
        if e is not None:
            from ajtui.tui.screens.gitflows import commit_file

            commit_file(self, e.path)

    def action_approve(self) -> None:
        e = self._need_selection()
        if e is not None:
            from ajtui.tui.screens.gitflows import approve_file

            approve_file(self, e.path)

    def action_fetch(self) -> None:
        from ajtui.tui.remotes import run

        run(self, "fetch")

    def action_pull(self) -> None:
        from ajtui.tui.remotes import run

        run(self, "pull")

    def action_push(self) -> None:
        from ajtui.tui.remotes import run

        run(self, "push")

    def action_rescan(self) -> None:
        self.index_workspace()
        if self.aj_app.git.available:
            self.load_git_status()

    # --- the disk -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="events", exit_on_error=False)
    def _watch_events(self) -> None:
        self._events = True
        try:
            for added, removed, changed in self.aj_app.workspace.watch(self._stop_events):
                self.app.call_from_thread(self._disk_changed, added, removed, changed)
        except Exception:  # no events to be had here: the poll takes over
            pass
        finally:
            self._events = False

    def _watch_disk(self) -> None:
        """Poll the disk where the file system's events are not to be had; where they are,
        look once after the watcher is running: a file changed between the first listing
        and the watcher being set up sends no event."""
        if self.indexing or time.perf_counter() < self._next_watch:
            return
        if not self._events:
            self._check_disk()
        elif not self._looked_since_watching:
            self._looked_since_watching = True
            self._check_disk()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _check_disk(self) -> None:
        ws = self.aj_app.workspace
        started = time.perf_counter()
        added, removed, changed = ws.changes(dict(self._stamps))
        # a big workspace is looked at less often: the watch takes at most 1/WATCH_SHARE
        # of a core, and of the app's GIL that scrolling needs (10,000 files: ≈ 80 ms)
        took = time.perf_counter() - started
        self._next_watch = time.perf_counter() + took * (WATCH_SHARE - 1)
        if added or removed or changed:
            self.app.call_from_thread(self._disk_changed, added, removed, changed)

    def _disk_changed(self, added: list[Path], removed: list[Path], changed: list[Path]) -> None:
        for p in removed:
            self.entries.pop(p, None)
            self._stamps.pop(p, None)
        if removed and not (added or changed):
            self._refresh_rows()
            self._want_texts()
        if added or changed:
            self.reindex(added + changed)
        elif self.aj_app.git.available:
            self.load_git_status()

    def on_files_changed(self, message: FilesChanged) -> None:
        self.reindex(list(message.paths))

    @work(thread=True, group="reindex", exit_on_error=False)
    def reindex(self, paths: list[Path]) -> None:
        ws = self.aj_app.workspace
        entries = [ws.index(p) for p in paths if p.exists()]
        ws.save_cache()
        self.app.call_from_thread(self._add_entries, entries, not self.indexing)
        if self.aj_app.git.available:
            self.app.call_from_thread(self.load_git_status)

    def on_screen_resume(self) -> None:
        # Back from the editor or a commit: statuses may have changed.
        if self.entries and not self.indexing:
            self._check_disk()
            if self.aj_app.git.available:
                self.load_git_status()
