"""`aj show`'s rendered text off a terminal, kept between runs by git blob id.

A blob id names a version's content for ever, and off a terminal the rendering is plain
text that depends only on that content, the width and the rendering code: `aj show --at`
of a version shown before prints it again without parsing the version or laying out its
tables (no Lark, no Rich). One file per (blob, width, encoding) in the user's cache folder
(`show/`), named by a digest that also covers the code the text came from (the format
layer, `ajtui.present.render`, Rich's own version); at most `ENTRIES` files, the least recently
written go first. Anything unreadable reads as a miss; a folder that cannot be written is
not an error.

    text = cached(blob, width)                  # None: not kept (or not usable here)
    keep(blob, width, text)
"""

from __future__ import annotations

import os
import sys

#: Files kept (a rendered description is ≈ 10–20 kB).
ENTRIES = 256
#: What the rendered text depends on besides the version's content.
SOURCES = ("present/render.py", "base/safetext.py", "present/rendercache.py")
#: Variables that make Rich write colour or terminal codes to a pipe; with any of them set
#: nothing is cached or read.
_STYLING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS",
            "JUPYTER_LINES")


def usable() -> bool:
    """Whether stdout gets plain text: not a terminal, and no variable asking Rich for
    styles anyway."""
    if "IPython" in sys.modules or "idlelib" in sys.modules:  # Rich decides there
        return False
    try:
        if sys.stdout is None or sys.stdout.isatty():
            return False
    except (AttributeError, ValueError, OSError):
        return False
    return not any(os.environ.get(v) for v in _STYLING)


def _rich_version() -> str:
    """Where Rich is and the size and time of its layout modules, without importing it
    (nor importlib.util, which imports pathlib): an upgraded Rich is another key."""
    for entry in sys.path:
        folder = os.path.join(entry or ".", "rich")
        try:
            marks = []
            for name in ("console.py", "table.py", "text.py", "box.py"):
                st = os.stat(os.path.join(folder, name))
                marks.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except (OSError, ValueError):
            continue
        return f"{os.path.abspath(folder)}\0{' '.join(marks)}"
    return ""


def _path(blob: str, width: int | None) -> str | None:
    from ajtui.store.cache import FORMAT_SOURCES, blake2b, fingerprint, private_dir

    folder = private_dir("show")
    if folder is None:
        return None
    encoding = getattr(sys.stdout, "encoding", None) or ""
    key = "\0".join((fingerprint(*FORMAT_SOURCES, *SOURCES), _rich_version(), blob,
                     repr(width), os.environ.get("COLUMNS", ""), encoding))
    return os.path.join(folder, blake2b(key.encode("utf-8", "surrogateescape"),
                                        digest_size=16).hexdigest() + ".txt")


def cached(blob: str, width: int | None) -> str | None:
    """The text kept for the version `blob` at `width` (None: the terminal's or the
    environment's), or None."""
    if not usable():
        return None
    try:
        path = _path(blob, width)
        if path is None:
            return None
        from ajtui.store.cache import read_cache_file

        data = read_cache_file(path)
        return None if data is None else data.decode("utf-8")
    except (OSError, ValueError):
        return None


def keep(blob: str, width: int | None, text: str) -> None:
    """Keep the text rendered for `blob` (only what `cached` may give back)."""
    if not usable():
        return
    try:
        path = _path(blob, width)
        if path is None:
            return
        tmp = f"{path}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        os.replace(tmp, path)
        _prune(os.path.dirname(path))
    except (OSError, ValueError):
        pass


def _prune(folder: str) -> None:
    with os.scandir(folder) as found:
        files = [e for e in found if e.name.endswith(".txt") and e.is_file()]
    if len(files) <= ENTRIES:
        return
    files.sort(key=lambda e: e.stat().st_mtime_ns)
    for e in files[:len(files) - ENTRIES]:
        try:
            os.unlink(e.path)
        except OSError:
            pass
