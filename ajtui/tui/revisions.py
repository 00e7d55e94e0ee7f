"""The app's questions to the history layer, in one place. Run inside `AjApp.git()` (a
thread worker): they take a `History` and return plain values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Side:
    """One side of a comparison: a label and the text (None: the file did not exist)."""

    label: str
    text: str | None


@dataclass
class Comparison:
    path: Path
    old: Side
    new: Side


def revision_sha(rev: Any) -> str | None:
    """The newest commit of a revision (its text is the revision's text)."""
    commits = list(getattr(rev, "commits", None) or [])
    if not commits:
        return None
    return commits[0].sha


def revision_label(rev: Any) -> str:
    if getattr(rev, "is_draft", False):
        return "working copy (draft)"
    return str(getattr(rev, "label", "") or getattr(rev, "key", "") or "revision")


def revision_text(history: Any, rel: str, rev: Any) -> str | None:
    if rev is None:
        return None
    if getattr(rev, "is_draft", False):
        return history.draft_text(rel)
    sha = revision_sha(rev)
    if sha is None:
        return None
    commit = rev.commits[0]
    return history.text_at(getattr(commit, "path", None) or rel, sha)


def commit_text(history: Any, rel: str, commit: Any) -> str | None:
    return history.text_at(getattr(commit, "path", None) or rel, commit.sha)


def default_comparison(history: Any, rel: str) -> tuple[Any, Any] | str:
    """(old revision, new revision) for `d`: the working copy — or, when it is clean, the
    last revision — against the approved revision before it. A string says why not."""
    revisions = history.revisions(rel)
    if not revisions:
        return "no history yet: the file was never committed"
    new = revisions[0]
    rest = [r for r in revisions[1:] if not getattr(r, "is_draft", False)]
    if not rest:
        if getattr(new, "is_draft", False):
            return "the file was never committed"
        return f"only one revision ({revision_label(new)}): nothing earlier to compare with"
    return rest[0], new
