"""Messages the app sends to its screens."""

from __future__ import annotations

from textual.message import Message


class HistoryReady(Message):
    """Git was opened (or found missing): screens may now ask for history."""

    def __init__(self, available: bool) -> None:
        super().__init__()
        self.available = available


class FilesChanged(Message):
    """Files in the workspace changed on disk (saved here or elsewhere)."""

    def __init__(self, paths: list) -> None:
        super().__init__()
        self.paths = paths
