"""The app's questions to the history layer, in one place. They run inside `AjApp.git()`
(a thread worker): they take a `History` and return plain values. Files are passed as
absolute paths; the history layer makes them relative to its repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DRAFT = "working copy (uncommitted)"


def revision_label(rev: Any) -> str:
    if rev is None:
        return "(did not exist)"
    if getattr(rev, "is_draft", False):
        return DRAFT
    return str(rev.label)


def revision_text(history: Any, path: Path, rev: Any) -> str | None:
    """The text of a revision (the working copy for the draft); None when there is none."""
    if rev is None:
        return None
    return history.revision_text(rev, str(path))


def commit_text(history: Any, path: Path, commit: Any) -> str:
    return history.text_at(str(path), commit.sha)


def _approved(rev: Any) -> bool:
    return bool(getattr(rev, "approved", not getattr(rev, "is_draft", False)))


def default_comparison(history: Any, path: Path) -> tuple[Any, Any] | str:
    """(old revision, new revision) for `d`: the working copy — or, when it is clean, the
    last revision — against the approved revision before it. A string says why not."""
    revisions = history.revisions(str(path))
    if not revisions:
        return "no history yet: the file was never committed"
    new = revisions[0]
    old = next((r for r in revisions[1:] if _approved(r)), None)
    if old is None:
        # nothing approved before: compare with the revision before, if any
        old = next((r for r in revisions[1:] if not getattr(r, "is_draft", False)), None)
    if old is None:
        if getattr(new, "is_draft", False):
            return "the file was never committed"
        return (
            f"only one revision ({revision_label(new)}): nothing earlier to compare "
            "with; h shows its history, k every directive"
        )
    return old, new
