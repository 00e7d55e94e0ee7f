"""Commit a file, and approve it under a new directive (header + commit).

Both ask in a dialog, then run git in a thread worker of the screen that asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from ajtui.tui.messages import FilesChanged
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.services import GitError

if TYPE_CHECKING:
    from ajtui.format.model import Document
    from ajtui.tui.app import AjApp


def _git_unavailable(screen: AjScreen[Any]) -> bool:
    git = screen.aj_app.git
    if git.available is False:
        screen.aj_app.notify_error(git.error or "No git history here.", "No git")
        return True
    return False


def _unsaved_elsewhere(screen: AjScreen[Any], path: Path) -> bool:
    for s in screen.app.screen_stack:
        if isinstance(s, AjScreen) and s.edits_unsaved(path):
            screen.notify("Save the editor's changes first (ctrl+s).", severity="warning")
            return True
    return False


def _announce(screen: AjScreen[Any], path: Path) -> None:
    for s in screen.app.screen_stack:
        s.post_message(FilesChanged([path]))


def _title_of(path: Path) -> str:
    from ajtui.base.errors import AjError
    from ajtui.format.parser import load
    from ajtui.store.workspace import one_line

    try:
        return one_line(load(path).general.title) or path.stem
    except AjError:
        return path.stem


def _commit(
    screen: AjScreen[Any], path: Path, message: str, directive: tuple[str, str] | None = None
) -> None:
    app = screen.aj_app

    def work() -> None:
        try:
            sha = app.git.call(lambda h: h.commit([str(path)], message))
            if directive is not None:  # the approval bound to this commit
                number, date = directive
                tag = app.git.call(lambda h: h.tag_directive(number, date, sha, [h.relpath(path)]))
                message_tag = f" (tag {tag})"
            else:
                message_tag = ""
        except GitError as e:
            app.call_from_thread(app.report_git, e, "git commit", "Not committed", "No git")
            return
        app.call_from_thread(
            app.notify,
            f"Committed {str(sha)[:7]}: {message.splitlines()[0]}" + message_tag,
            markup=False,
            timeout=4,
        )
        unapproved = _unapproved_notice(app, path, str(sha))
        if unapproved:
            app.call_from_thread(
                app.notify,
                unapproved,
                title="Not approved",
                severity="warning",
                markup=False,
                timeout=8,
            )
        app.call_from_thread(_announce, screen, path)

    screen.run_worker(work, thread=True, group="git-commit", exit_on_error=False)


def _unapproved_notice(app: AjApp, path: Path, sha: str) -> str:
    """What to say when the commit changed what an approval approved (the header still
    names it, the content differs): "" otherwise."""
    try:
        revs = app.git.call(lambda h: h.revisions(str(path)))
    except GitError:  # the commit itself went well
        return ""
    newest = next((r for r in revs if not r.is_draft), None)
    if newest is None or not newest.changed_after or newest.head is None:
        return ""
    if not newest.head.sha.startswith(sha[:7]):
        return ""
    return (
        f"This commit changes what {newest.changed_after} approved: it is an "
        "unapproved change (kinnitamata) until a new approval (a)."
    )


def change_summary(app: AjApp, path: Path, since_approval: bool = False) -> Text:
    """What a commit (or an approval) of `path` takes in, for its dialog: the file and the
    structural diff's summary line of its working copy against the last commit — or,
    `since_approval`, against the last approved revision. From a thread worker (git)."""
    from ajtui.base.errors import AjError
    from ajtui.base.safetext import safe_line
    from ajtui.ops.diff import diff_texts

    name = app.workspace.name_of(path)

    def ask(h: Any) -> tuple[str, str, str]:
        new = h.draft_text(path)
        if since_approval:
            rev = h.last_approved(path)
            if rev is not None:
                return h.revision_text(rev, path), new, f"since {rev.label}"
            return "", new, "first approval"
        try:
            return h.text_at(path, "HEAD"), new, "since the last commit"
        except Exception:  # not in HEAD: a new file (git's words are for the log)
            return "", new, "a new file"

    out = Text()
    out.append(safe_line(name), style="bold")
    try:
        old, new, since = app.git.call(ask)
        summary = diff_texts(old, new, name, name).summary_line()
    except (GitError, AjError) as e:
        out.append(f": no summary ({safe_line(str(e))})")
        return out
    out.append(f" ({safe_line(since)}): ")
    out.append(safe_line(summary))
    return out


def _then_with_changes(screen: AjScreen[Any], path: Path, since_approval: bool, then: Any) -> None:
    """`then(summary)` on the UI thread once `change_summary` is known."""
    app = screen.aj_app

    def work() -> None:
        summary = change_summary(app, path, since_approval)
        app.call_from_thread(then, summary)

    screen.run_worker(work, thread=True, group="git-summary", exit_on_error=False)


def commit_file(screen: AjScreen[Any], path: Path) -> None:
    from ajtui.tui.dialogs import InputDialog

    if _git_unavailable(screen) or _unsaved_elsewhere(screen, path):
        return
    name = screen.aj_app.workspace.name_of(path)

    def answered(message: str | None) -> None:
        if message:
            _commit(screen, path, message)

    def ask(summary: Text) -> None:
        body = Text("Commits ") + summary + Text(f"\nCommit {name} with this message:")
        screen.app.push_screen(
            InputDialog(
                "Commit", body, f"{_title_of(path)}: ", placeholder="what changed, and why"
            ),
            answered,
        )

    _then_with_changes(screen, path, False, ask)


def approve_file(screen: AjScreen[Any], path: Path) -> None:
    """Ask for the new directive, write it into the header, commit."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import load
    from ajtui.tui.dialogs import ApproveDialog

    if _git_unavailable(screen) or _unsaved_elsewhere(screen, path):
        return
    try:
        doc = load(path)
    except AjError as e:
        screen.aj_app.notify_error(e.one_line(), "Cannot approve an invalid file")
        return
    if doc.conflicts:
        screen.aj_app.notify_error(
            f"{screen.aj_app.workspace.name_of(path)} has merge conflicts: resolve them first "
            "(enter on it in the library).",
            "Cannot approve",
        )
        return
    appr = doc.approval
    title = f"{doc.general.title or path.stem} ({screen.aj_app.workspace.name_of(path)})"

    def answered(answer: tuple[str, str, str] | None) -> None:
        if not answer:
            return
        number, date, annex = answer
        from ajtui.base.reading import MAX_FILE_BYTES
        from ajtui.base.writing import APP_LOCK_TIMEOUT, update
        from ajtui.format.vocabulary import directive_label
        from ajtui.tui.editing import set_approval

        def approve(text: str | None) -> str | None:
            # without `create`, update always hands over the file's text
            return None if text is None else set_approval(text, number, date, annex)

        try:
            update(path, approve, limit=MAX_FILE_BYTES, timeout=APP_LOCK_TIMEOUT)
        except (AjError, OSError, ValueError) as e:
            screen.aj_app.notify_error(str(e), "Not approved")
            return
        label = directive_label(number, date, annex)
        message = f"Kinnitatud: {one_line_title(doc)} — {label}"
        _commit(screen, path, message, (number, date))

    def ask(summary: Text) -> None:
        screen.app.push_screen(
            ApproveDialog(
                title,
                annex=(appr.annex or "") if appr else "",
                changes=Text("Approves ") + summary,
            ),
            answered,
        )

    _then_with_changes(screen, path, True, ask)


def one_line_title(doc: Document) -> str:
    from ajtui.store.workspace import one_line

    return one_line(doc.general.title) or "ametijuhend"
