"""Two versions side by side — old left, new right — aligned by the structural diff, or
unified (the default below 100 columns; `u` toggles). The summary line is on top; `n` and
`p` go to the next and previous change. Diffs are computed in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..widgets.title_bar import TitleBar

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


def compute(old_text: str | None, new_text: str | None, name: str):
    """The structural diff of two texts; a side that does not exist is an empty
    description."""
    from ...diff import diff_documents, diff_texts
    from ...model import Document
    from ...parser import AjSyntaxError, loads

    if old_text is not None and new_text is not None:
        return diff_texts(old_text, new_text)
    try:
        old = loads(old_text, path=name) if old_text is not None else Document()
        new = loads(new_text, path=name) if new_text is not None else Document()
    except AjSyntaxError:
        return diff_texts(old_text or "", new_text or "")
    return diff_documents(old, new)


def chunks(rows: list) -> list[tuple[list, bool]]:
    """Rows cut into runs: each change (with the changed rows that follow it) is a run of
    its own, so `n`/`p` can scroll to it. (rows, is_change) pairs."""
    out: list[tuple[list, bool]] = []
    for row in rows:
        change = getattr(row, "kind", "equal") not in QUIET
        if out and out[-1][1] == change and not (change and _starts_change(out[-1][0], row)):
            out[-1][0].append(row)
        else:
            out.append(([row], change))
    return out


def _starts_change(run: list, row) -> bool:
    """A changed row that belongs to another change than the run before it."""
    last = run[-1]
    return getattr(last, "change", None) is not getattr(row, "change", None) and \
        getattr(row, "change", None) is not None and getattr(last, "change", None) is not None


class DiffScreen(Screen):
    AUTO_FOCUS = "#diff-body"
    HELP_NOTES = ["Old on the left, new on the right; changed words are highlighted.",
                  "up/down, pageup/pagedown, home/end: scroll"]

    BINDINGS = [
        Binding("escape", "back", "Back", id="diff.back"),
        Binding("n", "next_change", "Next change", id="diff.next"),
        Binding("p", "previous_change", "Previous change", id="diff.previous"),
        Binding("u", "toggle_layout", "Unified/side by side", id="diff.layout",
                tooltip="Switch between side by side and unified"),
    ]

    def __init__(self, path: Path | None = None, old_label: str = "", old_text: str | None = None,
                 new_label: str = "", new_text: str | None = None, *,
                 items: list[Item] | None = None, title: str = "") -> None:
        super().__init__()
        if items is None:
            assert path is not None
            items = [Item(path, old_label, old_text, new_label, new_text)]
        self.items = items
        self.title_text = title
        self.unified: bool | None = None  # None: by width and config
        self._changes: list[Static] = []
        self._current = -1
        self._width = 0

    def compose(self) -> ComposeResult:
        yield TitleBar(self._title(), "comparing…", id="title")
        yield Static(id="summary")
        yield VerticalScroll(id="diff-body")
        yield Footer(compact=True)

    def _title(self) -> str:
        if self.title_text:
            return self.title_text
        it = self.items[0]
        return f"Diff · {self.app.workspace.name_of(it.path)}"

    def on_mount(self) -> None:
        self.compute_all()

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def compute_all(self) -> None:
        for it in self.items:
            if it.diff is not None:
                continue
            try:
                it.diff = compute(it.old_text, it.new_text, self.app.workspace.name_of(it.path))
            except Exception as e:  # noqa: BLE001 - show it, never a traceback
                it.error = f"cannot compare: {e}"
        self.app.call_from_thread(self._show)

    # --- layout ---------------------------------------------------------------------------

    def is_unified(self) -> bool:
        if self.unified is not None:
            return self.unified
        layout = self.app.config.diff_layout
        if layout == "unified":
            return True
        if layout == "side-by-side":
            return False
        return self.app.size.width < 100

    def on_resize(self) -> None:
        if self.items and all(it.diff is not None or it.error for it in self.items):
            if self.app.size.width != self._width:
                self._show()

    def _show(self) -> None:
        from ...diffview import render_side_by_side, render_unified
        from ...render import safe

        body = self.query_one("#diff-body", VerticalScroll)
        width = max(body.size.width or self.app.size.width, 40) - 1
        self._width = self.app.size.width
        unified = self.is_unified()
        render = render_unified if unified else render_side_by_side
        body.remove_children()
        widgets: list[Static] = []
        self._changes = []
        summaries = []
        for it in self.items:
            name = self.app.workspace.name_of(it.path)
            if len(self.items) > 1:
                head = Text(safe(name), style="bold reverse")
                widgets.append(Static(head, classes="diff-file"))
            label = Text(f"{safe(it.old_label)}  →  {safe(it.new_label)}", style="bold")
            widgets.append(Static(label, classes="diff-labels"))
            if it.error:
                widgets.append(Static(Text(safe(it.error)), classes="diff-error"))
                summaries.append(f"{name}: {it.error}")
                continue
            diff = it.diff
            line = diff.summary_line()
            summaries.append(line if len(self.items) == 1 else f"{name}: {line}")
            if diff.identical:
                widgets.append(Static(Text("The two versions are identical.", style="italic"),
                                      classes="diff-identical"))
                continue
            for rows, is_change in chunks(list(diff.rows)):
                part = replace(diff, rows=rows) if hasattr(diff, "__dataclass_fields__") else diff
                w = Static(render(part, width), classes="diff-chunk")
                if is_change:
                    w.add_class("diff-change")
                    self._changes.append(w)
                widgets.append(w)
        body.mount_all(widgets)
        summary = self.query_one("#summary", Static)
        summary.update(Text(safe(" · ".join(summaries) if len(summaries) <= 3 else
                                 f"{len(summaries)} files; " + summaries[0])))
        n = len(self._changes)
        self.query_one("#title", TitleBar).right = (
            f"{n} change{'s' if n != 1 else ''} · {'unified' if unified else 'side by side'}")
        self._current = -1

    # --- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def _go(self, index: int) -> None:
        if not self._changes:
            self.notify("No changes.", timeout=2)
            return
        self._current = index % len(self._changes)
        for i, w in enumerate(self._changes):
            w.set_class(i == self._current, "-current")
        self.query_one("#diff-body", VerticalScroll).scroll_to_widget(
            self._changes[self._current], top=True, animate=False)

    def action_next_change(self) -> None:
        self._go(self._current + 1)

    def action_previous_change(self) -> None:
        self._go(self._current - 1 if self._current >= 0 else -1)

    def action_toggle_layout(self) -> None:
        self.unified = not self.is_unified()
        if all(it.diff is not None or it.error for it in self.items):
            self._show()


def open_default_diff(app, path: Path) -> None:
    """`d`: the working copy (or last revision) against the previous approved revision."""
    from .. import revisions as rv

    if app.has_history is False:
        app.notify_error(app.history_error or "No git history here.", "No git")
        return
    rel = app.relpath(path)
    screen = app.screen

    def work() -> None:
        from ..app import NoHistory

        def ask(h):
            found = rv.default_comparison(h, rel)
            if isinstance(found, str):
                return found
            old, new = found
            return (rv.revision_label(old), rv.revision_text(h, rel, old),
                    rv.revision_label(new), rv.revision_text(h, rel, new))

        try:
            found = app.git(ask)
        except NoHistory as e:
            app.call_from_thread(app.notify_error, str(e), "No git")
            return
        except Exception as e:  # noqa: BLE001
            app.call_from_thread(app.notify_error, f"history: {e}", "Cannot compare")
            return
        if isinstance(found, str):
            app.call_from_thread(app.notify, f"{app.workspace.name_of(path)}: {found}",
                                 severity="warning", markup=False)
            return
        old_label, old_text, new_label, new_text = found
        app.call_from_thread(app.push_screen,
                             DiffScreen(path, old_label, old_text, new_label, new_text))

    screen.run_worker(work, thread=True, group="open-diff", exclusive=True, exit_on_error=False)
