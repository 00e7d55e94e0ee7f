"""A description's revisions, grouped by directive, with their commits inside.

`enter` (or `d`) compares the row under the cursor with the revision before it (an approved
revision with the approved one before it); `space`
marks a row, and then `enter` compares the marked row with the cursor's (two marks: the
two marked). The draft (uncommitted working copy) is on top when there is one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ajtui.tui.actions import bindings
from ajtui.tui.messages import FilesChanged
from ajtui.tui.screens.base import GitAnswerScreen
from ajtui.tui.services import GitError
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ajtui.store.history import History


def _authors(rev: Any) -> str:
    names = []
    for c in getattr(rev, "commits", []) or []:
        if c.author and c.author not in names:
            names.append(c.author)
    return ", ".join(names)


def _date(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


class HistoryScreen(GitAnswerScreen):
    AUTO_FOCUS = "#revisions"
    HELP_NOTES = [
        "A revision is every commit made under one directive (käskkiri); "
        "its commits are listed under it."
    ]

    SCOPE = "history"
    BINDINGS = bindings(SCOPE)
    LOAD_GROUP = "history"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        #: Rows: ("rev", revision) or ("commit", revision, commit)
        self.rows: list[tuple] = []
        self.revisions: list = []
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        yield TitleBar(
            f"History · {self.aj_app.workspace.name_of(self.path)}", "reading git…", id="title"
        )
        yield OptionList(id="revisions")
        yield Footer(compact=True)

    def on_files_changed(self, message: FilesChanged) -> None:
        if self.path in message.paths:
            self.load()

    def ask(self, history: History) -> Any:
        return list(history.revisions(str(self.path)))

    def show_failure(self, why: str) -> None:
        self.query_one("#title", TitleBar).right = "no history"
        ol = self.query_one("#revisions", OptionList)
        ol.clear_options()
        ol.add_option(Option(Text(why), disabled=True))

    def show(self, revisions: list) -> None:
        from ajtui.base.safetext import safe
        from ajtui.tui.style import style

        self.revisions = revisions
        self.rows = []
        self.marked = []
        self._commit_labels: dict[int, Text] = {}
        options = []
        for rev in revisions:
            self.rows.append(("rev", rev))
            options.append(Option(self._rev_label(rev)))
            for c in getattr(rev, "commits", []) or []:
                self.rows.append(("commit", rev, c))
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append(f"{c.short} ", style=style(self.app, "accent"))
                line.append(f"{_date(c.date)} ", style=style(self.app, "foreground-muted"))
                line.append(safe(c.author or ""), style=style(self.app, "secondary"))
                first = (c.message or "").strip().splitlines()[:1]
                if first:
                    line.append("  " + safe(first[0]))
                if getattr(c, "error", None):
                    line.append("  ⚠ does not parse", style=style(self.app, "warning"))
                self._commit_labels[len(self.rows) - 1] = line
                options.append(Option(Text("    ") + line))
        ol = self.query_one("#revisions", OptionList)
        ol.clear_options()
        if not options:
            ol.add_option(Option(Text("No history: this file was never committed."), disabled=True))
        else:
            ol.add_options(options)
            ol.highlighted = 0
        n = sum(1 for r in revisions if not getattr(r, "is_draft", False))
        self.query_one("#title", TitleBar).right = f"{n} revision{'s' if n != 1 else ''}" + (
            " + draft" if any(getattr(r, "is_draft", False) for r in revisions) else ""
        )

    def _rev_label(self, rev: Any, marked: bool = False) -> Text:
        from ajtui.base.safetext import safe
        from ajtui.tui.style import style

        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(
            "◆ " if marked else "● ", style=style(self.app, "accent" if marked else "primary")
        )
        if getattr(rev, "is_draft", False):
            line.append("Draft: uncommitted changes", style=style(self.app, "warning", bold=True))
            return line
        line.append(safe(str(rev.label)), style=Text("", style="bold").style)
        if getattr(rev, "copied_from", None):
            line.append(
                f"  not approved: created from {safe(rev.copied_from)}",
                style=style(self.app, "warning"),
            )
        if getattr(rev, "changed_after", None):
            line.append(
                f"  not approved: changed after {safe(rev.changed_after)}",
                style=style(self.app, "warning"),
            )
        commits = getattr(rev, "commits", []) or []
        extra = [f"{len(commits)} commit{'s' if len(commits) != 1 else ''}"]
        authors = _authors(rev)
        if authors:
            extra.append(safe(authors))
        line.append("  " + " · ".join(extra), style=style(self.app, "foreground-muted"))
        if getattr(rev, "error", None):
            line.append("  ⚠ does not parse", style=style(self.app, "warning"))
        return line

    # --- marking and comparing ------------------------------------------------------------

    def _cursor(self) -> int | None:
        ol = self.query_one("#revisions", OptionList)
        i = ol.highlighted
        if i is None or not (0 <= i < len(self.rows)):
            return None
        return i

    def action_mark(self) -> None:
        i = self._cursor()
        if i is None:
            return
        if i in self.marked:
            self.marked.remove(i)
        else:
            self.marked.append(i)
            if len(self.marked) > 2:
                self.marked.pop(0)
        # the cursor stays: `space ↓ space` marks this row and the next, as it reads
        self._redraw_marks()

    def _redraw_marks(self) -> None:
        ol = self.query_one("#revisions", OptionList)
        for i, row in enumerate(self.rows):
            marked = i in self.marked
            if row[0] == "rev":
                ol.replace_option_prompt_at_index(i, self._rev_label(row[1], marked))
            else:
                ol.replace_option_prompt_at_index(
                    i, Text("  ◆ " if marked else "    ") + self._commit_labels[i]
                )

    def _previous_of(self, i: int) -> int | None:
        """The row to compare row i with when nothing is marked."""
        row = self.rows[i]
        if row[0] == "rev":
            # an approved revision against the approved one before it (what the
            # directive changed, as `aj diff --directive` and the directives screen show
            # it); anything else against the revision just before
            older = [j for j in range(i + 1, len(self.rows)) if self.rows[j][0] == "rev"]
            if getattr(row[1], "approved", False):
                approved = [j for j in older if getattr(self.rows[j][1], "approved", False)]
                if approved:
                    return approved[0]
            return older[0] if older else None
        for j in range(i + 1, len(self.rows)):
            if self.rows[j][0] == "commit":
                return j
        return None

    def action_compare(self) -> None:
        i = self._cursor()
        if i is None:
            return
        if len(self.marked) == 2:
            a, b = sorted(self.marked)
        elif len(self.marked) == 1 and self.marked[0] != i:
            a, b = sorted((self.marked[0], i))
        else:
            a, older = i, self._previous_of(i)
            if older is None:
                self.notify(
                    "Nothing earlier to compare with. Mark a row with space, or pick a newer one.",
                    severity="warning",
                    timeout=4,
                )
                return
            b = older
        # a is newer (higher in the list), b older.
        self.compare(b, a)

    @work(thread=True, exclusive=True, group="history-diff", exit_on_error=False)
    def compare(self, old_row: int, new_row: int) -> None:
        from ajtui.tui import revisions as rv
        from ajtui.tui.screens.diff import DiffScreen

        app = self.aj_app
        path = self.path
        old, new = self.rows[old_row], self.rows[new_row]

        def side(h: History, row: tuple) -> tuple[str, str | None]:
            if row[0] == "rev":
                return rv.revision_label(row[1]), rv.revision_text(h, path, row[1])
            c = row[2]
            return f"{c.short} ({rv.revision_label(row[1])})", rv.commit_text(h, path, c)

        try:
            (ol, ot), (nl, nt) = app.git.call(lambda h: (side(h, old), side(h, new)))
        except GitError as e:
            app.call_from_thread(app.report_git, e, title="Cannot compare")
            return
        app.call_from_thread(app.push_screen, DiffScreen(self.path, ol, ot, nl, nt))

    # --- point in time -----------------------------------------------------------------------

    def action_in_force(self) -> None:
        from ajtui.tui.dialogs import InputDialog

        def answered(value: str | None) -> None:
            if value:
                self.find_in_force(value)

        self.app.push_screen(
            InputDialog(
                "In force",
                Text("Which revision was in force on (DD.MM.YYYY):"),
                placeholder="15.01.2026",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="history-in-force", exit_on_error=False)
    def find_in_force(self, when: str) -> None:
        from ajtui.base.dates import parse_date

        day = parse_date(when.strip())
        if day is None:
            self.app.call_from_thread(
                self.notify, f"Not a date: {when} (DD.MM.YYYY)", severity="warning", markup=False
            )
            return
        path = str(self.path)

        def ask(h: History) -> tuple[Any, Any]:
            rev = h.in_force(path, day)
            return rev, (h.in_force_from(rev) if rev is not None else None)

        app = self.aj_app
        try:
            found = app.git.call(ask)
        except GitError as e:
            app.call_from_thread(app.report_git, e, title="In force")
            return
        app.call_from_thread(self._show_in_force, day, *found)

    def _show_in_force(self, day, rev, start) -> None:
        if rev is None:
            self.notify(
                f"Nothing was in force on {day:%d.%m.%Y}.", severity="warning", markup=False
            )
            return
        for i, row in enumerate(self.rows):
            if row[0] == "rev" and row[1].key == rev.key and row[1].head == rev.head:
                self.query_one("#revisions", OptionList).highlighted = i
                break
        self.notify(
            f"In force on {day:%d.%m.%Y}: {rev.label}, from {start:%d.%m.%Y}",
            markup=False,
            timeout=6,
        )

    def action_back(self) -> None:
        self.dismiss()
