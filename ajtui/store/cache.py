"""ajtui's one cache: where cached answers live, what makes them valid, and how much of
them is kept — for `aj check` (diagnostics by file content), the library's index (entries
by file content), the history (what each version says, by git blob id) and the printed
output of `aj show`, `aj diff A B` and `aj git-diff` (ajtui.cli._kept).

    store = CacheFile.open("check.json", sources=(*FORMAT_SOURCES, "format/validate.py"))
    raw = store.get(content_key(data))   # None: not known
    store.put(content_key(data), raw)
    store.save()

Every cache file has one format: JSON `{"fingerprint": …, "entries": {…}}` (other keys
are notes for whoever looks into the file). The fingerprint covers ajtui's version,
Python's and the code named (`fingerprint`): another fingerprint, an unreadable file or
another shape reads as empty. Files live only in the user's cache folder (`private_dir`:
mode 0700, ignored when another user owns it or can write it), are written atomically
(ajtui.base.writing) and a folder that cannot be written is not an error. In memory,
`ajtui.base.bounded.BoundedDict` is the one map that keeps at most so much.

Light on purpose (os, sys and ajtui.base.digests, not hashlib, at import): a warm `aj log`
or `aj check` pays for no more than it needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from ajtui.base.digests import blake2b

TYPE_CHECKING = False
if TYPE_CHECKING:
    pass

APP = "ajtui"


def cache_dir() -> str:
    """The user's cache folder for ajtui: platformdirs' `user_cache_dir`. On Linux with an
    absolute XDG_CACHE_HOME or HOME it is worked out here as platformdirs does (importing
    platformdirs is a sixth of a warm `aj log`: tests/benchmarks/README.md;
    tests/test_history_cache.py holds the two answers equal)."""
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, APP)
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return os.path.join(os.path.expanduser("~/.cache"), APP)
    from platformdirs import user_cache_dir

    return user_cache_dir(APP, appauthor=False)


#: A cache file larger than this is ignored (`aj check`'s, the largest, stays well below).
CACHE_FILE_MAX_BYTES = 64 << 20


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: what another user cannot fill."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # pragma: no cover - no owners to compare (Windows)
        return True
    return st.st_uid == geteuid() and not st.st_mode & 0o022


def _own_link(st: os.stat_result) -> bool:
    """Not a symbolic link, or one that this user (or root) made: in a world-writable
    XDG_CACHE_HOME another user's link could be pointed elsewhere after it was checked."""
    import stat

    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or not stat.S_ISLNK(st.st_mode):
        return True
    return st.st_uid in (geteuid(), 0)


def private_dir(*parts: str) -> str | None:
    """The cache folder (joined with `parts`), created mode 0700 where missing; None when it
    cannot be made, or is not a folder owned by this user and closed to everyone else:
    then there is no cache (a cache is never an error, and never read from a folder that
    another user can write)."""
    import stat

    try:
        folder = cache_dir()
        if not os.path.isabs(folder):
            return None
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        for name in ("", *parts):
            folder = os.path.join(folder, name) if name else folder
            try:
                os.mkdir(folder, 0o700)
            except FileExistsError:
                pass
            if not _own_link(os.lstat(folder)):
                return None
            st = os.stat(folder)
            if not stat.S_ISDIR(st.st_mode) or not _private(st):
                return None
            if st.st_mode & 0o077:  # made by an older ajtui (0755): ours, so closed now
                os.chmod(folder, 0o700)
    except (OSError, ValueError):
        return None
    return folder


def read_cache_file(path) -> bytes | None:
    """A cache file's bytes; None when it is missing, not a regular file, too large, or
    not owned by this user and closed to others."""
    from ajtui.base.reading import read_stat

    try:
        st, data = read_stat(path, CACHE_FILE_MAX_BYTES, what="a cache file")
    except OSError:
        return None
    return data if _private(st) else None


# --- what makes an answer valid ------------------------------------------------------------

#: The format layer's sources (relative to the package): every cached verdict depends on
#: them. The grammar is read where grammar.grammar_text() finds it (in the wheel, or in a
#: checkout) — not through ajtui.format.grammar, which would import Lark for nothing.
FORMAT_SOURCES = (
    "grammar/aj.lark",
    "../grammar/aj.lark",
    "format/grammar.py",
    "format/parser.py",
    "format/builder.py",
    "format/model.py",
    "format/nodes.py",
    "base/dates.py",
)


def fingerprint(*sources: str) -> str:
    """What cached answers depend on besides their input: ajtui's version, Python's, and the
    code named (paths relative to the package), so that an edited checkout never reads
    stale results."""
    from ajtui import __version__

    h = blake2b(digest_size=16)
    h.update(f"{__version__}\0{sys.version_info[:2]}\0".encode())
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for name in sources:
        try:
            with open(os.path.join(package, name), "rb") as fh:
                h.update(fh.read())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()


