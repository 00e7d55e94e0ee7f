"""Under the editor's list of problems: the whole message and hint of one problem — the one
on the cursor's line, or the one highlighted in the list — wrapped over as many lines as it
needs (up to four). Hidden when there is none to show."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def describe(d, others: int = 0, app=None) -> Text:
    """One problem in full: where, how bad, its code, its message; its hint on a line of
    its own. Both came from a file (a quoted value): shown, never read as markup."""
    from ajtui.base.safetext import safe
    from ajtui.tui.style import style

    def st(name: str, **kw):
        return style(app, name, **kw) if app is not None else ""

    kind = "error" if d.is_error else "warning"
    text = Text()
    text.append(f"{d.line}:{d.column} ", style="bold")
    text.append(kind, style=st("error" if d.is_error else "warning", bold=True))
    text.append(f" {d.code}", style=st("foreground-muted"))
    if others:
        text.append(f" (+{others} more on this line)", style=st("foreground-muted"))
    text.append("  ")
    text.append(safe(d.message))
    if d.hint:
        text.append("\nhint: ", style=st("foreground-muted", bold=True))
        text.append(safe(d.hint))
    return text


class ProblemDetail(Static):
    DEFAULT_CSS = """
    ProblemDetail {
        display: none;
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $boost;
    }
    """

    def __init__(self, **kw) -> None:
        super().__init__("", markup=False, **kw)
        #: The problem shown (None: hidden).
        self.problem = None

    def show(self, d, others: int = 0) -> None:
        if d is None:
            self.problem = None
            self.display = False
            return
        if d is self.problem and self.display:
            return
        self.problem = d
        self.update(describe(d, others, self.app))
        self.display = True
