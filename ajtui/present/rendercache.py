"""`aj show`'s rendered text off a terminal, kept between runs by git blob id.

A blob id names a version's content for ever, and off a terminal the rendering is plain
text that depends only on that content, the width and the rendering code: `aj show --at`
of a version shown before prints it again without parsing the version or laying out its
tables (no Lark, no Rich). One cache file (ajtui.store.cache.CacheFile) per (blob, width,
encoding) in the user's cache folder (`show/`), named by a digest that also covers the code
the text came from (the format layer, `ajtui.present.render`, Rich's own version); at most
`ENTRIES` files, the least recently written go first. Anything unreadable reads as a
miss; a folder that cannot be written is not an error.

    text = cached(blob, width)                  # None: not kept (or not usable here)
    keep(blob, width, text)
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ajtui.store.cache import CacheFile

#: Files kept (a rendered description is ≈ 10–20 kB).
ENTRIES = 256
#: What the rendered text depends on besides the version's content.
SOURCES = ("present/render.py", "base/safetext.py", "present/rendercache.py")
#: Variables that make Rich write colour or terminal codes to a pipe; with any of them set
#: nothing is cached or read.
_STYLING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


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


def _file(blob: str, width: int | None) -> CacheFile | None:
    """The cache file for this rendering: one per (blob, width, encoding), named by a digest
    that also covers the code and Rich's version; None without a usable folder."""
    from ajtui.store.cache import FORMAT_SOURCES, CacheFile, fingerprint, name_key, private_dir

    folder = private_dir("show")
    if folder is None:
        return None
    stamp = fingerprint(*FORMAT_SOURCES, *SOURCES)
    encoding = getattr(sys.stdout, "encoding", None) or ""
    key = "\0".join(
        (stamp, _rich_version(), blob, repr(width), os.environ.get("COLUMNS", ""), encoding)
    )
    return CacheFile(os.path.join(folder, name_key(key, 16) + ".json"), stamp)


def cached(blob: str, width: int | None) -> str | None:
    """The text kept for the version `blob` at `width` (None: the terminal's or the
    environment's), or None."""
    if not usable():
        return None
    try:
        file = _file(blob, width)
        text = file.get("text") if file is not None else None
        return text if isinstance(text, str) else None
    except (OSError, ValueError):
        return None


def keep(blob: str, width: int | None, text: str) -> None:
    """Keep the text rendered for `blob` (only what `cached` may give back)."""
    if not usable():
        return
    try:
        file = _file(blob, width)
        if file is None or file.path is None:
            return
        file.put("text", text)
        file.save()
        from ajtui.store.cache import prune

        folder = os.path.dirname(file.path)
        prune(folder, ".json", max_files=ENTRIES)
        prune(folder, ".txt", max_files=0)  # the plain-text files of earlier versions
    except (OSError, ValueError):
        pass
