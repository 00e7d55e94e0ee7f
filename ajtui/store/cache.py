"""Where ajtui keeps its caches, and what makes a cached answer valid: shared by `aj check`
(results by file content) and the history (what each version says, by git blob id).

Light on purpose (os and sys only at import): a warm `aj log` or `aj check` pays for no
more than it needs.
"""

from __future__ import annotations

import os
import sys

APP = "ajtui"

from hashlib import blake2b


def cache_dir() -> str:
    """The user's cache folder for ajtui (platformdirs' `user_cache_dir`). On Linux with an
    absolute XDG_CACHE_HOME or HOME the answer is worked out here, as platformdirs does
    (importing it costs ≈ 10 ms of a command's start-up); anywhere else platformdirs says."""
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


#: The format layer's sources (relative to the package): every cached verdict depends on
#: them. The grammar is read where grammar.grammar_text() finds it (in the wheel, or in a
#: checkout) — not through ajtui.format.grammar, which would import Lark for nothing.
FORMAT_SOURCES = ("grammar/aj.lark", "../grammar/aj.lark", "format/grammar.py",
                  "format/parser.py", "format/model.py", "base/dates.py")


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


def read_entries(path, fingerprint: str) -> dict:
    """The `entries` of a cache file written under this fingerprint; {} for a missing,
    broken, foreign or stale file (no cache is never an error)."""
    import json

    data = read_cache_file(path)
    if data is None:
        return {}
    try:
        stored = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if (isinstance(stored, dict) and stored.get("fingerprint") == fingerprint
            and isinstance(stored.get("entries"), dict)):
        return stored["entries"]
    return {}
