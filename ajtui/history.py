"""A description's history from git, grouped by approval — the only module that runs git.

    with History("descriptions") as h:
        for rev in h.revisions("descriptions/koordinaator.aj"):
            print(rev.label, [c.short for c in rev.commits])

The commits that touched a file (renames followed) come from one `git log --follow`; the
contents of every version from ONE persistent `git cat-file --batch` (GitPython's
`get_object_data`), cached by blob id; each version is checked piece by piece
(ajtui.versions) so that a long history costs little more than git's own log. Consecutive
commits with the same approval (directive number and date, or contract annex) form a
*revision*; uncommitted edits are the *draft* on top. A version that does not parse is
listed and marked (`Commit.error`), never skipped.

Only plain dataclasses leave this module: no GitPython type crosses the layer.
GitPython keeps processes open: one `Repo` per History, closed by `close()` (or `with`).
Calls are serialised by a lock; call from a worker thread, never a UI thread.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .versions import VersionChecker, VersionInfo

DRAFT_LABEL = "mustand"
DELETED_LABEL = "kustutatud"
UNAPPROVED_LABEL = "kinnitamata"
UNREADABLE_LABEL = "vigane versioon"

# the log format: record separator, fields separated by \x1f, the message last
_FMT = "%x1e%H%x1f%h%x1f%P%x1f%aI%x1f%an%x1f%ae%x1f%B%x1f%x1f"
_NULL_SHA = "0" * 40


class HistoryError(Exception):
    """Git could not answer (a clear one-line message)."""


class NotARepository(HistoryError):
    """The folder is not inside a git repository (or git is not installed)."""


# --- plain results ------------------------------------------------------------------------------


@dataclass
class Commit:
    sha: str
    short: str
    date: _dt.datetime  # author date, timezone-aware
    author: str
    message: str
    path: str  # the file's path (relative to the repository) at this commit
    approval_label: str | None  # "käskkiri nr 95 (11.06.2023)"; None when unreadable
    approval_key: tuple | None  # what groups commits into a revision
    error: str | None  # why this version does not parse; None when it does
    email: str = ""
    parents: list[str] = field(default_factory=list)
    blob: str | None = None  # None for a commit that deleted the file
    status: str = "M"  # A added, M modified, R renamed, D deleted, C copied, T type
    title: str | None = None  # ametinimetus; read for the newest commit of each revision
    annex: str | None = None  # lisa (annex number) of this version
    approval_kind: str | None = None

    @property
    def deleted(self) -> bool:
        return self.blob is None

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


@dataclass
class Revision:
    key: tuple
    label: str  # "käskkiri nr 95 (11.06.2023)", "mustand" for the draft
    commits: list[Commit]  # newest first; empty for the draft
    is_draft: bool = False
    number: str | None = None
    date_text: str | None = None
    error: bool = False  # some version in it does not parse
    kind: str | None = None  # approval kind: käskkirjaga | töölepingu lisana | …
    annex: str | None = None
    deleted: bool = False  # the file was deleted (or is missing from the working copy)
    title: str | None = None
    path: str | None = None  # the file's path at the newest commit (or the working copy)
    draft_error: str | None = None  # the draft's parse error

    @property
    def head(self) -> Commit | None:
        return self.commits[0] if self.commits else None

    @property
    def approved(self) -> bool:
        """Approved by a directive (with a number or a date) or as a contract annex."""
        if self.deleted or self.is_draft:
            return False
        if self.kind == m.CONTRACT_ANNEX:
            return True
        return self.kind == m.DIRECTIVE and bool(self.number or self.date_text)

    @property
    def authors(self) -> list[str]:
        seen: list[str] = []
        for c in self.commits:
            if c.author not in seen:
                seen.append(c.author)
        return seen


@dataclass
class DirectiveEntry:
    path: str  # the description's latest path
    revision: Revision
    previous: Revision | None  # the previous approved revision of that description


@dataclass
class Directive:
    number: str
    date_text: str
    label: str
    entries: list[DirectiveEntry]

    @property
    def date(self) -> _dt.date | None:
        return m.parse_date(self.date_text)


# --- helpers ------------------------------------------------------------------------------------


def blob_id(data: bytes) -> str:
    """git's object id of a blob with this content (no git process needed)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def revision_label(kind: str | None, number: str | None, date_text: str | None) -> str:
    if kind == m.CONTRACT_ANNEX:
        return "töölepingu lisa" + (f" ({date_text})" if date_text else "")
    if kind == m.DIRECTIVE or number:
        parts = []
        if number:
            parts.append(f"käskkiri nr {number}")
        if date_text:
            parts.append(f"({date_text})" if parts else f"käskkiri {date_text}")
        return " ".join(parts) or "käskkirjaga"
    return kind or UNAPPROVED_LABEL


