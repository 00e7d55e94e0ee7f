"""A description's history from git, grouped by approval — the only module that runs git.

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

Only plain data classes leave this module: no GitPython type crosses the layer. Logs and
blobs are read through plain git processes (ajtui.store.gitproc); GitPython (commit, config,
status, revision names) is loaded on first use. Processes stay open until `close()` (or
`with`).
Calls are serialised by a lock; call from a worker thread, never a UI thread.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from collections.abc import Sequence

from ajtui.format.vocabulary import (
    CONTRACT_ANNEX,
    CONTRACT_ANNEX_LABEL,
    DIRECTIVE,
    UNAPPROVED_LABEL,
    directive_label,
)
from ajtui.store.gitproc import GitProcess, run_git
from ajtui.store.versioncache import VersionCache, valid

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib is imported when `root` is asked for, not by a cached `aj log`
    from pathlib import Path

DRAFT_LABEL = "mustand"
DELETED_LABEL = "kustutatud"
UNREADABLE_LABEL = "vigane versioon"
NO_EARLIER_LABEL = "no earlier version"


class HistoryError(Exception):
    """Git could not answer (a clear one-line message)."""


class NotARepository(HistoryError):
    """The folder is not inside a git repository (or git is not installed)."""


# --- plain results ------------------------------------------------------------------------------


_NEW_LIST: list = []  # a default: a new empty list for each object


def _plain(cls):
    """A small @dataclass: __init__ taking the annotated fields in order (with the class's
    defaults), __repr__ and __eq__ — importing dataclasses (and inspect with it) was
    ≈ 13 ms of a cached `aj log`."""
    names = list(cls.__dict__.get("__annotations__", {}))
    params, body, env = [], [], {}
    for n in names:
        if n not in cls.__dict__:
            params.append(n)
        elif cls.__dict__[n] is _NEW_LIST:
            params.append(f"{n}=None")
            body.append(f"    self.{n} = [] if {n} is None else {n}")
            delattr(cls, n)
            continue
        else:
            env[f"_d_{n}"] = cls.__dict__[n]
            params.append(f"{n}=_d_{n}")
        body.append(f"    self.{n} = {n}")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), env)
    cls.__init__ = env["__init__"]
    cls._fields = tuple(names)
    cls.__repr__ = _repr
    cls.__eq__ = _eq
    cls.__hash__ = None
    return cls


def _repr(self) -> str:
    inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
    return f"{type(self).__qualname__}({inner})"


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return all(getattr(self, n) == getattr(other, n) for n in self._fields)


@_plain
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
    parents: list[str] = _NEW_LIST
    blob: str | None = None  # None for a commit that deleted the file
    status: str = "M"  # A added, M modified, R renamed, D deleted, C copied, T type
    title: str | None = None  # ametinimetus; read for the newest commit of each revision
    annex: str | None = None  # lisa (annex number) of this version
    approval_kind: str | None = None
    #: under an approval that approved other text: a change made after it (kinnitamata)
    unapproved: bool = False
    copied_from: str | None = None  # the path this file was copied from (its first commit)

    @property
    def deleted(self) -> bool:
        return self.blob is None

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


@_plain
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
    #: the working copy is there but is not read (a FIFO, a link to a device or to nowhere,
    #: unreadable): why, in words; not "deleted"
    unreadable: str | None = None
    #: for changes made under an approval without being approved: that approval's label
    changed_after: str | None = None
    #: the file's first revision is a copy of this file (its approval header came along)
    copied_from: str | None = None

    @property
    def head(self) -> Commit | None:
        return self.commits[0] if self.commits else None

    @property
    def approving(self) -> Commit | None:
        """The commit whose text the approval approved (its first); None when not
        approved. The revision's later commits change only layout."""
        return self.commits[-1] if self.approved and self.commits else None

    @property
    def approved(self) -> bool:
        """Approved by a directive (with a number or a date) or as a contract annex."""
        if self.deleted or self.is_draft:
            return False
        if self.kind == CONTRACT_ANNEX:
            return True
        return self.kind == DIRECTIVE and bool(self.number or self.date_text)

    @property
    def authors(self) -> list[str]:
        seen: list[str] = []
        for c in self.commits:
            if c.author not in seen:
                seen.append(c.author)
        return seen


@_plain
class DirectiveEntry:
    path: str  # the description's latest path
    revision: Revision
    previous: Revision | None  # the previous approved revision of that description
    #: what the directive's text is compared with, everywhere (the app, `aj diff
    #: --directive`): the previous approved revision; for a first approval, the revision
    #: just before it (changes committed before any approval); None when there is none
    base: Revision | None = None

    @property
    def base_label(self) -> str:
        return self.base.label if self.base is not None else NO_EARLIER_LABEL


