"""`?` (or F1): every key of the screen you came from, then every other screen's keys.

Each binding shows its id, which `[keymap]` in config.toml uses to remap it.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ajtui.tui.actions import HELP_SCREENS, actions, bindings


def _table() -> Table:
    t = Table(box=None, show_header=False, expand=True, padding=(0, 1))
    t.add_column("key", no_wrap=True, style="bold", min_width=10)
    t.add_column("what", ratio=1)
    t.add_column("id", no_wrap=True, style="dim")
    return t


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(
                Text("Keys  (escape closes; ctrl+p finds any action by name)", style="bold"),
                id="help-title",
            )
            with VerticalScroll(id="help-body"):
                yield Static(self._this_screen(), id="help-this")
                yield Static(self._other_screens(), id="help-others")

    def _key(self, binding: Binding) -> str:
        return self.app.get_key_display(binding)

    def _this_screen(self) -> Table:
        app, screen = self.app, self.under
        t = _table()
        screen_rows, widget_rows, app_rows = [], [], []
        seen = set()
        for active in screen.active_bindings.values():
            b = active.binding
            if not b.description or b.system or (b.action, active.node) in seen:
                continue
            seen.add((b.action, active.node))
            # Every key bound to this action on this node, e.g. "f8 ctrl+n".
            keys = [
                self._key(ab.binding)
                for k, ab in screen.active_bindings.items()
                if ab.binding.action == b.action and ab.node is active.node
            ]
            row = (
                " ".join(dict.fromkeys(keys)),
                Text(b.description + (f" — {b.tooltip}" if b.tooltip else "")),
                b.id or "",
            )
            if active.node is screen:
                screen_rows.append(row)
            elif active.node is app:
                app_rows.append(row)
            else:
                widget_rows.append(row)
        # ours (with an id) first; Textual's own (tab, copy) after them
        screen_rows.sort(key=lambda row: not row[2])
        name = type(screen).__name__.replace("Screen", "")
        t.add_row(Text(f"This screen: {name}", style="bold underline"), "", "")
        for row in screen_rows:
            t.add_row(*row)
        for note in getattr(screen, "HELP_NOTES", []):
            t.add_row("", Text(note, style="italic"), "")
        if widget_rows:
            t.add_row("", "", "")
            t.add_row(Text("In the focused field", style="bold underline"), "", "")
            for row in widget_rows:
                t.add_row(*row)
        t.add_row("", "", "")
        t.add_row(Text("Everywhere", style="bold underline"), "", "")
        for row in app_rows:
            t.add_row(*row)
        return t

    def _other_screens(self) -> Table:
        t = _table()
        under = getattr(self.under, "SCOPE", None)
        for name, scope in HELP_SCREENS:
            if scope == under:
                continue
            t.add_row("", "", "")
            t.add_row(Text(name, style="bold underline"), "", "")
            for a in actions(scope):
                if a.description:
                    keys = [k.strip() for k in a.keys.split(",")]
                    display = " ".join(self.app.get_key_display(Binding(k, a.action)) for k in keys)
                    t.add_row(display, Text(a.description), a.id)
        return t

    def action_close(self) -> None:
        self.dismiss()
