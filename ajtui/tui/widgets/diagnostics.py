"""The editor's list of errors and warnings; `enter` on one jumps to its line."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class DiagnosticsList(OptionList):
    class Jump(Message):
        def __init__(self, line: int, column: int) -> None:
            super().__init__()
            self.line, self.column = line, column

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.diagnostics: list = []

    def show(self, diagnostics: list) -> None:
        from ajtui.base.safetext import safe
        from ajtui.tui.style import style

        self.diagnostics = list(diagnostics)
        self.clear_options()
        if not diagnostics:
            self.add_option(
                Option(
                    Text("✓ No problems.", style=style(self.app, "success")),
                    id="none",
                    disabled=False,
                )
            )
            return
        options = []
        for i, d in enumerate(diagnostics):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{d.line:>4}:{d.column:<3} ", style="bold")
            kind = "error" if d.is_error else "warning"
            line.append(
                f"{kind:<8}",
                style=style(self.app, "error" if d.is_error else "warning", bold=d.is_error),
            )
            line.append(safe(d.message))
            if d.hint:
                line.append(f" — {safe(d.hint)}", style=style(self.app, "foreground-muted"))
            line.append(f" {d.code}", style=style(self.app, "foreground-muted"))
            options.append(Option(line, id=str(i)))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != "none":
            d = self.diagnostics[int(event.option.id)]
            self.post_message(self.Jump(d.line, d.column))