@_plain
class BlameLine:
    path: str  # "ülesanded[3.2]"
    line: int  # in the text blamed
    revision: Revision  # the one that introduced this wording
    commit: Commit | None  # its approving commit (or newest); None for the draft


@_plain
class Directive:
    number: str
    date_text: str
    label: str
    entries: list[DirectiveEntry]

    @property
    def date(self) -> _dt.date | None:
        from ajtui.base.dates import parse_date

        return parse_date(self.date_text)


# --- helpers ------------------------------------------------------------------------------------


def blob_id(data: bytes) -> str:
    """git's object id of a blob with this content (no git process needed)."""
    try:
        from _sha1 import sha1  # what hashlib would load OpenSSL (≈ 4 ms) for
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import sha1
    return sha1(b"blob %d\0" % len(data) + data).hexdigest()


def revision_label(kind: str | None, number: str | None, date_text: str | None) -> str:
    if kind == CONTRACT_ANNEX:
        return CONTRACT_ANNEX_LABEL + (f" ({date_text})" if date_text else "")
    if number:
        return directive_label(number, date_text)
    if kind == DIRECTIVE:
        return f"käskkiri {date_text}" if date_text else DIRECTIVE
    return kind or UNAPPROVED_LABEL


def _record(info, title: str | None = None, with_title: bool = False) -> list:
    """What the version cache keeps of a version (see ajtui.store.versioncache)."""
    appr = info.approval_view
    rec = [False, None, None, None, None, info.error] if appr is None else \
        [True, appr.kind, appr.number, appr.date_text, appr.annex, info.error]
    if with_title:
        rec.append(title)
    return rec


def _approval_fields(rec: list) -> tuple[tuple | None, str | None, dict]:
    """(key, label, details) of a version's record."""
    has, kind, number, date_text, annex, error = rec[:6]
    if not has:
        if error:
            return None, None, {}
        return ("", "", ""), UNAPPROVED_LABEL, {}
    number = (number or "").strip()
    date_text = (date_text or "").strip()
    details = {"kind": kind, "number": number or None, "date_text": date_text or None,
               "annex": annex}
    return (kind or "", number, date_text), revision_label(kind, number, date_text), details


# the log format: NUL-separated fields, the message last. With -z, git ends the format with
# a NUL, puts every raw diff entry's paths between NULs and separates commits by NUL: no
# byte a message, a name or a path can hold separates anything.
_FMT = "%H%x00%P%x00%aI%x00%an%x00%ae%x00%B"
_NULL_SHA = "0" * 40
_HEX = frozenset("0123456789abcdef")


def _is_sha(token: str) -> bool:
    return len(token) in (40, 64) and _HEX.issuperset(token)


class _LogReader:
    """Records of `git log -z --raw --no-abbrev -c --format=_FMT`, read from its output as
    it comes (`feed` text cut after a NUL; `end` when git has finished): commit fields and
    the raw diff entries [(status, blob after, path before, path after)]. A record is
    positional: six fields, then entries (a token starting with ':', then one path, or
    two for a rename or copy), then the next commit's id — so a message can hold
    anything git lets it hold and still forge nothing. Output that does not fit raises
    HistoryError rather than guess. (--no-abbrev makes commit ids full length; the short
    id is cut here to `short` characters.)"""

    def __init__(self, short: int = 7) -> None:
        self._short = short
        self._tokens: list[str] = []

    def feed(self, text: str) -> list[dict]:
        tokens = self._tokens
        tokens.extend(text.split("\0"))
        if tokens and tokens[-1] == "":
            tokens.pop()  # the text ends with a NUL
        records: list[dict] = []
        start = 0
        while True:
            got = self._record(tokens, start, final=False)
            if got is None:
                break
            rec, start = got
            records.append(rec)
        del tokens[:start]
        return records

    def end(self) -> list[dict]:
        records: list[dict] = []
        tokens, start = self._tokens, 0
        while start < len(tokens):
            got = self._record(tokens, start, final=True)
            if got is None:
                break
            rec, start = got
            records.append(rec)
        self._tokens = []
        return records

    def _record(self, tokens: list[str], k: int, final: bool) -> tuple[dict, int] | None:
        n = len(tokens)
        while k < n and not tokens[k].strip("\n"):
            k += 1  # the NULs between commits
        if k + 6 > n:
            if final and k < n:
                raise HistoryError("git log: unexpected output (a record cut short)")
            return None
        sha = tokens[k].strip("\n")
        if not _is_sha(sha):
            raise HistoryError(f"git log: unexpected output ({sha[:20]!r} is not a commit id)")
        parents, date, author, email, message = tokens[k + 1:k + 6]
        k += 6
        entries = []
        while True:
            while k < n and tokens[k] in ("", "\n"):
                k += 1
            if k >= n:
                if not final:
                    return None  # entries may follow
                break
            meta = tokens[k].lstrip("\n")
            if not meta.startswith(":"):
                break  # the next commit
            combined = meta.startswith("::")
            parts = meta.lstrip(":").split()
            status = parts[-1] if parts else "M"
            blob = parts[-2] if len(parts) >= 2 else _NULL_SHA
            paths = 2 if not combined and status[:1] in ("R", "C") else 1
            if k + paths >= n:
                if final:
                    raise HistoryError("git log: unexpected output (an entry cut short)")
                return None
            before, after = tokens[k + 1], tokens[k + paths]
            k += 1 + paths
            st = status[:1] if not combined else ("D" if blob == _NULL_SHA else "M")
            entries.append((st, None if blob == _NULL_SHA else blob, before, after))
        return ({"sha": sha, "short": sha[:self._short], "parents": parents.split(),
                 "date": date, "author": author, "email": email,
                 "message": message.strip("\n"), "entries": entries}, k)


