"""Every directive (käskkiri) in the repository → the descriptions it approved → their
diffs against each description's previous revision.

`enter` on a description shows its diff; `enter` on a directive shows the diffs of all the
descriptions it approved, one after the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import GitAnswerScreen
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ajtui.store.history import History


class DirectivesScreen(GitAnswerScreen):
    AUTO_FOCUS = "#directives"
    HELP_NOTES = [
        "A description approved for the first time is compared with the "
        "revision before it (or an empty one), as `aj diff --directive` does."
    ]

    SCOPE = "directives"
    BINDINGS = bindings(SCOPE)
    LOAD_GROUP = "directives"

    def __init__(self) -> None:
        super().__init__()
        #: ("directive", directive) or ("entry", directive, entry)
        self.rows: list[tuple] = []

    def compose(self) -> ComposeResult:
        yield TitleBar("Directives", "reading git…", id="title")
        yield OptionList(id="directives")
        yield Footer(compact=True)

    def ask(self, history: History) -> Any:
        return list(history.directives())

    def show_failure(self, text: str) -> None:
        self.query_one("#title", TitleBar).right = ""
        ol = self.query_one("#directives", OptionList)
        ol.clear_options()
        ol.add_option(Option(Text(text), disabled=True))

    def show(self, directives: list) -> None:
        from ajtui.base.safetext import safe, safe_line
        from ajtui.store.workspace import one_line
        from ajtui.tui.revisions import revision_label
        from ajtui.tui.style import style

        self.rows = []
        options = []
        for d in directives:
            entries = list(getattr(d, "entries", []) or [])
            self.rows.append(("directive", d))
            head = Text(no_wrap=True, overflow="ellipsis")
            head.append("● ", style=style(self.app, "primary"))
            head.append(safe(str(d.label)), style="bold")
            head.append(
                f"  {len(entries)} description{'s' if len(entries) != 1 else ''}",
                style=style(self.app, "foreground-muted"),
            )
            options.append(Option(head))
            for e in entries:
                self.rows.append(("entry", d, e))
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append("    ")
                annex = getattr(e.revision, "annex", None)
                if annex:
                    line.append(f"lisa {safe(annex)}  ", style=style(self.app, "accent"))
                title = one_line(getattr(e.revision, "title", None))
                line.append(safe_line(title or Path(e.path).stem), style="bold")
                line.append(
                    f"  {safe_line(Path(e.path).name)}", style=style(self.app, "foreground-muted")
                )
                if getattr(e, "previous", None) is None:
                    line.append("  first approval", style=style(self.app, "success"))
                    if e.base is not None:
                        line.append(
                            f"  since {safe(revision_label(e.base))}",
                            style=style(self.app, "foreground-muted"),
                        )
                else:
                    line.append(
                        f"  since {safe(revision_label(e.previous))}",
                        style=style(self.app, "foreground-muted"),
                    )
                options.append(Option(line))
        ol = self.query_one("#directives", OptionList)
        ol.clear_options()
        if not options:
            ol.add_option(
                Option(
                    Text(
                        "No directive in this repository's history: no "
                        "description says `kinnitatud: käskkirjaga` with a "
                        "number."
                    ),
                    disabled=True,
                )
            )
        else:
            ol.add_options(options)
            ol.highlighted = 0
        n = len(directives)
        self.query_one("#title", TitleBar).right = f"{n} directive{'s' if n != 1 else ''}"

    def action_compare(self) -> None:
        ol = self.query_one("#directives", OptionList)
        i = ol.highlighted
        if i is None or not (0 <= i < len(self.rows)):
            return
        row = self.rows[i]
        if row[0] == "directive":
            entries = [(row[1], e) for e in getattr(row[1], "entries", []) or []]
        else:
            entries = [(row[1], row[2])]
        if entries:
            self.compare(entries)

    def compare(self, entries: list[tuple[Any, Any]]) -> None:
        """The diff screen at once; it reads each description's two texts from git as it
        gets to it (200 descriptions read first would keep the reader waiting)."""
        from ajtui.tui import revisions as rv
        from ajtui.tui.screens.diff import DiffScreen, Item

        app = self.aj_app
        root = app.workspace.git_root() or app.workspace.root

        def texts(path: Path, e: Any):
            def load(h: History) -> tuple[str | None, str | None]:
                # the same comparison as `aj diff --directive` (ajtui.store.history)
                old = rv.revision_text(h, path, e.base) if e.base is not None else ""
                return old, rv.revision_text(h, path, e.revision)

            return load

        items = []
        for _d, e in entries:
            path = root / e.path
            items.append(
                Item(
                    path,
                    e.base_label,
                    None,
                    rv.revision_label(e.revision),
                    None,
                    load=texts(path, e),
                )
            )
        title = f"Directive · {entries[0][0].label}" if len(entries) > 1 else ""
        app.push_screen(DiffScreen(items=items, title=title))

    def action_back(self) -> None:
        self.dismiss()
