"""Git for the app: one `History` per workspace, opened once in a thread, asked from thread
workers one call at a time, closed on exit. Screens reach it as `app.git`.

Every failure is a `GitError` — `NoHistory` (no repository: the message says why) or
`GitFailed` (git's own words) — raised by `Git.call` and caught where the answer was
wanted. No Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ajtui.store.history import History
    from ajtui.store.workspace import Workspace

T = TypeVar("T")


class GitError(Exception):
    """Git could not answer."""

    def describe(self, doing: str = "git") -> str:
        """The message to show, `doing` naming what was asked ("git status", a file)."""
        return f"{doing}: {self}"


class NoHistory(GitError):
    """The workspace has no git history (the message says why)."""

    def describe(self, doing: str = "git") -> str:
        return str(self)


class GitFailed(GitError):
    """Git, or the history layer, raised: the message is its own words."""


class Git:
    """The workspace's git history, for thread workers."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        #: The UI thread's id, once known: git work there is refused (it would freeze).
        self.ui_thread: int | None = None
        self._history: History | None = None
        self._error: str | None = None
        self._ready = threading.Event()
        self._opening = False
        self._lock = threading.Lock()

    def start(self) -> bool:
        """True the first time only: the caller then runs `open()` in a thread."""
        if self._opening:
            return False
        self._opening = True
        return True

    def open(self) -> None:
        """Open git (blocking: from a thread). A missing repository is remembered as the
        reason why history, diff and commit are off."""
        try:
            root = self.workspace.git_root()
            if root is None:
                self._error = (
                    f"{self.workspace.display_name} is not in a git "
                    "repository: history, diff and commit are off"
                )
                return
            try:
                from ajtui.store.history import History, NotARepository
            except ImportError:  # pragma: no cover - the history layer is part of ajtui
                self._error = "the history layer is not installed"
                return
            try:
                self._history = History(self.workspace.root)
            except NotARepository as e:
                self._error = str(e)
            except Exception as e:  # git can fail in many ways; say which
                self._error = f"git: {e}"
        finally:
            self._ready.set()

    @property
    def available(self) -> bool | None:
        """True/False once known; None while git is still being opened."""
        if not self._ready.is_set():
            return None
        return self._history is not None

    @property
    def error(self) -> str | None:
        """Why there is no history (None when there is, or while opening)."""
        return self._error

    def call(self, ask: Callable[[History], T]) -> T:
        """`ask(history)`, one call at a time. From a thread worker only: waits for git to
        be opened. Raises NoHistory, or GitFailed with git's own words."""
        if threading.get_ident() == self.ui_thread:
            raise RuntimeError("git work on the UI thread")
        self._ready.wait(30)
        with self._lock:
            if self._history is None:
                raise NoHistory(self._error or "no git history")
            try:
                return ask(self._history)
            except Exception as e:  # git's own words are the best message
                raise GitFailed(str(e)) from e

    def close(self) -> None:
        with self._lock:
            if self._history is not None:
                try:
                    self._history.close()
                finally:
                    self._history = None

    def relpath(self, path: Path) -> str:
        """A workspace file as the history layer names it: relative to the git root."""
        root = self.workspace.git_root() or self.workspace.root
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return str(path)