def _parse_log(out: str, short: int = 7) -> list[dict]:
    """Every record of a whole `git log` output (see _LogReader)."""
    reader = _LogReader(short)
    return reader.feed(out) + reader.end()


def _date(text: str) -> _dt.datetime:
    try:
        return _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return _dt.datetime.fromtimestamp(0, _dt.timezone.utc)


# --- the history ---------------------------------------------------------------------------------


class History:
    """The git history of the .aj files in one repository."""

    def __init__(self, path: str | os.PathLike = ".", *, cache: bool = True) -> None:
        # os.path rather than pathlib, which a cached `aj log` need not import (≈ 6 ms)
        start = os.fspath(path) or "."
        folder = start if os.path.isdir(start) else os.path.dirname(start) or "."
        named = str(path) if str(path) not in ("", ".") else os.getcwd()
        self._exe = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
        if not os.path.isdir(folder):
            raise NotARepository(f"{named}: not inside a git repository")
        # one process says where the working copy is, whether it is shallow and how git
        # abbreviates commit ids here (the last fails, harmlessly, before the first commit)
        try:
            proc = run_git(self._exe, ["rev-parse", "--is-bare-repository",
                                       "--is-shallow-repository", "--show-toplevel",
                                       "--short", "HEAD"],
                           cwd=os.path.abspath(folder), env=_env())
        except OSError:
            raise NotARepository("git is not installed (history needs the git command)") \
                from None
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
            msg = _stderr_message(err)
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
        self._checker = None  # ajtui.store.versions.VersionChecker, made when a version is parsed
        self._cache.root = self._root
        self._records: dict[str, list] = {}  # blob id -> record (see ajtui.store.versioncache)
        self._fields: dict[tuple, tuple] = {}  # a record's approval -> _approval_fields
        self._approvals: dict[int, tuple] = {}  # id(approval section) -> (it, its record)
        self._texts: dict[str, bytes] = {}  # blob id -> content
        self._digests: dict[str, str] = {}  # blob id -> what it says (see _content)
        self._text_bytes = 0
        self._logs: dict[str, list[Commit]] = {}
        self._closed = False
        self._stream: _BlobStream | None = None
        self._cat = _CatFile(self._exe, self._root)
        self._git_repo = None

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
                raise NotARepository("git is not installed (history needs the git command)") \
                    from None
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
            raise HistoryError(f"{file}: a folder, not a description file (`aj log` with no "
                               "file lists the directives)")
        return rel

    def _git(self, *args: str) -> str:
        import git

        env = {"GIT_LITERAL_PATHSPECS": "1"}
        try:
            return self._repo.git.execute([self._exe, *args], env=env,
                                          strip_newline_in_stdout=False)
        except git.GitCommandError as e:
            raise HistoryError(_git_message(e)) from None

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
            proc = run_git(self._exe, list(args), cwd=self._root, env=_env())
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
        if self._text_bytes > 64_000_000:
            self._texts.clear()
            self._text_bytes = 0
        self._texts[blob] = data
        self._text_bytes += len(data)

    def _known(self, blob: str, scope: str) -> list | None:
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
                self._records[blob] = rec

    def _prefetch(self, blobs: list[str], scope: str) -> None:
        """Read many blobs through the one persistent `git cat-file --batch`, many
        requests per round trip instead of one: on a busy machine each round trip costs a
        context switch or two."""
        need = [b for b in dict.fromkeys(blobs)
                if b not in self._texts and self._known(b, scope) is None]
        if len(need) < 2:
            return
        try:
            for k in range(0, len(need), 500):  # 500 requests (20 kB) fit in a pipe buffer
                chunk = need[k:k + 500]
                self._cat.ask(chunk)
                for b in chunk:
                    data = self._cat.answer()
                    if data is not None:  # None: "<sha> missing"; read singly later, and fail
                        self._keep(b, data)
        except (OSError, ValueError):
            self._cat.reset()  # out of step now: a fresh process on next use

    def _version(self, blob: str, scope: str, title: bool = False,
                 data: bytes | None = None) -> list:
        """The blob's record (with the title when asked): from this process, the cache,
        or its content (`data`, or read from git) checked."""
        rec = self._known(blob, scope)
        if rec is not None and (not title or len(rec) > 6):
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
                rec = _record(info)
                if info.approval is not None:
                    if len(self._approvals) > 4096:
                        self._approvals.clear()
                    self._approvals[id(info.approval)] = (info.approval, rec)
            else:
                rec = got[1][:5] + [info.error]
        if title:
            rec = rec[:6] + [checker.title(data)]
        self._records[blob] = rec
        self._cache.put(scope, blob, rec)
        return rec

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
                return list(self._commits(rel))
            finally:
                self._cache.save()

    def _commits(self, rel: str) -> list[Commit]:
        if rel in self._logs:
            return self._logs[rel]
        args = ["log", "--follow", "-z", "--raw", "--no-abbrev", "-c", f"--format={_FMT}",
                "--", rel]
        picked: list[tuple[dict, tuple]] = []
        commits: list[Commit] = []
        stream: _BlobStream | None = None
        abbrev = self._short or 7

        def check(block: bool) -> None:
            """Check the next versions in order, as far as their contents have come."""
            while len(commits) < len(picked):
                rec, (status, blob, before, after) = picked[len(commits)]
                if (not block and stream is not None and blob is not None
                        and not stream.ready(blob)):
                    return
                commits.append(self._commit(rec, status, blob, after, rel))
                if status == "A" and before != after:
                    commits[-1].copied_from = before

        try:
            # git log's records are read as they come; the blob of each version not in the
            # cache is asked of cat-file at once, and versions are checked as their
            # contents arrive: git log, cat-file and the checks overlap
            known = self._records
            reader = _LogReader(abbrev)
            log = self._log_stream(args)
            for chunk in log:
                if not known:
                    self._learn(rel)  # while git log goes on
                wanted = []
                copied = False
                for rec in (reader.feed(chunk) if chunk is not None else reader.end()):
                    entry = _pick(rec["entries"], rel, picked)
                    if entry is not None and entry[0] == "C":
                        # a copy is where this file starts: what --follow finds before
                        # it is the history of the file it was copied from
                        entry = ("A", entry[1], entry[2], entry[3])
                        copied = True
                    if entry is not None:
                        picked.append((rec, entry))
                        blob = entry[1]
                        if (blob is not None and blob not in known
                                and blob not in self._texts
                                and self._known(blob, rel) is None):
                            wanted.append(blob)
                    if copied:
                        break
                if wanted:
                    if stream is None:
                        stream = self._stream = _BlobStream(self)
                    stream.request(wanted)
                check(block=False)
                if copied:
                    log.close()  # git log stops here
                    break
            if stream is not None:
                stream.finish()
            check(block=True)
        except _NoCommits:
            commits = []
        finally:
            self._stream = None
            if stream is not None:
                stream.close()
        self._mark_changes(commits, rel)
        self._titles(commits, rel)
        self._logs[rel] = commits
        return commits

    def _log_stream(self, args: list[str]):
        """git's output as it comes, in pieces cut after a NUL (see _LogReader); None
        once git has finished."""
        try:
            proc = run_git(self._exe, args, cwd=self._root, env=_env())
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
                if not pending and not self._has_commits():
                    raise _NoCommits
                raise HistoryError(_stderr_message(err) or f"git {args[0]} failed")
            yield None
        finally:
            if not finished:  # the caller stopped early
                proc.kill()
                proc.finish()

    def _mark_changes(self, commits: list[Commit], scope: str) -> None:
        """Mark the commits (newest first) that change what an approval approved: under
        the same approval as the commit before, saying something else than the commit
        that first carried it (the approving commit). Layout alone (line breaks,
        comments) is no change; a version that does not parse is one, unless its bytes
        are the approved ones."""
        approving: Commit | None = None
        for c in reversed(commits):
            if c.deleted or c.approval_key is None or not _approves(c):
                approving = None
                continue
            if approving is None or approving.approval_key != c.approval_key:
                approving = c
                # a copy's header came with it: that approval was of another file
                c.unapproved = c.copied_from is not None
                continue
            if c.blob == approving.blob or approving.copied_from is not None:
                c.unapproved = approving.unapproved
                continue
            mine = self._content(c.blob, scope)
            c.unapproved = not mine or mine != self._content(approving.blob, scope)

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

    def _titles(self, commits: list[Commit], scope: str) -> None:
        """The title of the newest commit of each run of one approval (a revision's head):
        the only ones shown, so the only ones read."""
        prev = None
        for c in commits:
            if c.approval_key != prev and c.blob is not None and c.title is None:
                rec = self._version(c.blob, scope, title=True)
                c.title = rec[6]
            prev = c.approval_key

    def _commit(self, rec: dict, status: str, blob: str | None, path: str,
                scope: str) -> Commit:
        if blob is None:
            key, label, details, error = ("deleted",), DELETED_LABEL, {}, None
        else:
            version = self._records.get(blob) or self._version(blob, scope)
            # the versions under one approval share its fields (and their dict: read-only)
            same = (*version[:5], version[5] is None)
            fields = self._fields.get(same)
            if fields is None:
                fields = self._fields[same] = _approval_fields(version)
            key, label, details = fields
            error = version[5]
        return Commit(
            sha=rec["sha"], short=rec["short"], date=_date(rec["date"]),
            author=rec["author"], message=rec["message"], path=path,
            approval_label=label, approval_key=key,
            error=error, email=rec["email"],
            parents=rec["parents"], blob=blob, status=status,
            title=None,
            annex=details.get("annex"), approval_kind=details.get("kind"))

    def revisions(self, file: str | os.PathLike) -> list[Revision]:
        """The file's revisions, newest first: the draft first when the working copy
        differs from the last commit, then consecutive commits grouped by approval."""
        rel = self._file(file)
        with self._lock:
            try:
                commits = self._commits(rel)
                revs = group(commits)
                draft = self._draft(rel, commits)
            finally:
                self._cache.save()
        if draft is None and not revs:
            raise HistoryError(f"{rel}: not in the repository's history and not on disk")
        return ([draft] if draft is not None else []) + revs

    def _draft(self, rel: str, commits: list[Commit]) -> Revision | None:
        wc = self._path(rel)
        newest = commits[0] if commits else None
        from ajtui.base.reading import ReadError, read_bytes

        if not os.path.lexists(wc):
            if newest is not None and not newest.deleted:
                return Revision(("draft",), DRAFT_LABEL, [], is_draft=True, deleted=True,
                                path=rel)
            return None
        try:
            data = read_bytes(wc)  # a FIFO or a link to a device: refused at once
        except OSError as e:
            why = e.message if isinstance(e, ReadError) else (e.strerror or str(e))
            if os.path.islink(wc) and not os.path.exists(wc):
                why = "a symbolic link to nothing (its target is missing, or a loop)"
            return Revision(("draft",), DRAFT_LABEL, [], is_draft=True, error=True,
                            path=rel, unreadable=why)
        bid = blob_id(data)
        if newest is not None and newest.blob == bid:
            return None
        rec = self._version(bid, rel, title=True, data=data)
        _key, _label, details = _approval_fields(rec)
        return Revision(("draft",), DRAFT_LABEL, [], is_draft=True,
                        number=details.get("number"), date_text=details.get("date_text"),
                        error=rec[5] is not None, kind=details.get("kind"),
                        annex=details.get("annex"), title=rec[6], path=rel,
                        draft_error=rec[5])

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
        from ajtui.format.parser import read_text

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

    # --- directives ---
    def directives(self) -> list[Directive]:
        """Every directive in the repository's history (of HEAD), newest first, with the
        descriptions it approved and each one's previous approved revision."""
        with self._lock:
            try:
                files = self._all_files()
            finally:
                self._cache.save()
        found: dict[tuple, Directive] = {}
        for latest, revs in files:
            for n, rev in enumerate(revs):
                if rev.kind != DIRECTIVE or not rev.approved:
                    continue
                if any(r.key == rev.key for r in revs[n + 1:]):
                    continue  # approved text restored after a change: approved earlier
                key = ((rev.number or "").strip(), (rev.date_text or "").strip())
                d = found.get(key)
                if d is None:
                    d = found[key] = Directive(key[0], key[1],
                                               revision_label(DIRECTIVE, *key), [])
                prev = next((r for r in revs[n + 1:] if r.approved), None)
                before = next((r for r in revs[n + 1:] if not r.deleted), None)
                d.entries.append(DirectiveEntry(latest, rev, prev,
                                                prev if prev is not None else before))
        for d in found.values():
            d.entries.sort(key=lambda e: (_annex_order(e.revision.annex), e.path))
        return sorted(found.values(), key=_directive_order, reverse=True)

    def unapproved(self) -> dict[str, Revision]:
        """The files (their latest paths) whose newest committed revision carries an
        approval's header without being approved by it: changed after the approval, or
        copied with another file's header. From the same history as directives()."""
        with self._lock:
            try:
                files = self._all_files()
            finally:
                self._cache.save()
        found = {}
        for latest, revs in files:
            newest = revs[0] if revs else None
            if newest is not None and (newest.changed_after or newest.copied_from):
                found[latest] = newest
        return found

    def _all_files(self) -> list[tuple[str, list[Revision]]]:
        """Every .aj file in the history, by identity (renames followed), with its
        revisions: one `git log` over the whole history."""
        if not self._has_commits():
            return []
        code, out, err = self._run("log", "--reverse", "-z", "--raw", "--no-abbrev", "-M",
                                   "-c", f"--format={_FMT}")
        if code:
            raise HistoryError(_stderr_message(err) or "git log failed")
        current: dict[str, int] = {}  # path -> identity
        history: list[list[tuple[dict, str, str | None, str]]] = []
        order: dict[str, int] = {}  # commit -> its place, oldest first
        for rec in _parse_log(out, self._abbrev()):
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
        first_seen: dict[tuple, int] = {}  # an approval -> the first commit carrying it
        for entries in history:  # one description at a time
            scope = entries[-1][3]  # its latest path, as `aj log FILE` names it
            self._prefetch([blob for _, _, blob, _ in entries if blob is not None], scope)
            commits = [self._commit(rec, st, blob, path, scope)
                       for rec, st, blob, path in reversed(entries)]
            for c in commits:
                if _approves(c):
                    at = order[c.sha]
                    if at < first_seen.get(c.approval_key, at + 1):
                        first_seen[c.approval_key] = at
            files.append((scope, commits))
        result = []
        for scope, commits in files:
            first = commits[-1]
            if (first.status == "A" and _approves(first)
                    and first_seen.get(first.approval_key, order[first.sha]) < order[first.sha]):
                # born under an approval given before it existed: a copy? Asked as
                # `aj log FILE` asks it (copies are found by git log --follow)
                first.copied_from = self._copied_from(scope, first.sha)
            self._mark_changes(commits, scope)
            self._titles(commits, scope)
            result.append((commits[0].path, group(commits)))
        return result

    def _copied_from(self, rel: str, sha: str) -> str | None:
        """The file this one was copied from in commit `sha`, as its own log says."""
        try:
            commits = self._commits(rel)
        except HistoryError:
            return None
        return next((c.copied_from for c in commits if c.sha == sha), None)

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
                ((r.approving or r.head).blob or "-") if (r.approving or r.head) else "-"
                for r in revs[1:]]
            key = blob_id("\0".join(blobs).encode("ascii"))
            rows = self._cache.get_blame(rel, key)
            if rows is not None and all(0 <= r[2] < len(revs) for r in rows):
                return [BlameLine(p, line, revs[k], revs[k].approving or revs[k].head)
                        for p, line, k in rows]
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
            while k + 1 < len(revs) and sets[k + 1] is not None and key in sets[k + 1]:
                k += 1
            rev = revs[k]
            c = rev.approving or rev.head
            out.append((BlameLine(path, node.line, rev, c), k))
        return out

    # --- point in time ---
    def in_force_from(self, rev: Revision) -> _dt.date | None:
        """The day an approved revision came into force: its header's `jõustub:` date,
        else its approval date; None when neither is a date (or it is not approved)."""
        c = rev.approving
        if c is None or c.blob is None:
            return None
        from ajtui.base.dates import parse_date

        with self._lock:
            scope = rev.path or c.path
            written = self._cache.get_in_force(scope, c.blob)
            if written is None:
                written = self._entry_into_force(c.blob)
                self._cache.put_in_force(scope, c.blob, written)
                self._cache.save()
        return parse_date(written) or parse_date(rev.date_text)

    def _entry_into_force(self, blob: str) -> str:
        """The version's `jõustub:` as written, "" when it has none."""
        data = self._blob(blob)
        # without the letters of `jõustub` (any case, any spelling) there is no such field
        if b"ustub" not in data.lower():
            return ""
        sec = self._version_checker().info(data, key=blob).approval
        return (sec.value("jõustub") or "") if sec is not None else ""

    def in_force(self, file: str | os.PathLike, day: _dt.date) -> Revision | None:
        """The revision of the file in force on `day`: of the approved revisions that
        came into force by then, the newest in the history (an approved revision stays in
        force until the next approved one; unapproved changes never are). None when
        nothing was in force yet."""
        return self._in_force(self.revisions(file), day)

    def _in_force(self, revs: list[Revision], day: _dt.date) -> Revision | None:
        for rev in revs:  # newest first
            if rev.is_draft or not rev.approved:
                continue
            start = self.in_force_from(rev)
            if start is not None and start <= day:
                return rev
        return None

    def in_force_all(self, day: _dt.date) -> list[tuple[str, Revision | None]]:
        """Every description in the repository's history (latest path) and its revision
        in force on `day` (None: nothing yet), by path."""
        with self._lock:
            try:
                files = self._all_files()
            finally:
                self._cache.save()
        return sorted(((latest, self._in_force(revs, day)) for latest, revs in files),
                      key=lambda pair: pair[0])

    # --- directive tags ---
    def tag_directive(self, number: str, date_text: str, sha: str, files: list[str]) -> str:
        """An annotated tag on `sha` for directive `number` (signed when the user has a
        signing key configured): `kaskkiri-N`, or `kaskkiri-N.2`, … when the directive
        already has one on another commit. Its name."""
        base = directive_tag(number)
        with self._lock:
            existing = self._directive_tags()
            name, k = base, 1
            while name in existing:
                if existing[name] == sha:
                    return name
                k += 1
                name = f"{base}.{k}"
            message = (f"käskkiri nr {number} ({date_text})\n\n"
                       + "".join(f"{f}\n" for f in files))
            sign = bool(self.get_config("user.signingkey"))
            self._git("tag", "-s" if sign else "-a", "-m", message, name, sha)
        return name

    def directive_tags(self) -> dict[str, str]:
        """Every directive tag (kaskkiri-N, kaskkiri-N.k): name -> the commit it names."""
        with self._lock:
            return self._directive_tags()

    def _may_have_tags(self) -> bool:
        """Whether the repository may hold a directive tag, looked up without a git
        process where the repository is a plain folder (`aj log` stays one process when
        there is none): false only when neither refs/tags nor packed-refs names one."""
        git_dir = os.path.join(self._root, ".git")
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

    def _directive_tags(self) -> dict[str, str]:
        code, out, _err = self._run("for-each-ref", "--format=%(refname:short)%00"
                                    "%(objectname)%00%(*objectname)", "refs/tags/kaskkiri-*")
        found = {}
        for line in out.split("\n") if code == 0 else ():
            parts = line.split("\0")
            if len(parts) == 3:
                found[parts[0]] = parts[2] or parts[1]  # an annotated tag's commit
        return found

    def tag_mismatches(self, revs: list[Revision]) -> dict[int, str]:
        """For approved revisions (by index) whose directive has a tag: what is wrong when
        the tagged commit's version of the file says something else than the approved
        text (edited after the approval, or history rewritten)."""
        wanted = [(i, r) for i, r in enumerate(revs)
                  if r.approved and r.kind == DIRECTIVE and r.number and r.approving]
        if not wanted:
            return {}
        out: dict[int, str] = {}
        with self._lock:
            tags = self._directive_tags() if self._may_have_tags() else {}
            if not tags:
                return {}
            try:
                for i, r in wanted:
                    base = directive_tag(r.number or "")
                    names = [n for n in tags if n == base or n.startswith(base + ".")]
                    if not names:
                        continue
                    c = r.approving
                    scope = r.path or c.path
                    mine = self._content(c.blob, scope)
                    found = False
                    for name in names:
                        try:
                            blob = self._git("rev-parse", "--verify", "-q",
                                             f"{tags[name]}:{c.path}").strip()
                        except HistoryError:
                            continue
                        found = True
                        if blob == c.blob or (mine and self._content(blob, scope) == mine):
                            break
                    else:
                        out[i] = (f"the approved text differs from tag {', '.join(names)}"
                                  if found else
                                  f"not in the commit tagged {', '.join(names)}")
            finally:
                self._cache.save()
        return out

    def directive_tag_mismatches(self, directives: list[Directive]) -> dict[tuple[int, int],
                                                                            str]:
        """tag_mismatches for the whole repository: by (directive, entry) index in
        `directives` (as directives() gives them), what is wrong with that description's
        approved text against the directive's tag."""
        places = [(n, k) for n, d in enumerate(directives) for k in range(len(d.entries))]
        found = self.tag_mismatches([directives[n].entries[k].revision for n, k in places])
        return {places[i]: problem for i, problem in found.items()}

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

    def commit(self, files: Sequence[str | os.PathLike], message: str) -> str:
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