def content_key(data: bytes) -> str:
    """The key of a file's content (BLAKE2, 128 bits)."""
    return blake2b(data, digest_size=16).hexdigest()


def name_key(text: str, size: int = 12) -> str:
    """A file name for any text (a folder, a repository and path, a rendering's inputs)."""
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=size).hexdigest()


# --- one file of entries -----------------------------------------------------------------------


class CacheFile:
    """The entries of one cache file, valid under one fingerprint, read on first use.

    `get` and `put` mark what this process used; `save` writes (atomically, when
    something was put or the file was unreadable) what another process wrote meanwhile,
    then the entries not used, then the used ones — at most `limit`, the oldest dropped —
    or with `only_used`, just the used ones (a workspace's index keeps its files' entries,
    not every content ever seen). `path` None: no cache, nothing read or written."""

    def __init__(
        self,
        path: str | os.PathLike | None,
        fingerprint: str,
        *,
        limit: int = 50_000,
        notes: dict | None = None,
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        self.fingerprint, self.limit, self.notes = fingerprint, limit, notes or {}
        self.used: dict[str, object] = {}
        self.dirty = False
        self._entries: dict | None = None

    @classmethod
    def open(
        cls,
        name: str,
        sources: Iterable[str],
        *,
        folder: tuple[str, ...] = (),
        limit: int = 50_000,
        notes: dict | None = None,
    ) -> CacheFile:
        """The file `name` in the user's cache folder (below `folder`), for answers made
        by the code in `sources`. Never raises: without a usable folder, nothing is kept."""
        try:
            where = private_dir(*folder)
            stamp = fingerprint(*sources)
        except Exception:  # no cache is never an error
            return cls(None, "")
        path = None if where is None else os.path.join(where, name)
        return cls(path, stamp, limit=limit, notes=notes)

    def _read(self) -> dict | None:
        """The entries on disk under this fingerprint; None when the file is there but
        unreadable, broken or stale."""
        if self.path is None:
            return {}
        data = read_cache_file(self.path)
        if data is None:
            return None if os.path.lexists(self.path) else {}
        import json

        try:
            stored = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        if (
            isinstance(stored, dict)
            and stored.get("fingerprint") == self.fingerprint
            and isinstance(stored.get("entries"), dict)
        ):
            return stored["entries"]
        return None

    @property
    def entries(self) -> dict:
        """Every entry (as read, plus what was put)."""
        if self._entries is None:
            found = self._read()
            if found is None:
                found, self.dirty = {}, True  # rewrite a broken or stale file
            self._entries = found
        return self._entries

    def get(self, key: str):
        """The entry under `key`, or None."""
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value) -> None:
        self.entries[key] = self.used[key] = value
        self.dirty = True

    def save(self, *, only_used: bool = False) -> None:
        """Write the entries (see the class); a no-op when nothing changed."""
        if self.path is None:
            return
        if only_used:
            if not (self.dirty or len(self.entries) != len(self.used)):
                return
            entries = dict(self.used)
        else:
            if not self.dirty:
                return
            entries = {**(self._read() or {}), **self.entries}
            for key in self.used:  # the used ones last: the last to go
                entries[key] = entries.pop(key)
            if len(entries) > self.limit:
                keys = list(entries)[-self.limit :]
                entries = {k: entries[k] for k in keys}
        self._entries, self.dirty = dict(entries), False
        try:
            import json

            from ajtui.base.writing import write_cache

            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            write_cache(
                self.path,
                json.dumps(
                    {"fingerprint": self.fingerprint, **self.notes, "entries": entries},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
            )
        except (OSError, ValueError):  # no cache is never an error
            pass


def prune(
    folder: str,
    suffix: str,
    *,
    max_bytes: int | None = None,
    max_files: int | None = None,
    keep: Iterable[str] = (),
) -> None:
    """Remove the least recently written files ending in `suffix` while the folder holds
    more than `max_bytes` or `max_files` of them (never those in `keep`, by path)."""
    kept = set(keep)
    files = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.endswith(suffix) and entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    files.append((st.st_mtime_ns, st.st_size, entry.path))
    except OSError:
        return
    total, count = sum(size for _, size, _ in files), len(files)
    for _mtime, size, path in sorted(files):
        if (max_bytes is None or total <= max_bytes) and (max_files is None or count <= max_files):
            break
        if path in kept:
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        total, count = total - size, count - 1


# --- in memory ---------------------------------------------------------------------------------
