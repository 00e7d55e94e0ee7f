"""Two versions side by side — old left, new right — aligned by the structural diff, or
unified (the default below 100 columns; `u` toggles). The summary line is on top, under it
which description and which change you are at; `n` and `p` go to the next and previous
change, `/` searches. Diffs are computed in a thread, item by item, and laid out lazily
(`ajtui.tui.widgets.lines_view`): a directive of 200 descriptions shows its first at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from ajtui.base.records import replace
from ajtui.base.safetext import safe
from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.services import GitError
from ajtui.tui.style import style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.lines_view import SearchHost
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ajtui.store.history import History
    from ajtui.tui.app import AjApp

#: The `!` mark in a few words, for narrow terminals.
SHORT_LEGEND = "! = purpose, main duties or qualification: needs consent or a new decision"
#: Seconds the worker pauses between a directive's items, so that the interface thread
#: (which needs the GIL for every key) is not kept waiting behind diffs.
YIELD = 0.003
#: At most this long the worker waits for the interface to take in its last item.
PACE = 0.5
#: Row kinds that are not changes.
QUIET = {"equal", "heading"}


@dataclass
class Item:
    """One file's comparison as shown: labels, texts, and the diff once computed."""

    path: Path
    old_label: str
    old_text: str | None
    new_label: str
    new_text: str | None
    diff: Any = None
    error: str = ""
    #: Reads (old_text, new_text) from git when the screen gets to this item (a directive's
    #: 200 descriptions: the first is shown before the others are read).
    load: Callable[[History], tuple[str | None, str | None]] | None = None


def compute(old_text: str | None, new_text: str | None, name: str):
    """The structural diff of two texts (a missing side is an empty description; a side
    that does not parse makes it a line diff, with the parse errors)."""
    from ajtui.ops.diff import diff_texts

    return diff_texts(old_text, new_text, old_path=name, new_path=name)


def runs(diff, context: int | None = 1) -> list[tuple[str, Any]]:
    """What to show, in order, cut where `n`/`p` can stop: ("gap", n) for n hidden
    unchanged rows, ("section", row) for an unchanged section's heading, and ("rows",
    [rows]) for a run of shown rows; a new run starts at each change."""
    from ajtui.present.diffview import visible_rows

    out: list[tuple[str, Any]] = []
    current: list = []

    def flush() -> None:
        if current:
            out.append(("rows", list(current)))
            current.clear()

    for shown in visible_rows(diff, context):
        if shown.row is None:
            flush()
            out.append(("gap", shown.hidden))
            continue
        row = shown.row
        if shown.unchanged_section:
            flush()
            out.append(("section", row))
            continue
        if current:
            last = current[-1]
            changed = row.kind not in QUIET
            if (
                row.is_heading
                or last.is_heading
                and changed
                or changed
                and (last.kind in QUIET or last.change != row.change)
                or not changed
                and last.kind not in QUIET
            ):
                flush()
        current.append(row)
    flush()
    return out


def is_stop(rows: list) -> bool:
    """A run that `n`/`p` stops at: it holds a change."""
    return any(r.kind not in QUIET for r in rows)


def theme_styles(app):
    """diffview's styles in the app theme's colours."""
    from ajtui.present.diffview import Styles
    from ajtui.tui.style import color

    def c(name: str, default: str) -> str:
        return color(app, name) or default

    bg = c("background", "black")
    return Styles(
        removed=c("error", "red"),
        added=c("success", "green"),
        deleted_word=f"bold strike {bg} on {c('error', 'red')}",
        inserted_word=f"bold {bg} on {c('success', 'green')}",
        number=f"bold {c('warning', 'yellow')}",
        moved=c("accent", "magenta"),
        weight=f"bold {c('error', 'red')}",
    )


