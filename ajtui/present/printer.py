"""Printing blocks to a stream as Rich's `Console.print` does — without importing Rich.

The width, the colours and the box characters are chosen as Rich chooses them (the
`width` given, else COLUMNS, else the first terminal among stdin/stdout/stderr, else 80;
colours by `ajtui.present.ansi`; ASCII boxes when the stream's encoding is not UTF), so
that `aj show`, `aj diff` and `aj git-diff` print what they printed through Rich.
"""

from __future__ import annotations

import os
import sys

from ajtui.present import ansi
from ajtui.present.blocks import lines_of


def console_width(width: int | None, is_terminal: bool, env=os.environ) -> int:
    """Rich's `Console.width` for `Console(width=width)`."""
    if width is None:
        columns = env.get("COLUMNS")
        if columns is not None and columns.isdigit():
            width = int(columns)
    if width is not None and env.get("LINES", "").isdigit():
        return width  # Rich: a width and a height known: no question asked
    if is_terminal and env.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80  # Rich: a dumb terminal is 80 wide, whatever was asked
    if width is not None:
        return width
    found = None
    for fd in (0, 1, 2):
        try:
            found = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return found or 80


class Printer:
    """Blocks (`ajtui.present.blocks`, `Text`) printed to `stream` (default stdout)."""

    def __init__(
        self,
        stream=None,
        *,
        width: int | None = None,
        force_terminal: bool | None = None,
        no_color: bool | None = None,
        colors: bool = True,
        env=os.environ,
    ) -> None:
        self.stream = stream
        terminal = ansi.color_system(
            stream, env=env, force_terminal=force_terminal, no_color=no_color
        )
        #: "truecolor", "256", "standard", or None: no escape codes (Rich's name)
        self.color_system = terminal.system if colors else None
        self.no_color = terminal.no_color
        self.width = console_width(width, terminal.is_terminal, env)
        out = stream if stream is not None else sys.stdout
        encoding = (getattr(out, "encoding", "utf-8") or "utf-8").lower()
        self.ascii_only = not encoding.startswith("utf")
        self._captured: list[str] | None = None

    def print(self, *blocks, soft_wrap: bool = False) -> None:
        """Each block laid out at the width (a bare `print()`: an empty line)."""
        if not blocks:
            blocks = ("",)
        lines = lines_of(blocks, self.width, ascii_only=self.ascii_only, soft_wrap=soft_wrap)
        text = ansi.render(lines, self.color_system, self.no_color)
        if self._captured is not None:
            self._captured.append(text)
        else:
            (self.stream if self.stream is not None else sys.stdout).write(text)

    def begin_capture(self) -> None:
        """Keep what is printed from now on instead of writing it."""
        self._captured = []

    def end_capture(self) -> str:
        """What was printed since `begin_capture`."""
        text = "".join(self._captured or ())
        self._captured = None
        return text
