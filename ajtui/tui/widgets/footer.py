"""Textual's Footer, with its keys made compact before they are mounted.

Each FooterKey sets its `-compact` class in a watcher when it is mounted, which restyles it
and its component classes once more: about a fifth of the library's first frame. Keys that
carry the class from the start look the same and skip that work.

`leave_out`: actions not shown (a screen whose keys do not fit 80 columns leaves out the
ones everybody knows; `?` lists every key).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import Footer as _Footer
from textual.widgets._footer import FooterKey


class Footer(_Footer):
    def __init__(self, *args, leave_out: Iterable[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.leave_out = frozenset(leave_out)

    def compose(self):
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in self.leave_out:
                continue
            # the keys' `compact` is bound to ours; the palette's key is compact by default
            if isinstance(widget, FooterKey) and self.compact:
                widget.add_class("-compact", update=False)
            yield widget
