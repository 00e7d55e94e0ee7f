"""Where ajtui keeps its caches, and what makes a cached answer valid: shared by `aj check`
(results by file content) and the history (what each version says, by git blob id).

Light on purpose (os and sys only at import): a warm `aj log` or `aj check` pays for no
more than it needs.
"""

from __future__ import annotations

import os
import sys

APP = "ajtui"

try:  # the builtin BLAKE2: `hashlib` loads OpenSSL first (≈ 4 ms of every cached run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
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


#: The format layer's sources (relative to the package): every cached verdict depends on
#: them. The grammar is read where grammar.grammar_text() finds it (in the wheel, or in a
#: checkout) — not through ajtui.grammar, which would import Lark for nothing.
FORMAT_SOURCES = ("grammar/aj.lark", "../grammar/aj.lark", "grammar.py", "parser.py",
                  "model.py")


def fingerprint(*sources: str) -> str:
    """What cached answers depend on besides their input: ajtui's version, Python's, and the
    code named (paths relative to the package), so that an edited checkout never reads
    stale results."""
    from . import __version__

    h = blake2b(digest_size=16)
    h.update(f"{__version__}\0{sys.version_info[:2]}\0".encode())
    package = os.path.dirname(os.path.realpath(__file__))
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

    try:
        with open(path, encoding="utf-8") as fh:
            stored = json.load(fh)
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if (isinstance(stored, dict) and stored.get("fingerprint") == fingerprint
            and isinstance(stored.get("entries"), dict)):
        return stored["entries"]
    return {}