def _approval_fields(info: VersionInfo) -> tuple[tuple | None, str | None, dict]:
    """(key, label, details) for a version (worked out once per version)."""
    found = info.memo.get("approval")
    if found is None:
        found = info.memo["approval"] = _approval_fields_of(info)
    return found


def _approval_fields_of(info: VersionInfo) -> tuple[tuple | None, str | None, dict]:
    appr = info.approval_view
    if appr is None:
        if info.error:
            return None, None, {}
        return ("", "", ""), UNAPPROVED_LABEL, {}
    key = appr.key()
    details = {"kind": appr.kind, "number": (appr.number or "").strip() or None,
               "date_text": (appr.date_text or "").strip() or None, "annex": appr.annex}
    return key, revision_label(appr.kind, details["number"], details["date_text"]), details


def _parse_log(out: str, short: int = 7) -> list[dict]:
    """Records of `git log -z --raw --no-abbrev --format=_FMT`: commit fields and the raw
    diff entries [(status, blob after, path before, path after)]. (--no-abbrev makes %h
    full length too, so the short sha is cut here to `short` characters.)"""
    records = []
    for rec in out.split("\x1e"):
        if not rec.strip("\0\n"):
            continue
        end = rec.rfind("\x1f\x1f")
        if end < 0:
            continue
        head, raw = rec[:end], rec[end + 2:]
        fields = head.split("\x1f", 6)
        if len(fields) < 7:
            continue
        sha, _h, parents, date, author, email, message = fields
        entries = []
        tokens = raw.strip("\n").lstrip("\0\n").split("\0")
        k = 0
        while k < len(tokens):
            meta = tokens[k].lstrip("\n")
            k += 1
            if not meta.startswith(":"):
                continue
            combined = meta.startswith("::")
            parts = meta.lstrip(":").split()
            status = parts[-1] if parts else "M"
            blob = parts[-2] if len(parts) >= 2 else _NULL_SHA
            if not combined and status[:1] in ("R", "C") and k + 1 < len(tokens):
                before, after = tokens[k], tokens[k + 1]
                k += 2
            elif k < len(tokens):
                before = after = tokens[k]
                k += 1
            else:
                break
            st = status[:1] if not combined else ("D" if blob == _NULL_SHA else "M")
            entries.append((st, None if blob == _NULL_SHA else blob, before, after))
        records.append({"sha": sha, "short": sha[:short], "parents": parents.split(),
                        "date": date, "author": author, "email": email,
                        "message": message.strip("\n"), "entries": entries})
    return records


def _date(text: str) -> _dt.datetime:
    try:
        return _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return _dt.datetime.fromtimestamp(0, _dt.timezone.utc)


# --- the history ---------------------------------------------------------------------------------


