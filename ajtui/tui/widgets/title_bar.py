"""The one-line bar at the top of every screen: where you are, and a status on the right."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TitleBar(Widget):
    """`left` names the place (app · screen · file), `right` a short status. Both are
    plain text: file names and titles are never read as markup, and a line break in one
    is shown, not followed."""

    left: reactive[str] = reactive("", layout=False)
    right: reactive[str] = reactive("", layout=False)

    def __init__(self, left: str = "", right: str = "", **kw) -> None:
        super().__init__(**kw)
        self.set_reactive(TitleBar.left, left)
        self.set_reactive(TitleBar.right, right)

    def render(self) -> Table:
        from ajtui.base.safetext import safe_line

        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(Text(safe_line(self.left), style="bold"), Text(safe_line(self.right)))
        return grid