class DiffScreen(SearchHost, AjScreen[None]):
    AUTO_FOCUS = "#diff-body"
    HELP_NOTES = [
        "Old on the left, new on the right; changed words are highlighted.",
        "Without colour (NO_COLOR, or m) changed words are marked [-old-] and {+new+}.",
        "n/p visit the places that changed (change k of N); a run of renumbered duties "
        "only is passed over unless nothing else changed.",
        "/ searches (case and accents ignored); while a search is open n/N (or p) go to "
        "the next/previous match; escape closes it and n/p go to changes again.",
        "up/down, pageup/pagedown, home/end: scroll",
    ]

    SCOPE = "diff"
    BINDINGS = bindings(SCOPE)

    def __init__(
        self,
        path: Path | None = None,
        old_label: str = "",
        old_text: str | None = None,
        new_label: str = "",
        new_text: str | None = None,
        *,
        items: list[Item] | None = None,
        title: str = "",
    ) -> None:
        super().__init__()
        if items is None:
            assert path is not None
            items = [Item(path, old_label, old_text, new_label, new_text)]
        self.items = items
        self.title_text = title
        self.unified: bool | None = None  # None: by width and config
        self.markers: bool | None = None  # None: when the terminal has no colour
        #: The blocks `n`/`p` stop at (indices into the view's blocks), in order.
        self._changes: list[int] = []
        self._all_stops: list[int] = []
        self._mechanical: list[int] = []
        self._current = -1
        self._shown = 0  # items whose blocks are in the view
        self._searching = False
        self._position = ""
        self._taken = threading.Event()

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        from ajtui.tui.widgets.lines_view import SEARCH_PLACEHOLDER, LinesView

        yield TitleBar(self._title(), "comparing…", id="title")
        yield Static(id="summary")
        yield Static(id="diff-where")
        yield LinesView(self._make, id="diff-body")
        yield Input(placeholder=SEARCH_PLACEHOLDER, id="search", classes="search")
        yield Footer(compact=True)

    def _title(self) -> str:
        if self.title_text:
            return self.title_text
        it = self.items[0]
        return f"Diff · {self.aj_app.workspace.name_of(it.path)}"

    @property
    def view(self):
        from ajtui.tui.widgets.lines_view import LinesView

        return self.query_one("#diff-body", LinesView)

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        view = self.view
        view.mode = self._mode()
        view.background = len(self.items) == 1  # many: lay out the rest once all are in
        self._update_title()
        self.compute_all()

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def compute_all(self) -> None:
        """Each item's diff in turn, shown as soon as it is computed."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        for it in self.items:
            if worker.is_cancelled:
                return
            if it.load is not None and not it.error:
                try:
                    it.old_text, it.new_text = self.aj_app.git.call(it.load)
                    it.load = None
                except GitError as e:
                    it.error = f"cannot read from git: {e.describe()}"
            if it.diff is None and not it.error:
                try:
                    name = self.aj_app.workspace.name_of(it.path)
                    it.diff = compute(it.old_text, it.new_text, name)
                except Exception as e:  # show it, never a traceback
                    it.error = f"cannot compare: {e}"
            if worker.is_cancelled:
                return
            # not call_from_thread: the next item is computed while this one is shown
            self._taken.clear()
            self.post_message(self.Computed())
            if len(self.items) > 1:
                # the GIL to the interface between items, and no further ahead than it
                # has taken in: keys waiting in its queue go first
                time.sleep(YIELD)
                self._taken.wait(PACE)

    class Computed(Message):
        """One more item's diff is ready (posted from the worker thread)."""

    def on_diff_screen_computed(self, message: Computed) -> None:
        self._add_ready()
        self._taken.set()

    # --- layout ---------------------------------------------------------------------------

    def is_unified(self) -> bool:
        if self.unified is not None:
            return self.unified
        layout = self.aj_app.config.diff_layout
        if layout == "unified":
            return True
        if layout == "side-by-side":
            return False
        return self.app.size.width < 100

    def uses_markers(self) -> bool:
        """Changed words marked [-…-]{+…+}: asked for (m), or the terminal has no colour."""
        if self.markers is not None:
            return self.markers
        return bool(self.app.no_color) or self.app.console.color_system is None

    def _mode(self) -> tuple[bool, bool]:
        return (self.is_unified(), self.uses_markers())

    def on_resize(self) -> None:
        # after the layout: the view's new width is known then
        self.call_after_refresh(self._apply_mode)

    def _apply_mode(self) -> None:
        if not self.is_mounted:
            return
        view = self.view
        mode = self._mode()
        if mode != view.mode:
            view.mode = mode
            view.relayout()
            self._update_title()

    def _add_ready(self) -> None:
        """The blocks of every item computed since the last call."""
        if not self.is_attached:
            return
        from ajtui.tui.widgets.lines_view import Block

        blocks: list[Block] = []
        view = self.view
        while self._shown < len(self.items):
            it = self.items[self._shown]
            if it.diff is None and not it.error:
                break
            base = len(view.blocks) + len(blocks)
            new = self._blocks_of(self._shown, it)
            for k, b in enumerate(new):
                if b.data[0] in ("rows",) and b.data[3]:
                    self._all_stops.append(base + k)
                    if b.data[4]:
                        self._mechanical.append(base + k)
            blocks += new
            self._shown += 1
        if blocks:
            view.add_blocks(blocks)
        if self._shown == len(self.items) and not view.background:
            view.resume()
        mechanical = set(self._mechanical)
        self._changes = [b for b in self._all_stops if b not in mechanical] or list(self._all_stops)
        self._update_title()
        self._show_where(view.top_block if view.blocks else 0)

    def _blocks_of(self, index: int, it: Item) -> list:
        """An item's blocks: ("kind", item, value, is a stop, renumbered only)."""
        from ajtui.tui.widgets.lines_view import Block

        out: list[Block] = []

        def add(kind: str, value: Any = None, estimate: int = 1, stop=False, mech=False):
            out.append(Block((kind, index, value, stop, mech), estimate, group=index))

        many = len(self.items) > 1
        if many:
            add("file", estimate=2)
            add("labels")
        if it.error:
            add("error", it.error)
            return out
        diff = it.diff
        if many:
            add("summary", diff.summary_line())
        for err in diff.errors:
            add("parse-error", err)
        if diff.identical:
            add("identical")
            return out
        from ajtui.present.diffview import SUBSTANTIVE

        if diff.structural and any(c.weight == SUBSTANTIVE for c in diff.changes):
            add("legend")
        for what, value in runs(diff):
            if what == "gap":
                add("gap", value)
            elif what == "section":
                add("section", [value])
            else:
                stop = is_stop(value)
                mech = stop and all(r.kind in QUIET | {"renumbered"} for r in value)
                add("rows", value, estimate=len(value), stop=stop, mech=mech)
        return out

    def _make(self, block, width: int):
        """A block as Rich, in the view's mode (unified or not, markers or not)."""
        from ajtui.base.safetext import safe, safe_line
        from ajtui.present.diffview import LEGEND, render_side_by_side, render_unified

        kind, index, value, _stop, _mech = block.data
        it = self.items[index]
        unified, markers = self.view.mode
        dim = style(self.app, "foreground-muted")
        if kind == "file":
            name = self.aj_app.workspace.name_of(it.path)
            return Text("\n" + safe_line(name), style="bold reverse")
        if kind == "labels":
            return Text(f"{safe(it.old_label)}  →  {safe(it.new_label)}", style=dim)
        if kind == "error":
            return Text(safe(value))
        styles = theme_styles(self.app)
        if kind == "summary":
            return Text(safe(value), style="bold")
        if kind == "parse-error":
            return Text(safe(value) + " (compared line by line)", style=styles.removed)
        if kind == "identical":
            return Text("The two versions are identical.", style="italic")
        if kind == "legend":
            return Text(LEGEND if width >= 110 else SHORT_LEGEND, style=dim)
        if kind == "gap":
            return Text(f"⋯ {value} unchanged", style=dim)
        part = replace(it.diff, rows=value)
        context = 1 if kind == "section" else None
        render = render_unified if unified else render_side_by_side
        return render(part, width, context=context, header=False, styles=styles, markers=markers)

    def _update_title(self) -> None:
        if not self.is_mounted:
            return
        unified, markers = self._mode()
        done = self._shown
        n = sum(len(it.diff.changes) for it in self.items[:done] if it.diff is not None)
        places = len(self._changes)
        parts = [
            f"{n} change{'s' if n != 1 else ''} in {places} place{'s' if places != 1 else ''}",
            "unified" if unified else "side by side",
        ]
        if markers:
            parts.append("[-…-]{+…+}")
        if done < len(self.items):
            parts.insert(0, f"reading {done} of {len(self.items)}…")
        self.query_one("#title", TitleBar).right = " · ".join(parts)
        summary = self.query_one("#summary", Static)
        if len(self.items) == 1:
            it = self.items[0]
            if it.error:
                summary.update(Text(safe(it.error)))
            elif it.diff is not None:
                summary.update(Text(safe(it.diff.summary_line())))
        else:
            shown = [it for it in self.items[:done]]
            changed = sum(1 for it in shown if it.diff is not None and not it.diff.identical)
            summary.update(Text(f"{len(self.items)} descriptions, {changed} changed"))

    # --- where am I -----------------------------------------------------------------------

    def on_lines_view_moved(self, message) -> None:
        self._show_where(message.top)

    def _show_where(self, top: int) -> None:
        """The sticky line: the description at the top of the view, and the position."""
        from ajtui.base.safetext import safe, safe_line

        if not self.is_mounted:
            return
        view = self.view
        index = view.blocks[top].data[1] if view.blocks else 0
        it = self.items[min(index, len(self.items) - 1)]
        line = Text(no_wrap=True, overflow="ellipsis")
        if len(self.items) > 1:
            line.append(safe_line(self.aj_app.workspace.name_of(it.path)), style="bold")
            line.append(f" ({index + 1} of {len(self.items)})  ")
        line.append(f"{safe(it.old_label)}  →  {safe(it.new_label)}")
        # the position on the right, never cut off by a long name
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(line, Text(f" {self._position}" if self._position else "", style="bold"))
        self.query_one("#diff-where", Static).update(grid)

    def _say(self, position: str) -> None:
        self._position = position
        self._show_where(self.view.top_block if self.view.blocks else 0)

    # --- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.close_search():
            return
        self.workers.cancel_group(self, "diff")
        self._taken.set()  # the worker sees it is cancelled at once
        self.dismiss()

    def _go(self, index: int) -> None:
        if not self._changes:
            self.notify(
                "No changes." if self._shown == len(self.items) else "No change yet.", timeout=2
            )
            return
        n = len(self._changes)
        if index >= n:
            self.notify("Wrapped to the first change.", timeout=2)
        elif index < 0:
            self.notify("Wrapped to the last change.", timeout=2)
        self._current = index % n
        view = self.view
        view.marked = self._changes[self._current]
        view.go_to_block(self._changes[self._current])
        more = "" if self._shown == len(self.items) else " so far"
        self._say(f"change {self._current + 1} of {n}{more}")

    def action_next_change(self) -> None:
        if self._searching:
            self._step_match(1)
            return
        self._go(self._current + 1)

    def action_previous_change(self) -> None:
        if self._searching:
            self._step_match(-1)
            return
        self._go(self._current - 1 if self._current >= 0 else len(self._changes) - 1)

    def action_previous_match(self) -> None:
        if self._searching:
            self._step_match(-1)
        else:
            self.action_previous_change()

    def action_toggle_layout(self) -> None:
        self.unified = not self.is_unified()
        self._apply_mode()

    def action_toggle_markers(self) -> None:
        self.markers = not self.uses_markers()
        self._apply_mode()

    def _searching_more(self) -> bool:
        return self._shown < len(self.items)

    def action_export(self) -> None:
        from functools import partial

        from ajtui.tui.export_dialog import CHANGE_FORMATS, change_table_bytes, export

        first = self.items[0].path
        if len(self.items) == 1:
            default = first.with_name(f"{first.stem}-muudatused.pdf")
        else:
            default = first.parent / "muudatused.pdf"
        make = partial(change_table_bytes, self.items, self._title(), self.aj_app.workspace.name_of)
        export(self, CHANGE_FORMATS, default, make, [it.path for it in self.items])


