"""Approvals across a whole repository: every directive with the descriptions it approved,
what is in force on a day, the directive tags and whether the tagged text is the approved
one. Read from one `git log` over the whole history, through a History (its version cache
and its git processes).
"""

from __future__ import annotations

import datetime as _dt
import os

from ajtui.format.vocabulary import DIRECTIVE
from ajtui.store import filelog
from ajtui.store.gitlog import LOG_FORMAT, parse_log
from ajtui.store.gitproc import HistoryError, stderr_message
from ajtui.store.revisions import (
    Directive,
    DirectiveEntry,
    Revision,
    annex_order,
    approves,
    directive_order,
    directive_tag,
    group,
    revision_label,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ajtui.store.history import History


def directives(h: History) -> list[Directive]:
    """Every directive in the repository's history (of HEAD), newest first, with the
    descriptions it approved and each one's previous approved revision."""
    with h._lock:
        try:
            files = all_files(h)
        finally:
            h._cache.save()
    found: dict[tuple, Directive] = {}
    for latest, revs in files:
        for n, rev in enumerate(revs):
            if rev.kind != DIRECTIVE or not rev.approved:
                continue
            if any(r.key == rev.key for r in revs[n + 1 :]):
                continue  # approved text restored after a change: approved earlier
            key = ((rev.number or "").strip(), (rev.date_text or "").strip())
            d = found.get(key)
            if d is None:
                d = found[key] = Directive(key[0], key[1], revision_label(DIRECTIVE, *key), [])
            prev = next((r for r in revs[n + 1 :] if r.approved), None)
            before = next((r for r in revs[n + 1 :] if not r.deleted), None)
            d.entries.append(
                DirectiveEntry(latest, rev, prev, prev if prev is not None else before)
            )
    for d in found.values():
        d.entries.sort(key=lambda e: (annex_order(e.revision.annex), e.path))
    return sorted(found.values(), key=directive_order, reverse=True)


def unapproved(h: History) -> dict[str, Revision]:
    """The files (their latest paths) whose newest committed revision carries an
    approval's header without being approved by it: changed after the approval, or
    copied with another file's header. From the same history as directives()."""
    with h._lock:
        try:
            files = all_files(h)
        finally:
            h._cache.save()
    found = {}
    for latest, revs in files:
        newest = revs[0] if revs else None
        if newest is not None and (newest.changed_after or newest.copied_from):
            found[latest] = newest
    return found


def all_files(h: History) -> list[tuple[str, list[Revision]]]:
    """Every .aj file in the history, by identity (renames followed), with its
    revisions: one `git log` over the whole history."""
    if not h._has_commits():
        return []
    code, out, err = h._run(
        "log", "--reverse", "-z", "--raw", "--no-abbrev", "-M", "-c", f"--format={LOG_FORMAT}"
    )
    if code:
        raise HistoryError(stderr_message(err) or "git log failed")
    current: dict[str, int] = {}  # path -> identity
    history: list[list[tuple[dict, str, str | None, str]]] = []
    order: dict[str, int] = {}  # commit -> its place, oldest first
    for rec in parse_log(out, h._abbrev()):
        order[rec["sha"]] = len(order)
        for status, blob, before, after in rec["entries"]:
            if not (after.endswith(".aj") or before.endswith(".aj")):
                continue
            if status == "R" and before in current:
                ident = current.pop(before)
            elif after in current:
                ident = current[after]
            else:
                ident = len(history)
                history.append([])
            current[after] = ident
            history[ident].append((rec, status, blob, after))
    files = []
    first_seen: dict[tuple | None, int] = {}  # an approval -> the first commit carrying it
    for entries in history:  # one description at a time
        scope = entries[-1][3]  # its latest path, as `aj log FILE` names it
        h._prefetch([blob for _, _, blob, _ in entries if blob is not None], scope)
        commits = [
            filelog.commit_from(h, rec, st, blob, path, scope)
            for rec, st, blob, path in reversed(entries)
        ]
        for c in commits:
            if approves(c):
                at = order[c.sha]
                if at < first_seen.get(c.approval_key, at + 1):
                    first_seen[c.approval_key] = at
        files.append((scope, commits))
    result = []
    for scope, commits in files:
        first = commits[-1]
        if (
            first.status == "A"
            and approves(first)
            and first_seen.get(first.approval_key, order[first.sha]) < order[first.sha]
        ):
            # born under an approval given before it existed: a copy? Asked as
            # `aj log FILE` asks it (copies are found by git log --follow)
            first.copied_from = copied_from(h, scope, first.sha)
        filelog.mark_changes(h, commits, scope)
        filelog.titles(h, commits, scope)
        result.append((commits[0].path, group(commits)))
    return result


def copied_from(h: History, rel: str, sha: str) -> str | None:
    """The file this one was copied from in commit `sha`, as its own log says."""
    try:
        commits = filelog.commits(h, rel)
    except HistoryError:
        return None
    return next((c.copied_from for c in commits if c.sha == sha), None)


def in_force_from(h: History, rev: Revision) -> _dt.date | None:
    """The day an approved revision came into force: its header's `jõustub:` date,
    else its approval date; None when neither is a date (or it is not approved)."""
    c = rev.approving
    if c is None or c.blob is None:
        return None
    from ajtui.base.dates import parse_date

    with h._lock:
        scope = rev.path or c.path
        written = h._cache.get_in_force(scope, c.blob)
        if written is None:
            written = entry_into_force(h, c.blob)
            h._cache.put_in_force(scope, c.blob, written)
            h._cache.save()
    return parse_date(written) or parse_date(rev.date_text)


def entry_into_force(h: History, blob: str) -> str:
    """The version's `jõustub:` as written, "" when it has none."""
    data = h._blob(blob)
    # without the letters of `jõustub` (any case, any spelling) there is no such field
    if b"ustub" not in data.lower():
        return ""
    sec = h._version_checker().info(data, key=blob).approval
    return (sec.value("jõustub") or "") if sec is not None else ""


def in_force_at(h: History, revs: list[Revision], day: _dt.date) -> Revision | None:
    for rev in revs:  # newest first
        if rev.is_draft or not rev.approved:
            continue
        start = in_force_from(h, rev)
        if start is not None and start <= day:
            return rev
    return None


def in_force_all(h: History, day: _dt.date) -> list[tuple[str, Revision | None]]:
    """Every description in the repository's history (latest path) and its revision
    in force on `day` (None: nothing yet), by path."""
    with h._lock:
        try:
            files = all_files(h)
        finally:
            h._cache.save()
    return sorted(
        ((latest, in_force_at(h, revs, day)) for latest, revs in files), key=lambda pair: pair[0]
    )


def tag_directive(h: History, number: str, date_text: str, sha: str, files: list[str]) -> str:
    """An annotated tag on `sha` for directive `number` (signed when the user has a
    signing key configured): `kaskkiri-N`, or `kaskkiri-N.2`, … when the directive
    already has one on another commit. Its name."""
    base = directive_tag(number)
    with h._lock:
        existing = read_tags(h)
        name, k = base, 1
        while name in existing:
            if existing[name] == sha:
                return name
            k += 1
            name = f"{base}.{k}"
        message = f"käskkiri nr {number} ({date_text})\n\n" + "".join(f"{f}\n" for f in files)
        sign = bool(h.get_config("user.signingkey"))
        h._git("tag", "-s" if sign else "-a", "-m", message, name, sha)
    return name


def directive_tags(h: History) -> dict[str, str]:
    """Every directive tag (kaskkiri-N, kaskkiri-N.k): name -> the commit it names."""
    with h._lock:
        return read_tags(h)


def may_have_tags(h: History) -> bool:
    """Whether the repository may hold a directive tag, looked up without a git
    process where the repository is a plain folder (`aj log` stays one process when
    there is none): false only when neither refs/tags nor packed-refs names one."""
    git_dir = os.path.join(h._root, ".git")
    if not os.path.isdir(git_dir) or not os.path.isdir(os.path.join(git_dir, "refs")):
        return True  # a worktree, a submodule, GIT_DIR elsewhere: ask git
    try:
        with os.scandir(os.path.join(git_dir, "refs", "tags")) as found:
            if any(e.name.startswith("kaskkiri-") for e in found):
                return True
    except OSError:
        pass
    try:
        with open(os.path.join(git_dir, "packed-refs"), "rb") as fh:
            return b"refs/tags/kaskkiri-" in fh.read()
    except FileNotFoundError:
        return False
    except OSError:
        return True


def read_tags(h: History) -> dict[str, str]:
    code, out, _err = h._run(
        "for-each-ref",
        "--format=%(refname:short)%00%(objectname)%00%(*objectname)",
        "refs/tags/kaskkiri-*",
    )
    found = {}
    for line in out.split("\n") if code == 0 else ():
        parts = line.split("\0")
        if len(parts) == 3:
            found[parts[0]] = parts[2] or parts[1]  # an annotated tag's commit
    return found


def tag_mismatches(h: History, revs: list[Revision]) -> dict[int, str]:
    """For approved revisions (by index) whose directive has a tag: what is wrong when
    the tagged commit's version of the file says something else than the approved
    text (edited after the approval, or history rewritten)."""
    wanted = [
        (i, r)
        for i, r in enumerate(revs)
        if r.approved and r.kind == DIRECTIVE and r.number and r.approving
    ]
    if not wanted:
        return {}
    out: dict[int, str] = {}
    with h._lock:
        tags = read_tags(h) if may_have_tags(h) else {}
        if not tags:
            return {}
        try:
            for i, r in wanted:
                base = directive_tag(r.number or "")
                names = [n for n in tags if n == base or n.startswith(base + ".")]
                if not names:
                    continue
                c = r.approving
                if c is None or c.blob is None:  # pragma: no cover - approved: a version
                    continue
                scope = r.path or c.path
                mine = h._content(c.blob, scope)
                found = False
                for name in names:
                    try:
                        blob = h._git(
                            "rev-parse", "--verify", "-q", f"{tags[name]}:{c.path}"
                        ).strip()
                    except HistoryError:
                        continue
                    found = True
                    if blob == c.blob or (mine and h._content(blob, scope) == mine):
                        break
                else:
                    out[i] = (
                        f"the approved text differs from tag {', '.join(names)}"
                        if found
                        else f"not in the commit tagged {', '.join(names)}"
                    )
        finally:
            h._cache.save()
    return out


def directive_tag_mismatches(h: History, directives: list[Directive]) -> dict[tuple[int, int], str]:
    """tag_mismatches for the whole repository: by (directive, entry) index in
    `directives` (as directives() gives them), what is wrong with that description's
    approved text against the directive's tag."""
    places = [(n, k) for n, d in enumerate(directives) for k in range(len(d.entries))]
    found = tag_mismatches(h, [directives[n].entries[k].revision for n, k in places])
    return {places[i]: problem for i, problem in found.items()}
