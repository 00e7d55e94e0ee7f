"""What the app's screens share: the app typed as `AjApp` (imported for the type checker
only, as posting does, so no screen imports the app at run time), and the screens that show
one answer from git."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen

from ajtui.tui.messages import HistoryReady
from ajtui.tui.services import GitError

if TYPE_CHECKING:
    from ajtui.store.history import History
    from ajtui.tui.app import AjApp

Result = TypeVar("Result")


class AjScreen(Screen[Result]):
    #: The name of this screen's actions in ajtui.tui.actions.
    SCOPE = ""

    @property
    def aj_app(self) -> AjApp:
        return cast("AjApp", self.app)

    def edits_unsaved(self, path: Path) -> bool:
        """Does this screen hold unsaved edits of `path` (git must wait for them)?"""
        return False


class GitAnswerScreen(AjScreen[None]):
    """A screen that shows one answer from git: asked in a thread worker once git is open
    (at once if it already is) and again on `load()`. Subclasses say what to `ask` and how
    to `show` the answer, or why there is none (`show_failure`)."""

    #: The worker group of the question (one question at a time per screen).
    LOAD_GROUP = "load"

    def ask(self, history: History) -> Any:
        raise NotImplementedError

    def show(self, answer: Any) -> None:
        raise NotImplementedError

    def show_failure(self, why: str) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        if self.aj_app.git.available is not None:
            self.load()

    def on_history_ready(self, message: HistoryReady) -> None:
        self.load()

    def load(self) -> None:
        self.run_worker(
            self._load, thread=True, exclusive=True, group=self.LOAD_GROUP, exit_on_error=False
        )

    def _load(self) -> None:
        try:
            answer = self.aj_app.git.call(self.ask)
        except GitError as e:
            self.app.call_from_thread(self.show_failure, e.describe())
            return
        self.app.call_from_thread(self.show, answer)