# --- git processes -----------------------------------------------------------------------------


class _NoCommits(Exception):
    """The repository has no commits yet."""


def _env() -> dict:
    # as GitPython runs git: messages in English (they are matched and shown as they are)
    return {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "LANGUAGE": "C", "LC_ALL": "C"}


def _inside(path: str, root: str) -> str | None:
    """`path` relative to `root` with '/' separators ("." for root itself), or None when it
    is not inside (both absolute and normalised)."""
    p, r = os.path.normcase(path), os.path.normcase(root)
    if p == r:
        return "."
    prefix = r if r.endswith(os.sep) else r + os.sep
    if not p.startswith(prefix):
        return None
    return path[len(prefix):].replace(os.sep, "/")


def _stderr_message(err: bytes) -> str:
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else ""


class _CatFile:
    """One persistent `git cat-file --batch` for a History, started on first use: every
    blob it reads goes through this one process."""

    def __init__(self, exe: str, root: str) -> None:
        self._exe, self._root = exe, root
        self.proc: GitProcess | None = None

    def _start(self) -> GitProcess:
        if self.proc is None or self.proc.poll() is not None:
            try:
                self.proc = run_git(self._exe, ["cat-file", "--batch"], cwd=self._root,
                                    env=_env(), stdin=True)
            except OSError as e:
                raise HistoryError(f"cannot run git cat-file: {e}") from None
        return self.proc

    def ask(self, blobs: list[str]) -> None:
        """Send requests (answer() reads the answers, in the same order)."""
        proc = self._start()
        proc.stdin.write("".join(b + "\n" for b in blobs).encode("ascii"))
        proc.stdin.flush()

    def answer(self) -> bytes | None:
        """The next answer: the blob's bytes, or None when git has no such blob."""
        out = self.proc.stdout
        header = out.readline().split()
        if not header:
            raise OSError("git cat-file ended")
        if len(header) != 3:
            return None
        data = out.read(int(header[2]))
        out.read(1)  # the newline after the contents
        return data

    def read(self, blob: str) -> bytes:
        for attempt in (1, 2):
            try:
                self.ask([blob])
                data = self.answer()
                break
            except (OSError, ValueError) as e:
                self.reset()
                if attempt == 2:
                    raise HistoryError(f"cannot read object {blob[:12]}: {e}") from None
        if data is None:
            raise HistoryError(f"cannot read object {blob[:12]}: missing")
        return data

    def reset(self) -> None:
        """Drop the process (its stream may be out of step); a new one on next use."""
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.kill()
            proc.finish()

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.finish()  # cat-file ends at the end of its input


