"""Textual's Footer, with its keys made compact before they are mounted.

Each FooterKey sets its `-compact` class in a watcher when it is mounted, which restyles it
and its component classes once more: about a fifth of the library's first frame. Keys that
carry the class from the start look the same and skip that work.
"""

from __future__ import annotations

from textual.widgets import Footer as _Footer
from textual.widgets._footer import FooterKey


class Footer(_Footer):
    def compose(self):
        for widget in super().compose():
            # the keys' `compact` is bound to ours; the palette's key is compact by default
            if isinstance(widget, FooterKey) and self.compact:
                widget.add_class("-compact", update=False)
            yield widget
