"""A description's history from git, grouped by approval: the History API.

    with History("descriptions") as h:
        for rev in h.revisions("descriptions/koordinaator.aj"):
            print(rev.label, [c.short for c in rev.commits])

The commits that touched a file (renames followed) come from one `git log --follow`; what
each version says (approval, parse error, title) from the version cache
(ajtui.store.versioncache: by blob id, kept between runs), and for versions not in it, their
contents from ONE persistent `git cat-file --batch`, checked piece by piece
(ajtui.store.versions). So a second `aj log` runs two git processes and parses nothing: it
imports neither GitPython nor the parser. Consecutive commits with the same approval
(directive number and date, or contract annex) form a *revision*; uncommitted edits are the
*draft* on top. A version that does not parse is listed and marked (`Commit.error`), never
skipped.

The parts: git log's records are read by ajtui.store.gitlog; git processes, the one
cat-file and the errors live in ajtui.store.gitproc; the plain results (Commit, Revision,
Directive, …) and the grouping in ajtui.store.revisions; one file's log walk (its commits,
the changes to approved texts, the draft) in ajtui.store.filelog; what spans the whole
repository (directives, tags, what is in force) in ajtui.store.approvals. Both are reached
through History's methods and use its git processes and what it knows of each version. Only plain data classes leave: no GitPython type crosses the layer. GitPython
(commit, config, status, revision names) is loaded on first use. Processes stay open until
`close()` (or `with`). Calls are serialised by a lock; call from a worker thread, never a
UI thread.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from collections.abc import Sequence

from ajtui.base.bounded import BoundedDict
from ajtui.store import approvals, filelog
from ajtui.store.gitproc import (
    BlobStream,
    CatFile,
    HistoryError,
    NotARepository,
    git_env,
    git_message,
    run_git,
    stderr_message,
)
from ajtui.store.revisions import (
    BlameLine,
    Commit,
    Directive,
    Revision,
    VersionRecord,
    blob_id,
    group,
)
from ajtui.store.versioncache import VersionCache, valid

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib is imported when `root` is asked for, not by a cached `aj log`
    from pathlib import Path
    from typing import Any

    from ajtui.store.versions import VersionChecker


class History:
    """The git history of the .aj files in one repository."""

    def __init__(self, path: str | os.PathLike = ".", *, cache: bool = True) -> None:
        # os.path rather than pathlib, which a cached `aj log` need not import
        start = os.fspath(path) or "."
        folder = start if os.path.isdir(start) else os.path.dirname(start) or "."
        named = str(path) if str(path) not in ("", ".") else os.getcwd()
        self._exe = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
        if not os.path.isdir(folder):
            raise NotARepository(f"{named}: not inside a git repository")
        # one process says where the working copy is, whether it is shallow and how git
        # abbreviates commit ids here (the last fails, harmlessly, before the first commit)
        try:
            proc = run_git(
                self._exe,
                [
                    "rev-parse",
                    "--is-bare-repository",
                    "--is-shallow-repository",
                    "--show-toplevel",
                    "--short",
                    "HEAD",
                ],
                cwd=os.path.abspath(folder),
                env=git_env(),
            )
        except OSError:
            raise NotARepository("git is not installed (history needs the git command)") from None
        self._cache = VersionCache.open("", cache)  # while git answers
        out = proc.stdout.read()
        code, err = proc.finish()
        # split at "\n" only: the top folder's name may hold any other line separator, and
        # "\n" too — it is whatever lies between the two flags and the short id, which
        # git prints only when HEAD exists (then it exits 0)
        lines = out.decode("utf-8", "surrogateescape").split("\n")
        if lines[-1:] == [""]:
            lines.pop()
        if lines[:1] == ["true"]:
            raise NotARepository(f"{named}: a bare git repository has no working copy")
        if len(lines) < 3:
            msg = stderr_message(err)
            if not msg or "not a git repository" in msg:
                raise NotARepository(f"{named}: not inside a git repository") from None
            if "work tree" in msg:
                raise NotARepository(f"{named}: not in a git repository's working copy")
            raise NotARepository(f"{named}: {msg}")
        short = lines.pop() if code == 0 and len(lines) > 3 else ""
        self._root = os.path.realpath("\n".join(lines[2:]))
        self._shallow = lines[1] == "true"
        self._short: int | None = len(short) if short else None
        self._lock = threading.RLock()
        self._checker: VersionChecker | None = None  # made when a version is parsed
        self._cache.root = self._root
        self._records: dict[str, VersionRecord] = {}  # blob id -> what it says
        self._fields: dict[tuple, tuple] = {}  # a record's approval -> approval_fields()
        #: id(approval section) -> (it, its record)
        self._approvals = BoundedDict(4096)
        self._texts = BoundedDict(64_000_000, weigh=_blob_size)  # blob id -> content
        self._digests: dict[str, str] = {}  # blob id -> what it says (see _content)
        self._logs: dict[str, list[Commit]] = {}  # relpath -> filelog.commits()
        self._closed = False
        self._stream: BlobStream | None = None  # the blobs a log walk has asked for
        self._cat = CatFile(self._exe, self._root)
        self._git_repo: Any = None  # GitPython's Repo, made on first use

    # --- lifetime ---
    def close(self) -> None:
        """Stop git's persistent processes and release the repository."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._cat.close()
            finally:
                repo, self._git_repo = self._git_repo, None
                if repo is not None:
                    try:
                        repo.git.clear_cache()
                    finally:
                        repo.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:
            pass

    @property
    def _repo(self):
        """GitPython's Repo, made on first use (a cached `aj log` never needs it)."""
        if self._git_repo is None:
            os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")  # no git: our message
            try:
                import git
            except ImportError as e:  # pragma: no cover - GitPython is a dependency
                raise HistoryError(f"GitPython is not available: {e}") from None
            try:
                self._git_repo = git.Repo(self.root)
            except (git.InvalidGitRepositoryError, git.NoSuchPathError):
                raise NotARepository(f"{self.root}: not inside a git repository") from None
            except git.GitCommandNotFound:
                raise NotARepository(
                    "git is not installed (history needs the git command)"
                ) from None
        return self._git_repo

    # --- paths ---
    @property
    def root(self) -> Path:
        """The working copy's top folder (symbolic links resolved)."""
        from pathlib import Path

        return Path(self._root)

    def relpath(self, file: str | os.PathLike) -> str:
        """The file's path relative to the repository root, with '/' separators."""
        path = os.fspath(file)
        rel = _inside(os.path.abspath(path), self._root)
        if rel is None:
            rel = _inside(os.path.realpath(path), self._root)
        if rel is None:
            raise HistoryError(f"{file}: outside the repository at {self._root}")
        return rel

    def _path(self, rel: str) -> str:
        return os.path.join(self._root, *rel.split("/"))

    def _file(self, file: str | os.PathLike) -> str:
        """relpath() of a file; a folder is refused with a clear message."""
        rel = self.relpath(file)
        if os.path.isdir(self._path(rel)):
            raise HistoryError(
                f"{file}: a folder, not a description file (`aj log` with no "
                "file lists the directives)"
            )
        return rel

    def _git(self, *args: str) -> str:
        import git

        env = {"GIT_LITERAL_PATHSPECS": "1"}
        try:
            return self._repo.git.execute(
                [self._exe, *args], env=env, strip_newline_in_stdout=False
            )
        except git.GitCommandError as e:
            raise HistoryError(git_message(e)) from None

    @property
    def is_shallow(self) -> bool:
        """History stops early (a shallow clone): the oldest commit listed may not be
        the file's first. (As it was when this History was opened.)"""
        return self._shallow

    def _abbrev(self) -> int:
        """The length git itself abbreviates commit ids to in this repository."""
        if self._short is None:
            try:
                self._short = len(self._git("rev-parse", "--short", "HEAD").strip()) or 7
            except HistoryError:
                return 7
        return self._short

    def _run(self, *args: str) -> tuple[int, str, bytes]:
        """(exit code, output, messages) of git without GitPython (a log needs none)."""
        try:
            proc = run_git(self._exe, list(args), cwd=self._root, env=git_env())
        except OSError as e:
            raise HistoryError(f"cannot run git: {e}") from None
        out = proc.stdout.read()
        code, err = proc.finish()
        return code, out.decode("utf-8", "surrogateescape"), err

    def _has_commits(self) -> bool:
        try:
            return self._run("rev-parse", "--verify", "-q", "HEAD^{commit}")[0] == 0
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
            data = self._cat.read(blob)
            self._keep(blob, data)
        return data

    def _keep(self, blob: str, data: bytes) -> None:
        self._texts[blob] = data

    def _known(self, blob: str, scope: str) -> VersionRecord | None:
        """The blob's record if known without reading it (this process, or the cache)."""
        rec = self._records.get(blob)
        if rec is None:
            rec = self._cache.get(scope, blob)
            if rec is not None:
                self._records[blob] = rec
        return rec

    def _learn(self, scope: str) -> None:
        """Take every valid record of the scope's cache file (one pass: `aj log` on a
        long history looks up all of them)."""
        for blob, rec in self._cache.entries(scope).items():
            if blob not in self._records and valid(rec):
                self._records[blob] = VersionRecord.from_json(rec)

    def _prefetch(self, blobs: list[str], scope: str) -> None:
        """Read many blobs through the one persistent `git cat-file --batch`, many
        requests per round trip instead of one: on a busy machine each round trip costs a
        context switch or two."""
        need = [
            b
            for b in dict.fromkeys(blobs)
            if b not in self._texts and self._known(b, scope) is None
        ]
        if len(need) < 2:
            return
        try:
            for k in range(0, len(need), 500):  # 500 requests (20 kB) fit in a pipe buffer
                chunk = need[k : k + 500]
                self._cat.ask(chunk)
                for b in chunk:
                    data = self._cat.answer()
                    if data is not None:  # None: "<sha> missing"; read singly later, and fail
                        self._keep(b, data)
        except (OSError, ValueError):
            self._cat.reset()  # out of step now: a fresh process on next use

    def _version(
        self, blob: str, scope: str, title: bool = False, data: bytes | None = None
    ) -> VersionRecord:
        """The blob's record (with the title when asked): from this process, the cache,
        or its content (`data`, or read from git) checked."""
        rec = self._known(blob, scope)
        if rec is not None and (not title or rec.titled):
            return rec
        if data is None:
            data = self._blob(blob)
        checker = self._version_checker()
        if rec is None:
            info = checker.info(data, key=blob)
            # versions share their approval section's model (pieces are remembered by
            # their bytes): read its fields once
            got = self._approvals.get(id(info.approval)) if info.approval is not None else None
            if got is None or got[0] is not info.approval:
                rec = VersionRecord.of(info)
                if info.approval is not None:
                    self._approvals[id(info.approval)] = (info.approval, rec)
            else:
                rec = got[1]._replace(error=info.error)
        if title:
            rec = rec._replace(title=checker.title(data), titled=True)
        self._records[blob] = rec
        self._cache.put(scope, blob, rec)
        return rec

    def _content(self, blob: str, scope: str) -> str:
        """The digest of what a version says ("" when it does not parse)."""
        found = self._digests.get(blob)
        if found is None:
            found = self._cache.get_content(scope, blob)
            if found is None:
                found = self._version_checker().content(self._blob(blob)) or ""
                self._cache.put_content(scope, blob, found)
            self._digests[blob] = found
        return found

    def _version_checker(self):
        if self._checker is None:
            from ajtui.store.versions import VersionChecker

            self._checker = VersionChecker()
        return self._checker

    # --- the log ---
    def commits(self, file: str | os.PathLike) -> list[Commit]:
        """Every commit that touched the file (renames followed), newest first, each with
        its version's approval and parse error."""
        rel = self._file(file)
        with self._lock:
            try:
                return list(filelog.commits(self, rel))
            finally:
                self._cache.save()

    def revisions(self, file: str | os.PathLike) -> list[Revision]:
        """The file's revisions, newest first: the draft first when the working copy
        differs from the last commit, then consecutive commits grouped by approval."""
        rel = self._file(file)
        with self._lock:
            try:
                commits = filelog.commits(self, rel)
                revs = group(commits)
                draft = filelog.draft(self, rel, commits)
            finally:
                self._cache.save()
        if draft is None and not revs:
            raise HistoryError(f"{rel}: not in the repository's history and not on disk")
        return ([draft] if draft is not None else []) + revs

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
        commits = filelog.commits(self, rel)
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

    def folder_texts(self, folder: str | os.PathLike, rev: str) -> dict[str, str]:
        """The `.aj` files under `folder` at a revision: path relative to the folder ('/'
        separators) → text. Hidden files and folders are left out, as `aj` leaves them out
        on disk. Empty when the folder did not exist there."""
        rel = self.relpath(folder)
        code, _out, _err = self._run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
        if code != 0:
            raise HistoryError(f"unknown revision '{rev}'")
        tree = f"{rev}:" if rel == "." else f"{rev}:{rel}"
        code, out, err = self._run("ls-tree", "-r", "-z", tree)
        if code != 0:
            return {}
        found: dict[str, str] = {}
        with self._lock:
            for record in out.split("\0"):
                head, tab, name = record.partition("\t")
                parts = head.split()
                if not tab or len(parts) != 3 or parts[1] != "blob" or not name.endswith(".aj"):
                    continue
                if any(p.startswith(".") for p in name.split("/")):
                    continue
                found[name] = self._blob(parts[2]).decode("utf-8", "replace")
        return found

    def draft_text(self, file: str | os.PathLike) -> str:
        """The working copy's text (AjFileError/AjSyntaxError when unreadable)."""
        from ajtui.base.reading import read_text

        return read_text(self._path(self.relpath(file)))

    def revision_text(self, rev: Revision, file: str | os.PathLike | None = None) -> str:
        """The text of a revision: its newest commit, or the working copy for the draft;
        empty for a deleted file."""
        if rev.is_draft:
            if rev.deleted:
                return ""
            return self.draft_text(file if file is not None else self._path(rev.path or ""))
        head = rev.approving or rev.head
        if head is None or head.blob is None:
            return ""
        with self._lock:
            return self._blob(head.blob).decode("utf-8", "replace")

    # --- approvals across the repository (ajtui.store.approvals) ---
    def directives(self) -> list[Directive]:
        """Every directive in the repository's history (of HEAD), newest first, with the
        descriptions it approved and each one's previous approved revision."""
        return approvals.directives(self)

    def unapproved(self) -> dict[str, Revision]:
        """The files (latest paths) whose newest committed revision carries an approval's
        header without being approved by it."""
        return approvals.unapproved(self)

    def in_force_from(self, rev: Revision) -> _dt.date | None:
        """The day an approved revision came into force (its `jõustub:`, else its
        approval date); None when neither is a date or it is not approved."""
        return approvals.in_force_from(self, rev)

    def in_force(self, file: str | os.PathLike, day: _dt.date) -> Revision | None:
        """The revision of the file in force on `day` (the newest approved revision that
        came into force by then); None when nothing was in force yet."""
        return approvals.in_force_at(self, self.revisions(file), day)

    def in_force_all(self, day: _dt.date) -> list[tuple[str, Revision | None]]:
        """Every description in the history (latest path) and its revision in force on
        `day` (None: nothing yet), by path."""
        return approvals.in_force_all(self, day)

    def tag_directive(self, number: str, date_text: str, sha: str, files: list[str]) -> str:
        """An annotated tag on `sha` for directive `number` (signed when the user has a
        signing key); its name: `kaskkiri-N`, or `kaskkiri-N.2`, … ."""
        return approvals.tag_directive(self, number, date_text, sha, files)

    def directive_tags(self) -> dict[str, str]:
        """Every directive tag (kaskkiri-N, kaskkiri-N.k): name -> the commit it names."""
        return approvals.directive_tags(self)

    def tag_mismatches(self, revs: list[Revision]) -> dict[int, str]:
        """For approved revisions (by index) whose directive has a tag: what is wrong when
        the tagged version says something else than the approved text."""
        return approvals.tag_mismatches(self, revs)

    def directive_tag_mismatches(self, directives: list[Directive]) -> dict[tuple[int, int], str]:
        """tag_mismatches for every (directive, entry) of directives()."""
        return approvals.directive_tag_mismatches(self, directives)

    # --- provenance ---
    def blame(self, file: str | os.PathLike) -> list[BlameLine]:
        """For every field, duty, result, paragraph and item of the file as it is now
        (the working copy, else its last commit): the revision that introduced its
        current wording — the oldest revision from which every later one still has it."""
        revs = self.revisions(file)
        if not revs:
            return []
        rel = self._file(file)
        current = revs[0]
        with self._lock:
            text = self.revision_text(current, file)
            if not text:
                return []
            # the answer depends only on the versions read: kept under their ids
            blobs = [blob_id(text.encode("utf-8"))] + [
                (c.blob or "-") if (c := r.approving or r.head) else "-" for r in revs[1:]
            ]
            key = blob_id("\0".join(blobs).encode("ascii"))
            rows = self._cache.get_blame(rel, key)
            if rows is not None and all(0 <= r[2] < len(revs) for r in rows):
                return [
                    BlameLine(p, line, revs[k], revs[k].approving or revs[k].head)
                    for p, line, k in rows
                ]
        found = self._blame(file, revs, text)
        with self._lock:
            self._cache.put_blame(rel, key, [[b.path, b.line, k] for b, k in found])
            self._cache.save()
        return [b for b, _k in found]

    def _blame(self, file, revs: list[Revision], text: str) -> list[tuple[BlameLine, int]]:
        from ajtui.format.parser import loads
        from ajtui.store.versions import units

        with self._lock:
            checker = self._version_checker()
            doc = loads(text)
            sets: list[frozenset | None] = []
            for rev in revs:
                c = rev.approving or rev.head
                if rev.is_draft:
                    data = text.encode("utf-8")
                elif c is None or c.blob is None:
                    sets.append(frozenset())
                    continue
                else:
                    data = self._blob(c.blob)
                sets.append(checker.wordings(data))
        out = []
        for path, key, node in units(doc):
            k = 0
            while k + 1 < len(revs) and (later := sets[k + 1]) is not None and key in later:
                k += 1
            rev = revs[k]
            c = rev.approving or rev.head
            out.append((BlameLine(path, node.line, rev, c), k))
        return out

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
        untracked | added | deleted | conflict (unmerged: a merge left it conflicted)."""
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
            elif xy in _UNMERGED:
                result[path] = "conflict"
            elif "D" in xy:
                result[path] = "deleted"
            elif xy[0] in "AR" or xy[0] == "C":
                result[path] = "added"
            else:
                result[path] = "modified"
        return dict(sorted(result.items()))

    def commit(self, files: Sequence[str | os.PathLike], message: str) -> str:
        """Commit exactly these files (new, changed or deleted) with `message`; the new
        commit's sha. Other staged changes stay staged and out of the commit — except
        during a merge, which git commits whole: the files are added and the merge is
        committed (git says which files are still unmerged). A file that still has
        conflict markers is refused."""
        from ajtui.base.errors import AjError
        from ajtui.base.reading import read_text
        from ajtui.format.conflicts import has_markers

        if not message.strip():
            raise HistoryError("an empty commit message")
        rels = [self.relpath(f) for f in files]
        if not rels:
            raise HistoryError("no files to commit")
        for rel in rels:
            try:
                marked = has_markers(read_text(os.path.join(self.root, rel)))
            except AjError:  # deleted, or unreadable: git says what it makes of it
                marked = False
            if marked:
                raise HistoryError(f"{rel} still has merge conflicts: resolve them first")
        with self._lock:
            self._git("add", "-A", "--", *rels)
            merging = self._git("rev-parse", "--git-path", "MERGE_HEAD").strip()
            if os.path.exists(os.path.join(self.root, merging)):
                self._git("commit", "-q", "-m", message)  # a merge is committed whole
            else:
                self._git("commit", "-q", "-m", message, "--", *rels)
            sha = self._git("rev-parse", "HEAD").strip()
            self._logs.clear()
        return sha

    def mark_resolved(self, path: str | os.PathLike) -> None:
        """`git add` the file: its merge conflicts are resolved (git's status leaves
        "unmerged"; the merge is committed by `commit`)."""
        rel = self.relpath(path)
        with self._lock:
            self._git("add", "--", rel)


#: `git status` codes of an unmerged path (both sides changed or deleted it, both added it)
_UNMERGED = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})


def _inside(path: str, root: str) -> str | None:
    """`path` relative to `root` with '/' separators ("." for root itself), or None when it
    is not inside (both absolute and normalised)."""
    p, r = os.path.normcase(path), os.path.normcase(root)
    if p == r:
        return "."
    prefix = r if r.endswith(os.sep) else r + os.sep
    if not p.startswith(prefix):
        return None
    return path[len(prefix) :].replace(os.sep, "/")


def _blob_size(_blob: str, data: bytes) -> int:
    return len(data)