class _BlobStream:
    """Blob requests to the History's cat-file, answered by a reader thread while the
    caller goes on: the caller asks as git log's records arrive and takes each blob when
    it needs it. On any trouble the process is dropped (a fresh one starts on next use)
    and the caller reads the rest one by one."""

    def __init__(self, history: History) -> None:
        import queue

        self._history = history
        self._cat = history._cat
        self._order: queue.SimpleQueue = queue.SimpleQueue()
        self._got: dict[str, bytes | None] = {}
        self._asked: set[str] = set()
        self._cond = threading.Condition()
        self._done = False
        self._failed = False
        self._thread: threading.Thread | None = None

    def request(self, blobs: list[str]) -> None:
        todo = [b for b in blobs if b not in self._asked]
        if not todo or self._failed:
            return
        try:
            self._cat._start()
            if self._thread is None:
                self._thread = threading.Thread(target=self._read, name="ajtui-cat-file",
                                                daemon=True)
                self._thread.start()
            for b in todo:
                self._asked.add(b)
                self._order.put(b)
            self._cat.ask(todo)
        except (AttributeError, OSError, ValueError, HistoryError):
            self._fail()

    def _read(self) -> None:
        try:
            while True:
                b = self._order.get()
                if b is None:
                    break
                data = self._cat.answer()
                with self._cond:
                    self._got[b] = data
                    self._cond.notify_all()
        except (AttributeError, OSError, ValueError):
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
                self._cat.reset()
        elif self._failed:
            self._cat.reset()


