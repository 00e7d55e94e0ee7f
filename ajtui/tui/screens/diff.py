"""Two versions side by side — old left, new right — aligned by the structural diff, or
unified (the default below 100 columns; `u` toggles). The summary line is on top; `n` and
`p` go to the next and previous change. Diffs are computed in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.services import GitError
from ajtui.tui.style import style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ajtui.store.history import History
    from ajtui.tui.app import AjApp

#: The `!` mark in a few words, for narrow terminals.
SHORT_LEGEND = "! = purpose, main duties or qualification: needs consent or a new decision"
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


class DiffScreen(AjScreen[None]):
    AUTO_FOCUS = "#diff-body"
    HELP_NOTES = [
        "Old on the left, new on the right; changed words are highlighted.",
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
        return f"Diff · {self.aj_app.workspace.name_of(it.path)}"

    def on_mount(self) -> None:
        self.compute_all()

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def compute_all(self) -> None:
        for it in self.items:
            if it.diff is not None:
                continue
            try:
                it.diff = compute(it.old_text, it.new_text, self.aj_app.workspace.name_of(it.path))
            except Exception as e:  # show it, never a traceback
                it.error = f"cannot compare: {e}"
        self.app.call_from_thread(self._show)

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

    def on_resize(self) -> None:
        if (
            self.items
            and all(it.diff is not None or it.error for it in self.items)
            and self.app.size.width != self._width
        ):
            self._show()

    def _show(self) -> None:
        from ajtui.base.safetext import safe, safe_line
        from ajtui.present.diffview import LEGEND, SUBSTANTIVE, render_side_by_side, render_unified

        body = self.query_one("#diff-body", VerticalScroll)
        width = max((body.size.width or self.app.size.width) - 2, 30)
        self._width = self.app.size.width
        unified = self.is_unified()
        styles = theme_styles(self.app)
        dim = style(self.app, "foreground-muted")

        def render(diff, rows, context):
            part = replace(diff, rows=rows)
            if unified:
                return render_unified(part, width, context=context, header=False, styles=styles)
            return render_side_by_side(part, width, context=context, header=False, styles=styles)

        body.remove_children()
        widgets: list[Static] = []
        stops: list[tuple[Static, bool]] = []
        summaries = []
        for it in self.items:
            name = self.aj_app.workspace.name_of(it.path)
            if len(self.items) > 1:
                widgets.append(
                    Static(Text(safe_line(name), style="bold reverse"), classes="diff-file")
                )
            labels = Text(f"{safe(it.old_label)}  →  {safe(it.new_label)}", style="bold")
            widgets.append(Static(labels, classes="diff-labels"))
            if it.error:
                widgets.append(Static(Text(safe(it.error)), classes="diff-error"))
                summaries.append(it.error)
                continue
            diff = it.diff
            line = diff.summary_line()
            summaries.append(line)
            if len(self.items) > 1:
                widgets.append(Static(Text(safe(line), style="bold"), classes="diff-file-summary"))
            for err in diff.errors:
                widgets.append(
                    Static(
                        Text(safe(err) + " (compared line by line)", style=styles.removed),
                        classes="diff-error",
                    )
                )
            if diff.identical:
                widgets.append(
                    Static(
                        Text("The two versions are identical.", style="italic"),
                        classes="diff-identical",
                    )
                )
                continue
            if diff.structural and any(c.weight == SUBSTANTIVE for c in diff.changes):
                legend = LEGEND if width >= 110 else SHORT_LEGEND
                widgets.append(Static(Text(legend, style=dim), classes="diff-legend"))
            for what, value in runs(diff):
                if what == "gap":
                    w = Static(Text(f"⋯ {value} unchanged", style=dim), classes="diff-gap")
                elif what == "section":
                    w = Static(render(diff, [value], 1), classes="diff-chunk")
                else:
                    w = Static(render(diff, value, None), classes="diff-chunk")
                    if is_stop(value):
                        w.add_class("diff-change")
                        mechanical = all(r.kind in QUIET | {"renumbered"} for r in value)
                        stops.append((w, mechanical))
                widgets.append(w)
        body.mount_all(widgets)
        # n/p step over renumbered-only runs, unless nothing else changed
        self._changes = [w for w, mech in stops if not mech] or [w for w, _ in stops]
        summary = self.query_one("#summary", Static)
        if len(self.items) == 1:
            summary.update(Text(safe(summaries[0])))
        else:
            changed = sum(1 for it in self.items if it.diff is not None and not it.diff.identical)
            summary.update(Text(f"{len(self.items)} descriptions, {changed} changed"))
        n = sum(len(it.diff.changes) for it in self.items if it.diff is not None)
        self.query_one(
            "#title", TitleBar
        ).right = f"{n} change{'s' if n != 1 else ''} · {'unified' if unified else 'side by side'}"
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
            self._changes[self._current], top=True, animate=False
        )

    def action_next_change(self) -> None:
        self._go(self._current + 1)

    def action_previous_change(self) -> None:
        self._go(self._current - 1 if self._current >= 0 else -1)

    def action_toggle_layout(self) -> None:
        self.unified = not self.is_unified()
        if all(it.diff is not None or it.error for it in self.items):
            self._show()


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
