"""The ajtui application: a workspace of .aj descriptions, keyboard first.

Screens live in `screens/`, dialogs in `dialogs.py`, widgets in `widgets/`, every key in
`actions.py`. Git and diff work runs in thread workers through `AjApp.git`
(ajtui.tui.services), one `History` per workspace, closed on exit. Heavy modules (lark,
GitPython, the diff) are imported inside the workers.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.app import App

from ajtui.tui.actions import bindings, keymap, keymap_problems
from ajtui.tui.services import Git, GitError, NoHistory

if TYPE_CHECKING:
    from ajtui.store.config import Config
    from ajtui.store.workspace import Workspace


def _commands():
    """The palette's provider, imported when the palette first opens (textual.command
    costs ≈ 100 ms at start-up)."""
    from ajtui.tui.commands import AjCommands

    return AjCommands


class AjApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "ajtui"
    COMMANDS = App.COMMANDS | {_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (120, "-wide")]

    BINDINGS = bindings("app")

    def __init__(
        self,
        workspace: Workspace,
        config: Config,
        *,
        demo: bool = False,
        watch_interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.config = config
        self.demo = demo
        #: Seconds between looks at the disk for changed files (0: never).
        self.watch_interval = watch_interval
        #: False in snapshot tests: the editor's cursor does not blink.
        self.cursor_blink = True
        self.animation_level = "none"
        #: Git, for thread workers (ajtui.tui.services).
        self.git = Git(workspace)
        if config.theme in self.available_themes:
            self.theme = config.theme

    # --- lifecycle ------------------------------------------------------------------------

    def on_mount(self) -> None:
        from ajtui.tui.screens.library import LibraryScreen

        self.git.ui_thread = threading.get_ident()
        if self.config.keymap:
            self.set_keymap(keymap(self.config.keymap))
        # never silent: a keymap entry that is ignored or takes another action's key
        for problem in [*self.config.problems, *keymap_problems(self.config.keymap)]:
            self.notify(problem, title="config.toml", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(LibraryScreen())
        # git costs ≈ 150 ms to import and open: the library asks for it once its rows are
        # on screen, so that it is not in the way of the first frame; this is the fallback
        self.set_timer(1.0, self.open_history)

    def open_history(self) -> None:
        """Open git in a thread (once): the status column, history, diff and commit."""
        if self.git.start():
            self.run_worker(
                self._open_history_thread, thread=True, group="history-open", exit_on_error=False
            )

    def _open_history_thread(self) -> None:
        try:
            self.git.open()
        finally:
            self.call_from_thread(self._history_opened)

    def _history_opened(self) -> None:
        from ajtui.tui.messages import HistoryReady

        for screen in self.screen_stack:
            screen.post_message(HistoryReady(self.git.available is True))

    def on_unmount(self) -> None:
        self.git.close()

    def report_git(
        self, error: GitError, doing: str = "git", title: str = "", no_git_title: str = ""
    ) -> None:
        """A git failure as a notification: why there is no history, or git's own words
        after `doing`."""
        if isinstance(error, NoHistory):
            self.notify_error(error.describe(doing), no_git_title)
        else:
            self.notify_error(error.describe(doing), title)

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
        from rich.text import Text

        from ajtui.tui.dialogs import ChoiceDialog, ConfirmDialog

        # the screens with unsaved work that can save it (`save_then(after)`: the editor)
        savers = [
            s
            for s in self.screen_stack
            if callable(getattr(s, "save_then", None)) and getattr(s, "unsaved", lambda: None)()
        ]
        if len(savers) < len(lost):  # something that cannot be saved from here

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.exit(0)

            await self.push_screen(
                ConfirmDialog(
                    "Quit without saving?",
                    Text("\n".join(lost)),
                    yes="Quit, discard changes",
                    no="Keep editing",
                    danger=True,
                ),
                answered,
            )
            return

        def chosen(what: str | None) -> None:
            if what == "save":
                self._save_then_exit(savers)
            elif what == "discard":
                self.exit(0)

        await self.push_screen(
            ChoiceDialog(
                "Quit: unsaved changes",
                Text("\n".join(lost)),
                [
                    ("s", "Save and quit", "save"),
                    ("d", "Quit without saving", "discard"),
                    ("escape", "Cancel", None),
                ],
            ),
            chosen,
        )

    def _save_then_exit(self, savers: list) -> None:
        """Save each in turn (each may ask, e.g. about errors in its text); quit once all
        are saved. A save refused or cancelled ends it there: the app stays open."""
        if not savers:
            self.exit(0)
            return
        first, rest = savers[0], savers[1:]
        first.save_then(lambda: self._save_then_exit(rest))

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
        self.run_worker(
            lambda: self._save_setting("theme", name),
            thread=True,
            group="config",
            exit_on_error=False,
        )

    def _save_setting(self, key: str, value: str) -> None:
        from ajtui.store.config import ConfigError, save_setting

        try:
            save_setting(key, value, self.config.path)
        except (ConfigError, OSError) as e:
            self.call_from_thread(
                self.notify, str(e), title="Settings not saved", severity="warning", markup=False
            )

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