# --- grouping -------------------------------------------------------------------------------------


def group(commits: list[Commit]) -> list[Revision]:
    """Consecutive commits (newest first) with the same approval form one revision."""
    revs: list[Revision] = []
    for c in commits:
        key = c.approval_key if c.approval_key is not None else ("error",)
        if c.unapproved:
            key = ("changed", *key)
        if revs and revs[-1].key == key and not revs[-1].deleted:
            rev = revs[-1]
            rev.commits.append(c)
            rev.error = rev.error or c.error is not None
            continue
        if c.deleted:
            rev = Revision(key, DELETED_LABEL, [c], deleted=True, path=c.path)
        elif c.approval_key is None:
            rev = Revision(key, UNREADABLE_LABEL, [c], error=True, path=c.path)
        elif c.unapproved:
            rev = Revision(key, UNAPPROVED_LABEL, [c], error=c.error is not None,
                           annex=c.annex, title=c.title, path=c.path,
                           changed_after=None if c.copied_from else c.approval_label,
                           copied_from=c.copied_from)
        else:
            kind, number, date_text = c.approval_key
            rev = Revision(key, c.approval_label or UNAPPROVED_LABEL, [c],
                           number=number or None, date_text=date_text or None,
                           error=c.error is not None, kind=c.approval_kind or (kind or None),
                           annex=c.annex, title=c.title, path=c.path)
        revs.append(rev)
    return revs


def directive_tag(number: str) -> str:
    """The tag name for a directive: `kaskkiri-` and its number in ASCII letters, digits,
    dots and hyphens (git's rules for a name are met by construction)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", number).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in plain)
    cleaned = "-".join(p for p in cleaned.replace("..", ".").split("-") if p).strip(".")
    return f"kaskkiri-{cleaned or 'x'}"


def _approves(c: Commit) -> bool:
    """Whether the commit's version carries an approval (as Revision.approved)."""
    if c.approval_kind == CONTRACT_ANNEX:
        return True
    key = c.approval_key or ()
    return c.approval_kind == DIRECTIVE and len(key) == 3 and bool(key[1] or key[2])


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
