"""Go to a line: a line number, or line:column, typed into a small dialog.

`parse_position` reads what was typed (pure, 1-based in, 0-based out); a number past the
end is refused with a sentence that says how far the text goes, in the dialog itself, which
stays open until the answer is usable or escape is pressed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ajtui.tui.dialogs import InputDialog
from ajtui.tui.style import style

_POSITION = re.compile(r"\s*(\d+)\s*(?:[:,.\s]\s*(\d+)\s*)?")
FORMS = "a line number, or line:column (e.g. 12 or 12:5)"


def parse_position(
    typed: str, line_count: int, line_length: Callable[[int], int]
) -> tuple[int, int]:
    """(row, column), 0-based, for `typed` ("12", "12:5"); ValueError with a sentence for
    the user when it is not a position in the text."""
    m = _POSITION.fullmatch(typed)
    if not m:
        raise ValueError(f"Write {FORMS}.")
    line = int(m[1])
    if line < 1:
        raise ValueError("Lines are counted from 1.")
    if line > line_count:
        lines = f"{line_count} line{'s' if line_count != 1 else ''}"
        raise ValueError(f"Line {line} is past the end: the text has {lines}.")
    row = line - 1
    if m[2] is None:
        return row, 0
    column = int(m[2])
    length = line_length(row)
    if column < 1:
        raise ValueError("Columns are counted from 1.")
    if column > length + 1:
        chars = f"{length} character{'s' if length != 1 else ''}"
        raise ValueError(
            f"Line {line} has {chars}: column {column} is past its end (1–{length + 1})."
        )
    return row, column - 1


class GotoLineDialog(InputDialog):
    """Answers (row, column), 0-based, or None on escape."""

    def __init__(
        self, line_count: int, line_length: Callable[[int], int], cursor: tuple[int, int]
    ) -> None:
        lines = f"{line_count} line{'s' if line_count != 1 else ''}"
        super().__init__(
            "Go to line",
            Text(f"The text has {lines}; the cursor is at {cursor[0] + 1}:{cursor[1] + 1}."),
            placeholder="12 or 12:5",
        )
        self.line_count = line_count
        self.line_length = line_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(self.prompt, classes="dialog-body")
            yield Input(self.value, placeholder=self.placeholder, id="value")
            yield Static("", id="goto-error", classes="dialog-body", markup=False)
            yield Static(
                Text("enter: go   escape: cancel", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#goto-error", Static).display = False
        self.query_one("#value", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # InputDialog's own handler would answer the raw text
        error = self.query_one("#goto-error", Static)
        try:
            position = parse_position(event.value, self.line_count, self.line_length)
        except ValueError as e:
            error.update(Text(str(e), style=style(self.app, "error", bold=True)))
            error.display = True
            return
        self.dismiss(position)