class History:
    """The git history of the .aj files in one repository."""

    def __init__(self, path: str | os.PathLike = ".") -> None:
        os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")  # no git: our message, not theirs
        try:
            import git
        except ImportError as e:  # pragma: no cover - GitPython is a dependency
            raise NotARepository(f"GitPython is not available: {e}") from None
        start = Path(path)
        folder = start if start.is_dir() else start.parent
        named = str(path) if str(path) not in ("", ".") else str(Path.cwd())
        try:
            self._repo = git.Repo(folder, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepository(f"{named}: not inside a git repository") from None
        except git.GitCommandNotFound:
            raise NotARepository("git is not installed (history needs the git command)") \
                from None
        if self._repo.bare or self._repo.working_tree_dir is None:
            self._repo.close()
            raise NotARepository(f"{named}: a bare git repository has no working copy")
        try:
            self._repo.git.version()
        except git.GitCommandNotFound:
            self._repo.close()
            raise NotARepository("git is not installed (history needs the git command)") \
                from None
        self.root = Path(self._repo.working_tree_dir).resolve()
        self._lock = threading.RLock()
        self._checker = VersionChecker()
        self._texts: dict[str, bytes] = {}  # blob id -> content
        self._text_bytes = 0
        self._logs: dict[str, list[Commit]] = {}
        self._closed = False
        self._short: int | None = None
        self._stream: _BlobStream | None = None
        self._git_error = git.GitCommandError
        self._exe = git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"

    # --- lifetime ---
    def close(self) -> None:
        """Stop git's persistent processes and release the repository."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._repo.git.clear_cache()
            finally:
                self._repo.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:
            pass

    # --- paths ---
    def relpath(self, file: str | os.PathLike) -> str:
        """The file's path relative to the repository root, with '/' separators."""
        p = Path(file)
        if not p.is_absolute():
            p = Path.cwd() / p
        try:
            rel = Path(os.path.abspath(p)).relative_to(self.root)
        except ValueError:
            try:
                rel = p.resolve().relative_to(self.root)
            except ValueError:
                raise HistoryError(f"{file}: outside the repository at {self.root}") from None
        return rel.as_posix()

    def _file(self, file: str | os.PathLike) -> str:
        """relpath() of a file; a folder is refused with a clear message."""
        rel = self.relpath(file)
        if (self.root / rel).is_dir():
            raise HistoryError(f"{file}: a folder, not a description file (`aj log` with no "
                               "file lists the directives)")
        return rel

    def _git(self, *args: str) -> str:
        env = {"GIT_LITERAL_PATHSPECS": "1"}
        try:
            return self._repo.git.execute([self._exe, *args], env=env,
                                          strip_newline_in_stdout=False)
        except self._git_error as e:
            raise HistoryError(_git_message(e)) from None

    @property
    def is_shallow(self) -> bool:
        """History stops early (a shallow clone): the oldest commit listed may not be
        the file's first."""
        with self._lock:
            try:
                return self._git("rev-parse", "--is-shallow-repository").strip() == "true"
            except HistoryError:
                return False

    def _abbrev(self) -> int:
        """The length git itself abbreviates commit ids to in this repository."""
        if self._short is None:
            try:
                self._short = len(self._git("rev-parse", "--short", "HEAD").strip()) or 7
            except HistoryError:
                self._short = 7
        return self._short

    def _has_commits(self) -> bool:
        try:
            self._git("rev-parse", "--verify", "-q", "HEAD^{commit}")
            return True
        except HistoryError:
            return False

    # --- contents ---
    def _blob(self, blob: str) -> bytes:
        data = self._texts.get(blob)
        if data is None and self._stream is not None:
            data = self._stream.get(blob)
            if data is not None:
                self._keep(blob, data)
        if data is None:
            try:
                _sha, _type, _size, data = self._repo.git.get_object_data(blob)
            except (ValueError, self._git_error) as e:
                raise HistoryError(f"cannot read object {blob[:12]}: {e}") from None
            self._keep(blob, data)
        return data

    def _keep(self, blob: str, data: bytes) -> None:
        if self._text_bytes > 64_000_000:
            self._texts.clear()
            self._text_bytes = 0
        self._texts[blob] = data
        self._text_bytes += len(data)

    def _prefetch(self, blobs: list[str]) -> None:
        """Read many blobs through the one persistent `git cat-file --batch` (the process
        GitPython's get_object_data uses), many requests per round trip instead of one:
        on a busy machine each round trip costs a context switch or two."""
        need = [b for b in dict.fromkeys(blobs)
                if b not in self._texts and self._checker.known(b) is None]
        if len(need) < 2:
            return
        try:
            cmd = self._repo.git._get_persistent_cmd("cat_file_all", "cat_file", batch=True)
            for k in range(0, len(need), 500):  # 500 requests (20 kB) fit in a pipe buffer
                chunk = need[k:k + 500]
                cmd.stdin.write("".join(b + "\n" for b in chunk).encode("ascii"))
                cmd.stdin.flush()
                for b in chunk:
                    header = cmd.stdout.readline().split()
                    if len(header) != 3:  # "<sha> missing": read singly later, and fail
                        continue
                    data = cmd.stdout.read(int(header[2]))
                    cmd.stdout.read(1)  # the newline after the contents
                    self._keep(b, data)
        except (AttributeError, OSError, ValueError):
            # the process's stream may be out of step now: start a fresh one on next use
            self._repo.git.clear_cache()

    def _info(self, blob: str) -> VersionInfo:
        known = self._checker.known(blob)
        if known is not None:
            return known
        return self._checker.info(self._blob(blob), key=blob)

    # --- the log ---
    def commits(self, file: str | os.PathLike) -> list[Commit]:
        """Every commit that touched the file (renames followed), newest first, each with
        its version's approval and parse error."""
        rel = self._file(file)
        with self._lock:
            return list(self._commits(rel))

    def _commits(self, rel: str) -> list[Commit]:
        if rel in self._logs:
            return self._logs[rel]
        if not self._has_commits():
            return []
        args = ["log", "--follow", "-z", "--raw", "--no-abbrev", "-c", f"--format={_FMT}",
                "--", rel]
        picked: list[tuple[dict, tuple]] = []
        commits: list[Commit] = []
        abbrev = self._abbrev()
        stream = _BlobStream(self)
        self._stream = stream

        def check(block: bool) -> None:
            """Check the next versions in order, as far as their contents have come."""
            while len(commits) < len(picked):
                rec, (status, blob, _before, after) = picked[len(commits)]
                if not block and blob is not None and not stream.ready(blob):
                    return
                commits.append(self._commit(rec, status, blob, after))

        try:
            # git log's records are read as they come, each version's blob is asked of
            # cat-file at once, and versions are checked as their contents arrive: git log,
            # cat-file and the checks overlap
            for chunk in self._git_stream(*args):
                wanted = []
                for rec in _parse_log(chunk, abbrev):
                    entry = _pick(rec["entries"], rel, picked)
                    if entry is not None:
                        picked.append((rec, entry))
                        if entry[1] is not None:
                            wanted.append(entry[1])
                stream.request(wanted)
                check(block=False)
            stream.finish()
            check(block=True)
        finally:
            self._stream = None
            stream.close()
        self._titles(commits)
        self._logs[rel] = commits
        return commits

    def _git_stream(self, *args: str):
        """git's output in pieces of whole \x1e-separated records, as it comes."""
        proc = self._repo.git.execute([self._exe, *args], as_process=True,
                                      env={"GIT_LITERAL_PATHSPECS": "1"})
        pending = b""
        try:
            out = proc.proc.stdout
            while True:
                data = out.read1(65536)
                if not data:
                    break
                pending += data
                cut = pending.rfind(b"\x1e")
                if cut > 0:
                    yield pending[:cut].decode("utf-8", "surrogateescape")
                    pending = pending[cut:]
            if pending:
                yield pending.decode("utf-8", "surrogateescape")
            err = proc.proc.stderr.read().decode("utf-8", "replace")
            if proc.proc.wait() != 0:
                lines = [ln for ln in err.splitlines() if ln.strip()]
                msg = lines[-1] if lines else f"git {args[0]} failed"
                raise HistoryError(msg.removeprefix("fatal: ").removeprefix("error: "))
        finally:
            try:
                proc.proc.stdout.close()
                proc.proc.stderr.close()
            except OSError:
                pass
            proc.proc.wait()

    def _titles(self, commits: list[Commit]) -> None:
        """The title of the newest commit of each run of one approval (a revision's head):
        the only ones shown, so the only ones read."""
        prev = None
        for c in commits:
            if c.approval_key != prev and c.blob is not None and c.title is None:
                c.title = self._checker.title(self._blob(c.blob))
            prev = c.approval_key

    def _commit(self, rec: dict, status: str, blob: str | None, path: str) -> Commit:
        if blob is None:
            key, label, details, info = ("deleted",), DELETED_LABEL, {}, None
        else:
            info = self._info(blob)
            key, label, details = _approval_fields(info)
        return Commit(
            sha=rec["sha"], short=rec["short"], date=_date(rec["date"]),
            author=rec["author"], message=rec["message"], path=path,
            approval_label=label, approval_key=key,
            error=info.error if info is not None else None, email=rec["email"],
            parents=rec["parents"], blob=blob, status=status,
            title=None,
            annex=details.get("annex"), approval_kind=details.get("kind"))

    def revisions(self, file: str | os.PathLike) -> list[Revision]:
        """The file's revisions, newest first: the draft first when the working copy
        differs from the last commit, then consecutive commits grouped by approval."""
        rel = self._file(file)
        with self._lock:
            commits = self._commits(rel)
            revs = group(commits)
            draft = self._draft(rel, commits)
        if draft is None and not revs:
            raise HistoryError(f"{rel}: not in the repository's history and not on disk")
        return ([draft] if draft is not None else []) + revs

    def _draft(self, rel: str, commits: list[Commit]) -> Revision | None:
        wc = self.root / rel
        newest = commits[0] if commits else None
        if not wc.is_file():
            if newest is not None and not newest.deleted:
                return Revision(("draft",), DRAFT_LABEL, [], is_draft=True, deleted=True,
                                path=rel)
            return None
        try:
            data = wc.read_bytes()
        except OSError:
            return None
        bid = blob_id(data)
        if newest is not None and newest.blob == bid:
            return None
        info = self._checker.info(data, key=bid)
        _key, _label, details = _approval_fields(info)
        return Revision(("draft",), DRAFT_LABEL, [], is_draft=True,
                        number=details.get("number"), date_text=details.get("date_text"),
                        error=info.error is not None, kind=details.get("kind"),
                        annex=details.get("annex"), title=self._checker.title(data),
                        path=rel,
                        draft_error=info.error)

    def last_approved(self, file: str | os.PathLike) -> Revision | None:
        """The newest committed revision approved by a directive or as a contract annex."""
        for rev in self.revisions(file):
            if rev.approved:
                return rev
        return None

    # --- texts ---
    def text_at(self, file: str | os.PathLike, sha: str) -> str:
        """The file's text at a commit (any revision name git understands), following
        renames. Through the one persistent cat-file process, cached by blob id."""
        rel = self._file(file)
        with self._lock:
            blob = self._blob_at(rel, sha)
            return self._blob(blob).decode("utf-8", "replace")

    def _blob_at(self, rel: str, rev: str) -> str:
        commits = self._commits(rel)
        for c in commits:
            if c.sha == rev or (len(rev) >= 4 and c.sha.startswith(rev)):
                if c.blob is None:
                    raise HistoryError(f"{rel} was deleted in commit {c.short}")
                return c.blob
        try:
            target = self._git("rev-parse", "--verify", "-q", f"{rev}^{{commit}}").strip()
        except HistoryError:
            raise HistoryError(f"unknown revision '{rev}'") from None
        for c in commits:
            if c.sha == target:
                if c.blob is None:
                    raise HistoryError(f"{rel} was deleted in commit {c.short}")
                return c.blob
        # the revision is not one that touched the file: the file as it stood there,
        # under whichever name it had
        names = [rel] + [c.path for c in commits if c.path != rel]
        for name in dict.fromkeys(names):
            try:
                out = self._git("rev-parse", "--verify", "-q", f"{target}:{name}").strip()
            except HistoryError:
                continue
            if out:
                return out
        raise HistoryError(f"{rel} does not exist at revision '{rev}'")

    def draft_text(self, file: str | os.PathLike) -> str:
        """The working copy's text (AjFileError/AjSyntaxError when unreadable)."""
        from .parser import read_text

        return read_text(str(self.root / self.relpath(file)))

    def revision_text(self, rev: Revision, file: str | os.PathLike | None = None) -> str:
        """The text of a revision: its newest commit, or the working copy for the draft;
        empty for a deleted file."""
        if rev.is_draft:
            if rev.deleted:
                return ""
            return self.draft_text(file if file is not None else self.root / (rev.path or ""))
        head = rev.head
        if head is None or head.blob is None:
            return ""
        with self._lock:
            return self._blob(head.blob).decode("utf-8", "replace")

    # --- directives ---
    def directives(self) -> list[Directive]:
        """Every directive in the repository's history (of HEAD), newest first, with the
        descriptions it approved and each one's previous approved revision."""
        with self._lock:
            files = self._all_files()
        found: dict[tuple, Directive] = {}
        for latest, revs in files:
            for n, rev in enumerate(revs):
                if rev.kind != m.DIRECTIVE or not rev.approved:
                    continue
                key = ((rev.number or "").strip(), (rev.date_text or "").strip())
                d = found.get(key)
                if d is None:
                    d = found[key] = Directive(key[0], key[1],
                                               revision_label(m.DIRECTIVE, *key), [])
                prev = next((r for r in revs[n + 1:] if r.approved), None)
                d.entries.append(DirectiveEntry(latest, rev, prev))
        for d in found.values():
            d.entries.sort(key=lambda e: (_annex_order(e.revision.annex), e.path))
        return sorted(found.values(), key=_directive_order, reverse=True)

    def _all_files(self) -> list[tuple[str, list[Revision]]]:
        """Every .aj file in the history, by identity (renames followed), with its
        revisions: one `git log` over the whole history."""
        if not self._has_commits():
            return []
        out = self._git("log", "--reverse", "-z", "--raw", "--no-abbrev", "-M", "-c",
                        f"--format={_FMT}")
        current: dict[str, int] = {}  # path -> identity
        history: list[list[tuple[dict, str, str | None, str]]] = []
        for rec in _parse_log(out, self._abbrev()):
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
        result = []
        for entries in history:  # one description at a time: memory stays bounded
            self._prefetch([blob for _, _, blob, _ in entries if blob is not None])
            commits = [self._commit(rec, st, blob, path)
                       for rec, st, blob, path in reversed(entries)]
            self._titles(commits)
            result.append((commits[0].path, group(commits)))
        return result

    # --- configuration ---
    def get_config(self, name: str) -> str | None:
        """A value from the repository's git config (any level), or None."""
        with self._lock:
            try:
                return self._git("config", "--get", name).strip()
            except HistoryError:
                return None

    def set_config(self, name: str, value: str) -> None:
        """Set a value in this repository's own config (.git/config)."""
        with self._lock:
            self._git("config", "--local", name, value)

    # --- the working copy ---
    def status(self) -> dict[str, str]:
        """Every .aj file in the working copy or the index: relpath -> clean | modified |
        untracked | added | deleted."""
        with self._lock:
            tracked = self._git("ls-files", "-z").split("\0")
            out = self._git("status", "--porcelain=v1", "-z", "--untracked-files=all")
        result = {p: "clean" for p in tracked if p.endswith(".aj")}
        tokens = out.split("\0")
        k = 0
        while k < len(tokens):
            entry = tokens[k]
            k += 1
            if len(entry) < 4:
                continue
            xy, path = entry[:2], entry[3:]
            if xy[0] in "RC":
                k += 1  # the old path follows
            if not path.endswith(".aj"):
                continue
            if xy == "??":
                result[path] = "untracked"
            elif "D" in xy:
                result[path] = "deleted"
            elif xy[0] in "AR" or xy[0] == "C":
                result[path] = "added"
            else:
                result[path] = "modified"
        return dict(sorted(result.items()))

    def commit(self, files: list[str | os.PathLike], message: str) -> str:
        """Commit exactly these files (new, changed or deleted) with `message`; the new
        commit's sha. Other staged changes stay staged and out of the commit."""
        if not message.strip():
            raise HistoryError("an empty commit message")
        rels = [self.relpath(f) for f in files]
        if not rels:
            raise HistoryError("no files to commit")
        with self._lock:
            self._git("add", "-A", "--", *rels)
            self._git("commit", "-q", "-m", message, "--", *rels)
            sha = self._git("rev-parse", "HEAD").strip()
            self._logs.clear()
        return sha


# --- reading blobs while git log runs ------------------------------------------------------------


class _BlobStream:
    """Blob requests to the one persistent `git cat-file --batch` (the process GitPython's
    get_object_data uses), answered by a reader thread while the caller goes on: the
    caller asks as git log's records arrive and takes each blob when it needs it. On any
    trouble the process is dropped (GitPython starts a fresh one on next use) and the
    caller reads the rest one by one."""

    def __init__(self, history: History) -> None:
        self._history = history
        self._order: queue.SimpleQueue = queue.SimpleQueue()
        self._got: dict[str, bytes | None] = {}
        self._asked: set[str] = set()
        self._cond = threading.Condition()
        self._done = False
        self._failed = False
        self._cmd = None
        self._thread: threading.Thread | None = None

    def request(self, blobs: list[str]) -> None:
        todo = [b for b in blobs if b not in self._asked and b not in self._history._texts
                and self._history._checker.known(b) is None]
        if not todo or self._failed:
            return
        try:
            if self._cmd is None:
                self._cmd = self._history._repo.git._get_persistent_cmd(
                    "cat_file_all", "cat_file", batch=True)
                self._thread = threading.Thread(target=self._read, name="ajtui-cat-file",
                                                daemon=True)
                self._thread.start()
            for b in todo:
                self._asked.add(b)
                self._order.put(b)
            self._cmd.stdin.write("".join(b + "\n" for b in todo).encode("ascii"))
            self._cmd.stdin.flush()
        except (AttributeError, OSError, ValueError):
            self._fail()

    def _read(self) -> None:
        out = self._cmd.stdout
        try:
            while True:
                b = self._order.get()
                if b is None:
                    break
                header = out.readline().split()
                if not header:
                    raise OSError("cat-file ended")
                data = None
                if len(header) == 3:
                    data = out.read(int(header[2]))
                    out.read(1)  # the newline after the contents
                with self._cond:
                    self._got[b] = data
                    self._cond.notify_all()
        except (OSError, ValueError):
            self._failed = True
        with self._cond:
            self._done = True
            self._cond.notify_all()

    def finish(self) -> None:
        """No more requests."""
        self._order.put(None)

    def ready(self, blob: str) -> bool:
        """Whether get(blob) would answer without waiting."""
        return blob not in self._asked or blob in self._got or self._done

    def get(self, blob: str) -> bytes | None:
        """The blob's bytes once read; None when it was not asked for, is missing, or the
        stream failed (read it singly then)."""
        if blob not in self._asked:
            return None
        with self._cond:
            while blob not in self._got and not self._done:
                self._cond.wait()
            return self._got.pop(blob, None)

    def _fail(self) -> None:
        self._failed = True
        self._order.put(None)

    def close(self) -> None:
        """Wait for the reader; drop the process if it is out of step."""
        self._order.put(None)
        if self._thread is not None:
            self._thread.join(timeout=30)
            if self._thread.is_alive() or self._failed:
                self._history._repo.git.clear_cache()
        elif self._failed:
            self._history._repo.git.clear_cache()


# --- grouping -------------------------------------------------------------------------------------


def group(commits: list[Commit]) -> list[Revision]:
    """Consecutive commits (newest first) with the same approval form one revision."""
    revs: list[Revision] = []
    for c in commits:
        key = c.approval_key if c.approval_key is not None else ("error",)
        if revs and revs[-1].key == key and not revs[-1].deleted:
            rev = revs[-1]
            rev.commits.append(c)
            rev.error = rev.error or c.error is not None
            continue
        if c.deleted:
            rev = Revision(key, DELETED_LABEL, [c], deleted=True, path=c.path)
        elif c.approval_key is None:
            rev = Revision(key, UNREADABLE_LABEL, [c], error=True, path=c.path)
        else:
            kind, number, date_text = c.approval_key
            rev = Revision(key, c.approval_label or UNAPPROVED_LABEL, [c],
                           number=number or None, date_text=date_text or None,
                           error=c.error is not None, kind=c.approval_kind or (kind or None),
                           annex=c.annex, title=c.title, path=c.path)
        revs.append(rev)
    return revs


def _pick(entries: list, rel: str, so_far: list):
    """The raw entry for the followed file in one log record: the one whose new path is
    the file's name at that point of the walk (its old name in the newer commit)."""
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    want = so_far[-1][1][2] if so_far else rel
    for e in entries:
        if e[3] == want:
            return e
    for e in entries:
        if e[2] == want:
            return e
    return entries[0]


def _annex_order(annex: str | None) -> tuple:
    if annex is None:
        return (1, 0, "")
    digits = "".join(ch for ch in annex if ch.isdigit())
    return (0, int(digits) if digits else 0, annex)


def _directive_order(d: Directive) -> tuple:
    date = d.date
    newest = max((c.date for e in d.entries for c in e.revision.commits), default=None)
    return (date or _dt.date.min, newest.timestamp() if newest else 0.0, d.number)


def _git_message(e) -> str:
    stderr = (getattr(e, "stderr", "") or "").strip()
    for prefix in ("stderr:", "'"):
        stderr = stderr.removeprefix(prefix).strip()
    stderr = stderr.strip("'").strip()
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    msg = lines[-1] if lines else str(e).splitlines()[0]
    return msg.removeprefix("fatal: ").removeprefix("error: ")
