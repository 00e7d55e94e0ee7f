"""One file's log: the commits that touched it, renames followed, each with what its
version says, and the draft on top — the walk behind History.revisions().

One `git log --follow` is read as it comes; the contents of versions not yet known are
asked of History's persistent cat-file as their ids arrive, and checked as they come
back, so git log, cat-file and the checks overlap. Then the commits that change an
approved text are marked and the heads of the revisions get their titles. What the
versions say (records, digests, the cache) stays with the History; the repository-wide
log is ajtui.store.approvals, which reuses commit_from, mark_changes and titles.
"""

from __future__ import annotations

import os

from ajtui.store.gitlog import LOG_FORMAT, LogReader, log_date, pick_entry
from ajtui.store.gitproc import (
    BlobStream,
    HistoryError,
    NoCommits,
    git_env,
    run_git,
    stderr_message,
)
from ajtui.store.revisions import (
    DELETED_LABEL,
    DRAFT_LABEL,
    Commit,
    Revision,
    approval_fields,
    approves,
    blob_id,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ajtui.store.history import History


def commits(h: History, rel: str) -> list[Commit]:
    """Every commit that touched the file at `rel` (renames followed), newest first;
    kept by the History until it commits."""
    if rel in h._logs:
        return h._logs[rel]
    args = [
        "log",
        "--follow",
        "-z",
        "--raw",
        "--no-abbrev",
        "-c",
        f"--format={LOG_FORMAT}",
        "--",
        rel,
    ]
    picked: list[tuple[dict, tuple]] = []
    commits: list[Commit] = []
    stream: BlobStream | None = None
    abbrev = h._short or 7

    def check(block: bool) -> None:
        """Check the next versions in order, as far as their contents have come."""
        while len(commits) < len(picked):
            rec, (status, blob, before, after) = picked[len(commits)]
            if not block and stream is not None and blob is not None and not stream.ready(blob):
                return
            commits.append(commit_from(h, rec, status, blob, after, rel))
            if status == "A" and before != after:
                commits[-1].copied_from = before

    try:
        # git log's records are read as they come; the blob of each version not in the
        # cache is asked of cat-file at once, and versions are checked as their
        # contents arrive: git log, cat-file and the checks overlap
        known = h._records
        reader = LogReader(abbrev)
        log = _log_stream(h, args)
        for chunk in log:
            if not known:
                h._learn(rel)  # while git log goes on
            wanted = []
            copied = False
            for rec in reader.feed(chunk) if chunk is not None else reader.end():
                entry = pick_entry(rec["entries"], rel, picked)
                if entry is not None and entry[0] == "C":
                    # a copy is where this file starts: what --follow finds before
                    # it is the history of the file it was copied from
                    entry = ("A", entry[1], entry[2], entry[3])
                    copied = True
                if entry is not None:
                    picked.append((rec, entry))
                    blob = entry[1]
                    if (
                        blob is not None
                        and blob not in known
                        and blob not in h._texts
                        and h._known(blob, rel) is None
                    ):
                        wanted.append(blob)
                if copied:
                    break
            if wanted:
                if stream is None:
                    stream = h._stream = BlobStream(h._cat)
                stream.request(wanted)
            check(block=False)
            if copied:
                log.close()  # git log stops here
                break
        if stream is not None:
            stream.finish()
        check(block=True)
    except NoCommits:
        commits = []
    finally:
        h._stream = None
        if stream is not None:
            stream.close()
    mark_changes(h, commits, rel)
    titles(h, commits, rel)
    h._logs[rel] = commits
    return commits


def _log_stream(h: History, args: list[str]):
    """git's output as it comes, in pieces cut after a NUL (see LogReader); None
    once git has finished."""
    try:
        proc = run_git(h._exe, args, cwd=h._root, env=git_env())
    except OSError as e:
        raise HistoryError(f"cannot run git: {e}") from None
    pending = b""
    finished = False
    try:
        out = proc.stdout
        while True:
            data = out.read1(65536)
            if not data:
                break
            pending += data
            cut = pending.rfind(b"\0") + 1
            if cut > 0:
                yield pending[:cut].decode("utf-8", "surrogateescape")
                pending = pending[cut:]
        if pending:
            yield pending.decode("utf-8", "surrogateescape")
        code, err = proc.finish()
        finished = True
        if code != 0:
            if not pending and not h._has_commits():
                raise NoCommits
            raise HistoryError(stderr_message(err) or f"git {args[0]} failed")
        yield None
    finally:
        if not finished:  # the caller stopped early
            proc.kill()
            proc.finish()


def commit_from(
    h: History, rec: dict, status: str, blob: str | None, path: str, scope: str
) -> Commit:
    """The Commit of one git log record's entry for the file (`blob` None: deleted there),
    with what its version says."""
    if blob is None:
        key, label, details, error = ("deleted",), DELETED_LABEL, {}, None
    else:
        version = h._records.get(blob) or h._version(blob, scope)
        # the versions under one approval share its fields (and their dict: read-only)
        same = (*version.approval, version.error is None)
        fields = h._fields.get(same)
        if fields is None:
            fields = h._fields[same] = approval_fields(version)
        key, label, details = fields
        error = version.error
    return Commit(
        sha=rec["sha"],
        short=rec["short"],
        date=log_date(rec["date"]),
        author=rec["author"],
        message=rec["message"],
        path=path,
        approval_label=label,
        approval_key=key,
        error=error,
        email=rec["email"],
        parents=rec["parents"],
        blob=blob,
        status=status,
        title=None,
        annex=details.get("annex"),
        approval_kind=details.get("kind"),
    )


def mark_changes(h: History, commits: list[Commit], scope: str) -> None:
    """Mark the commits (newest first) that change what an approval approved: under
    the same approval as the commit before, saying something else than the commit
    that first carried it (the approving commit). Layout alone (line breaks,
    comments) is no change; a version that does not parse is one, unless its bytes
    are the approved ones."""
    approving: Commit | None = None
    approved_blob = ""
    for c in reversed(commits):
        if c.blob is None or c.approval_key is None or not approves(c):
            approving = None
            continue
        if approving is None or approving.approval_key != c.approval_key:
            approving, approved_blob = c, c.blob
            # a copy's header came with it: that approval was of another file
            c.unapproved = c.copied_from is not None
            continue
        if c.blob == approved_blob or approving.copied_from is not None:
            c.unapproved = approving.unapproved
            continue
        mine = h._content(c.blob, scope)
        c.unapproved = not mine or mine != h._content(approved_blob, scope)


def titles(h: History, commits: list[Commit], scope: str) -> None:
    """The title of the newest commit of each run of one approval (a revision's head):
    the only ones shown, so the only ones read."""
    prev = None
    for c in commits:
        if c.approval_key != prev and c.blob is not None and c.title is None:
            rec = h._version(c.blob, scope, title=True)
            c.title = rec.title
        prev = c.approval_key


def draft(h: History, rel: str, commits: list[Commit]) -> Revision | None:
    """The working copy as a revision when it differs from the newest commit (or is
    gone, or unreadable); None when it is that commit or never existed."""
    wc = h._path(rel)
    newest = commits[0] if commits else None
    from ajtui.base.reading import ReadError, read_bytes

    if not os.path.lexists(wc):
        if newest is not None and not newest.deleted:
            return Revision(("draft",), DRAFT_LABEL, [], is_draft=True, deleted=True, path=rel)
        return None
    try:
        data = read_bytes(wc)  # a FIFO or a link to a device: refused at once
    except OSError as e:
        why = e.message if isinstance(e, ReadError) else (e.strerror or str(e))
        if os.path.islink(wc) and not os.path.exists(wc):
            why = "a symbolic link to nothing (its target is missing, or a loop)"
        return Revision(
            ("draft",), DRAFT_LABEL, [], is_draft=True, error=True, path=rel, unreadable=why
        )
    bid = blob_id(data)
    if newest is not None and newest.blob == bid:
        return None
    rec = h._version(bid, rel, title=True, data=data)
    _key, _label, details = approval_fields(rec)
    return Revision(
        ("draft",),
        DRAFT_LABEL,
        [],
        is_draft=True,
        number=details.get("number"),
        date_text=details.get("date_text"),
        error=rec.error is not None,
        kind=details.get("kind"),
        annex=details.get("annex"),
        title=rec.title,
        path=rel,
        draft_error=rec.error,
    )
