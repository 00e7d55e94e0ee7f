"""Where each wording of a description comes from: for every field, duty, result and
paragraph, the directive (or kinnitamata, or the draft) that introduced it — the same
answer as `aj blame` (ajtui.store.history.History.blame)."""

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


class BlameScreen(GitAnswerScreen):
    AUTO_FOCUS = "#blame"
    HELP_NOTES = [
        "Each part of the description with the revision that gave it its current "
        "wording: a directive, kinnitamata (committed, not approved) or the draft."
    ]

    SCOPE = "blame"
    BINDINGS = bindings(SCOPE)
    LOAD_GROUP = "blame"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.lines: list = []

    def compose(self) -> ComposeResult:
        yield TitleBar(
            f"Provenance · {self.aj_app.workspace.name_of(self.path)}", "reading git…", id="title"
        )
        yield OptionList(id="blame")
        yield Footer(compact=True)

    def ask(self, history: History) -> Any:
        return list(history.blame(str(self.path)))

    def show_failure(self, text: str) -> None:
        self.query_one("#title", TitleBar).right = ""
        ol = self.query_one("#blame", OptionList)
        ol.clear_options()
        ol.add_option(Option(Text(text), disabled=True))

    def show(self, lines: list) -> None:
        from ajtui.base.safetext import safe, safe_line
        from ajtui.tui.style import style

        self.lines = lines
        width = max((len(b.revision.label) for b in lines), default=0)
        options = []
        for b in lines:
            row = Text(no_wrap=True, overflow="ellipsis")
            approved = b.revision.approved
            row.append(
                f"{safe(b.revision.label):<{width}}  ",
                style=style(self.app, "success" if approved else "warning"),
            )
            row.append(
                f"{b.commit.short if b.commit else '-------'}  ", style=style(self.app, "accent")
            )
            row.append(safe_line(b.path))
            options.append(Option(row))
        ol = self.query_one("#blame", OptionList)
        ol.clear_options()
        if options:
            ol.add_options(options)
            ol.highlighted = 0
        else:
            ol.add_option(Option(Text("Nothing to show: no history yet."), disabled=True))
        self.query_one("#title", TitleBar).right = f"{len(lines)} parts"

    def action_back(self) -> None:
        self.dismiss()