def open_default_diff(app: AjApp, path: Path) -> None:
    """`d`: the working copy (or last revision) against the previous approved revision."""
    from ajtui.tui import revisions as rv

    if app.git.available is False:
        app.notify_error(app.git.error or "No git history here.", "No git")
        return
    screen = app.screen

    def work() -> None:
        def ask(h: History) -> str | tuple[str, str | None, str, str | None]:
            found = rv.default_comparison(h, path)
            if isinstance(found, str):
                return found
            old, new = found
            return (
                rv.revision_label(old),
                rv.revision_text(h, path, old),
                rv.revision_label(new),
                rv.revision_text(h, path, new),
            )

        try:
            found = app.git.call(ask)
        except GitError as e:
            app.call_from_thread(
                app.report_git, e, app.workspace.name_of(path), "Cannot compare", "No git"
            )
            return
        if isinstance(found, str):
            app.call_from_thread(
                app.notify,
                f"{app.workspace.name_of(path)}: {found}",
                severity="warning",
                markup=False,
            )
            return
        old_label, old_text, new_label, new_text = found
        app.call_from_thread(
            app.push_screen, DiffScreen(path, old_label, old_text, new_label, new_text)
        )

    screen.run_worker(work, thread=True, group="open-diff", exclusive=True, exit_on_error=False)
