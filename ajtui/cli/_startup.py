"""Two things the `aj` process does to start and end sooner: git runs `aj git-diff` and
`aj git-textconv` once per file, and the one-file commands have a start-up budget of four
times the interpreter's own (tests/benchmarks/README.md, "Ninth round", has the figures).

- `import_argparse()`: argparse imported without `gettext`. argparse binds
  `gettext.gettext` and `gettext.ngettext` when it is imported, and `gettext` compiles a
  regular expression for plural forms on import; aj's messages are English and no
  translation is installed, so argparse gets `str` and a plain plural instead. Only the
  import sees the stand-in: `gettext` is not left in `sys.modules`.
- `leave(code)`: the end of a command that holds nothing the interpreter's teardown would
  finish (no thread, no `atexit` function, output flushed): `os._exit`, skipping the
  freeing of every module and object one by one. Anything else exits as usual.
"""

from __future__ import annotations

import os
import sys

#: Commands that write files only through ajtui.base.writing (whole, at once), start no
#: thread and leave no buffered file open: they may leave without the teardown.
QUICK = frozenset({"show", "diff", "check", "git-diff", "git-textconv"})


def plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def import_argparse() -> None:
    """Import argparse (without gettext, unless either is already loaded)."""
    if "argparse" in sys.modules:
        return
    stand_in = None
    if "gettext" not in sys.modules:
        stand_in = type(sys)("gettext")
        stand_in.gettext = str  # type: ignore[attr-defined]  # what argparse imports from it
        stand_in.ngettext = plural  # type: ignore[attr-defined]  # the same
        sys.modules["gettext"] = stand_in
    try:
        import argparse  # noqa: F401  # (loaded for the caller)
    finally:
        if stand_in is not None and sys.modules.get("gettext") is stand_in:
            del sys.modules["gettext"]


def leave(command: str | None, code: int) -> None:
    """End the process with `code` now when `command` may (see the module's docstring);
    otherwise return, and the caller exits as usual."""
    if command not in QUICK or not _nothing_left():
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # the usual exit reports or ignores it as it always has
    os._exit(code)


def _nothing_left() -> bool:
    """No `atexit` function registered and no thread but this one."""
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    if count is None or count() != 0:
        return False
    thread = sys.modules.get("_thread")
    started = getattr(thread, "_count", None)
    return thread is None or (started is not None and started() == 0)
