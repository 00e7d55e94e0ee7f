"""The ajtui application: a workspace of .aj descriptions, keyboard first.

Screens live in `screens/`, dialogs in `dialogs.py`, widgets in `widgets/`. Git and diff
work runs in thread workers through `AjApp.git()`, one `History` per workspace, closed on
exit. Heavy modules (lark, GitPython, the diff) are imported inside the workers.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual.app import App
from textual.binding import Binding

if TYPE_CHECKING:
    from ajtui.store.config import Config
    from ajtui.store.workspace import Workspace

T = TypeVar("T")
#: What `AjApp.try_git` returns when the call failed (and was reported).
GIT_FAILED = object()


def _commands():
    """The palette's provider, imported when the palette first opens (textual.command
    costs ≈ 100 ms at start-up)."""
    from ajtui.tui.commands import AjCommands

    return AjCommands


class NoHistory(Exception):
    """The workspace has no git history (the message says why)."""


class AjApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "ajtui"
    COMMANDS = App.COMMANDS | {_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (120, "-wide")]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit",
                tooltip="Quit ajtui (asks first when something is unsaved)"),
        Binding("question_mark", "help", "Keys", id="app.help",
                tooltip="Every key of this screen"),
        Binding("f1", "help", "Keys", show=False, id="app.help_f1"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True,
                id="app.palette", tooltip="Every action of this screen, by name"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere",
                tooltip="Quit, also from the editor (asks first when something is unsaved)"),
    ]

    def __init__(self, workspace: Workspace, config: Config, *, demo: bool = False,
                 watch_interval: float = 1.0) -> None:
        super().__init__()
        self.workspace = workspace
        self.config = config
        self.demo = demo
        #: Seconds between looks at the disk for changed files (0: never).
        self.watch_interval = watch_interval
        #: False in snapshot tests: the editor's cursor does not blink.
        self.cursor_blink = True
        self.animation_level = "none"
        self._history: Any = None
        self._history_error: str | None = None
        self._history_ready = threading.Event()
        self._history_opening = False
        self._git_lock = threading.Lock()
        if config.theme in self.available_themes:
            self.theme = config.theme

    # --- lifecycle ------------------------------------------------------------------------

    def on_mount(self) -> None:
        from ajtui.tui.screens.library import LibraryScreen

        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        for problem in self.config.problems:
            self.notify(problem, title="config.toml", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(LibraryScreen())
        # git costs ≈ 150 ms to import and open: the library asks for it once its rows are
        # on screen, so that it is not in the way of the first frame; this is the fallback
        self.set_timer(1.0, self.open_history)

    def open_history(self) -> None:
        """Open git in a thread (once): the status column, history, diff and commit."""
        if self._history_opening:
            return
        self._history_opening = True
        self.run_worker(self._open_history_thread, thread=True, group="history-open",
                        exit_on_error=False)

    def _open_history_thread(self) -> None:
        try:
            root = self.workspace.git_root()
            if root is None:
                self._history_error = (f"{self.workspace.display_name} is not in a git "
                                       "repository: history, diff and commit are off")
                return
            try:
                from ajtui.store.history import History, NotARepository
            except ImportError:  # pragma: no cover - the history layer is part of ajtui
                self._history_error = "the history layer is not installed"
                return
            try:
                self._history = History(self.workspace.root)
            except NotARepository as e:
                self._history_error = str(e)
            except Exception as e:  # noqa: BLE001 - git can fail in many ways; say which
                self._history_error = f"git: {e}"
        finally:
            self._history_ready.set()
            self.call_from_thread(self._history_opened)

    def _history_opened(self) -> None:
        from ajtui.tui.messages import HistoryReady

        for screen in self.screen_stack:
            screen.post_message(HistoryReady(self._history is not None))

    def on_unmount(self) -> None:
        self.close_history()

    def close_history(self) -> None:
        with self._git_lock:
            if self._history is not None:
                try:
                    self._history.close()
                finally:
                    self._history = None

    # --- git, from thread workers only ---------------------------------------------------

    @property
    def has_history(self) -> bool | None:
        """True/False once known; None while git is still being opened."""
        if not self._history_ready.is_set():
            return None
        return self._history is not None

    @property
    def history_error(self) -> str | None:
        return self._history_error

    def git(self, call: Callable[[Any], T]) -> T:
        """Run `call(history)` with the workspace's History, one call at a time. From a
        thread worker only: waits for git to be opened. Raises NoHistory."""
        if threading.get_ident() == self._thread_id:
            raise RuntimeError("git work on the UI thread")
        self._history_ready.wait(30)
        with self._git_lock:
            if self._history is None:
                raise NoHistory(self._history_error or "no git history")
            return call(self._history)

    def try_git(self, call: Callable[[Any], T], fail: Callable[..., Any],
                title: str | None = None) -> T | object:
        """`git(call)` from a worker, reporting failure instead of raising: `fail(message)`
        runs on the UI thread (with `title` too for git's own errors) and GIT_FAILED is
        returned."""
        try:
            return self.git(call)
        except NoHistory as e:
            self.call_from_thread(fail, str(e))
        except Exception as e:  # noqa: BLE001 - git's own words are the best message
            args = (f"git: {e}", title) if title else (f"git: {e}",)
            self.call_from_thread(fail, *args)
        return GIT_FAILED

    def relpath(self, path: Path) -> str:
        """A workspace file as the history layer names it: relative to the git root."""
        root = self.workspace.git_root() or self.workspace.root
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return str(path)

    # --- everywhere ----------------------------------------------------------------------

    def unsaved(self) -> list[str]:
        """What would be lost on quitting: one line per screen with unsaved work."""
        out = []
        for screen in self.screen_stack:
            check = getattr(screen, "unsaved", None)
            what = check() if callable(check) else None
            if what:
                out.append(what)
        return out

    async def action_quit(self) -> None:
        lost = self.unsaved()
        if not lost:
            self.exit(0)
            return
        from ajtui.tui.dialogs import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(0)

        await self.push_screen(ConfirmDialog(
            "Quit without saving?", "\n".join(lost), yes="Quit, discard changes",
            no="Keep editing", danger=True), answered)

    def action_help(self) -> None:
        from ajtui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def _remember_theme(self, theme: Any) -> None:
        name = getattr(theme, "name", None) or str(theme)
        if name == self.config.theme:
            return
        self.config.theme = name
        self.run_worker(lambda: self._save_setting("theme", name), thread=True,
                        group="config", exit_on_error=False)

    def _save_setting(self, key: str, value: str) -> None:
        from ajtui.store.config import ConfigError, save_setting

        try:
            save_setting(key, value, self.config.path)
        except (ConfigError, OSError) as e:
            self.call_from_thread(self.notify, str(e), title="Settings not saved",
                                  severity="warning", markup=False)

    def notify_error(self, message: str, title: str = "") -> None:
        """Errors from files are data: never markup."""
        self.notify(message, title=title, severity="error", markup=False, timeout=8)

    def notify(self, message: str, *, title: str = "", markup: bool = True, **kw) -> None:
        """Every notification (a screen's too): a message without markup carries a file
        name or a value, so its control characters are shown, not sent to the terminal."""
        if not markup:
            from ajtui.base.safetext import safe

            message, title = safe(str(message)), safe(str(title))
        super().notify(message, title=title, markup=markup, **kw)
