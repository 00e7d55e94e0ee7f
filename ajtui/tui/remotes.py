"""Fetch, pull and push from the library (`f`, `p`, `P`), as lazygit does: git runs in a
thread worker, its own words are shown as they are, and the title bar's "main ↑1 ↓2" is
asked again afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ajtui.tui.services import GitError

if TYPE_CHECKING:
    from ajtui.tui.screens.library import LibraryScreen

#: verb -> (what the notice calls it while running, when done)
VERBS = {
    "fetch": ("Fetching…", "Fetched"),
    "pull": ("Pulling…", "Pulled"),
    "push": ("Pushing…", "Pushed"),
}


def run(screen: LibraryScreen, verb: str) -> None:
    """Run `git <verb>` for the workspace's repository from the library screen."""
    from ajtui.store import remotes

    app = screen.aj_app
    if app.git.available is False:
        app.notify_error(app.git.error or "No git history here.", "No git")
        return
    if verb == "pull" and any(_unsaved(s) for s in screen.app.screen_stack):
        screen.notify("Save the editor's changes first (ctrl+s).", severity="warning")
        return
    running, done = VERBS[verb]
    screen.notify(running, timeout=2)

    def work() -> None:
        from ajtui.base.safetext import safe

        try:
            outcome = app.git.call(lambda h: getattr(remotes, verb)(h.root))
        except GitError as e:
            app.call_from_thread(app.report_git, e, f"git {verb}")
            return
        words = safe(outcome.output) or ("" if outcome.ok else f"git {verb} failed")
        if outcome.ok:
            app.call_from_thread(
                screen.notify, f"{done}.\n{words}".strip(), title=f"git {verb}", markup=False
            )
        else:
            app.call_from_thread(
                screen.notify,
                words,
                title=f"git {verb} failed",
                severity="error",
                timeout=15,
                markup=False,
            )
        if verb == "pull":
            app.call_from_thread(screen.action_rescan)
        else:
            app.call_from_thread(screen.load_git_status)

    screen.run_worker(work, thread=True, group="remote", exclusive=True, exit_on_error=False)


def _unsaved(screen) -> bool:
    """Does a screen (an editor) hold unsaved edits of its file? (Asked by duck typing:
    this module is below the screens.)"""
    ask = getattr(screen, "edits_unsaved", None)
    return bool(ask and ask(getattr(screen, "path", None)))
