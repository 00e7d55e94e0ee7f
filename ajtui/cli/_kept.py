"""A command's printed output, kept between runs by what it was made from.

`aj show`, `aj diff A B` and git's `aj git-diff` print a layout that depends only on the
versions' content, the width, the options and the code: a second run over the same content
prints what the first printed (stdout, stderr and exit code) without parsing, comparing or
importing Rich — which alone costs four times the interpreter's start-up
(tests/benchmarks/README.md, "drivers").

    record = lookup("show", (blob_id(data),), width)       # None: not kept, or not usable
    if record is not None:
        return replay(record)
    ...                                                     # print, and capture it
    keep("show", (blob_id(data),), width, {"out": text, "err": "", "code": 0})

Kept only off a terminal (a pipe, a file, git's pager with colour forced: `styled`), where
nothing but those inputs decides the bytes. One file per rendering in the user's cache
folder (`kept/`, ajtui.store.cache: private, atomic, a folder that cannot be written is
not an error), at most `ENTRIES` (about: the folder is pruned on one write in
`PRUNE_ONE_IN`), the least recently written go first. Each file names the
ajtui modules that were loaded when it was made and their `fingerprint`: an edited or
upgraded ajtui never prints an old layout. Anything unreadable reads as a miss.

A file is text, not JSON (no run need import `json` to read or write one): a line `FORMAT`,
the fingerprint, the exit code, the sources (paths in the package) separated by NULs, the
lengths of stderr's and stdout's texts in characters, then the two texts.
"""

from __future__ import annotations

import os
import sys

#: Files kept (a rendered description is ≈ 10–20 kB), and bytes: the least recently
#: written go first; an output larger than `LARGEST` is not kept.
ENTRIES, BYTES, LARGEST = 512, 32 << 20, 4 << 20
#: The folder is pruned when the new file's name (hex, random) is a multiple of this: a full
#: folder costs a stat of each of its files, which every first run paid.
PRUNE_ONE_IN = 16
#: Variables that make Rich write colour or terminal codes to a pipe: with any of them set,
#: plain output is neither kept nor read.
_STYLING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")
#: What Rich reads from the environment when it writes for a terminal: part of the key of
#: styled output (colour depth, dumb terminals, sizes).
_RICH_ENVIRONMENT = (
    *_STYLING,
    "NO_COLOR",
    "COLORTERM",
    "TERM",
    "COLUMNS",
    "LINES",
    "DATABRICKS_RUNTIME_VERSION",
)
#: Data files the format layer reads besides its modules.
_DATA = ("format/driver_tables.json", "format/grammar_tables.json")
#: The first line of a kept file, and its folder in the cache (earlier versions' folders,
#: of JSON files, are emptied by `keep`).
FORMAT, FOLDER, _OLD_FOLDERS = "ajtui kept output 2", "kept", ("output", "show")


def blob_id(data: bytes) -> str:
    """git's name for this content (`git hash-object`): a version shown from git and the
    same text in a file share one entry."""
    from ajtui.base.digests import blob_id as git_blob_id

    return git_blob_id(data)


def usable(styled: bool = False) -> bool:
    """Whether output made now may be kept or replayed: off a terminal and with no variable
    asking Rich for styles; `styled` (the caller forces terminal codes, as git's pager
    wants) on any platform but Windows, whose consoles Rich drives by other means."""
    if "IPython" in sys.modules or "idlelib" in sys.modules:  # Rich decides there
        return False
    if styled:
        return sys.platform != "win32"
    try:
        if sys.stdout is None or sys.stdout.isatty():
            return False
    except (AttributeError, ValueError, OSError):
        return False
    return not any(os.environ.get(v) for v in _STYLING)


def _rich_version() -> str:
    """Where Rich is and the size and time of its layout modules, without importing it: an
    upgraded Rich is another key."""
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


def _terminal_size() -> str:
    """The size Rich takes as the width when none is given: the first of stdin, stdout and
    stderr that is a terminal (`aj show FILE > out` in a terminal is laid out at its
    width; in a script, without one, at 80 columns)."""
    for fd in (0, 1, 2):
        try:
            return repr(tuple(os.get_terminal_size(fd)))
        except (AttributeError, ValueError, OSError):
            continue
    return ""


def _path(kind: str, inputs: tuple[str, ...], width: int | None, styled: bool) -> str | None:
    """The file of this rendering, or None without a usable cache folder."""
    from ajtui.store.cache import name_key, private_dir

    folder = private_dir(FOLDER)
    if folder is None:
        return None
    environment = _RICH_ENVIRONMENT if styled else ("COLUMNS",)
    key = "\0".join(
        (
            kind,
            *inputs,
            repr(width),
            "" if width is not None else _terminal_size(),
            repr(styled),
            getattr(sys.stdout, "encoding", None) or "",
            _rich_version(),
            *(f"{v}={os.environ.get(v, '')}" for v in environment),
        )
    )
    return os.path.join(folder, name_key(key, 16) + ".txt")


def _package() -> str:
    return os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def fingerprint(sources: list[str], package: str | None = None) -> str:
    """What a layout depends on besides its inputs: ajtui's version, Python's, and each of
    the sources (paths in `package`, ajtui's folder by default) by its size, modification
    time in nanoseconds and inode — what Python itself checks, to the second, before it runs
    a module's cached bytecode: an edited, replaced or upgraded module is another
    fingerprint. Not by content, as ajtui.store.cache.fingerprint is: reading every source
    at each run costs several times a stat of each."""
    from ajtui import __version__
    from ajtui.base.digests import blake2b

    h = blake2b(digest_size=16)
    h.update(f"{__version__}\0{sys.version_info[:2]}\0".encode())
    folder = _package() if package is None else package
    for name in sources:
        try:
            st = os.stat(os.path.join(folder, name))
            mark = f"{st.st_size}:{st.st_mtime_ns}:{st.st_dev}:{st.st_ino}"
        except (OSError, ValueError):
            mark = "-"
        h.update(f"{name}\0{mark}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _loaded_sources() -> list[str]:
    """ajtui's modules loaded by now and the format layer's data, relative to the package."""
    from ajtui.store.cache import FORMAT_SOURCES

    package = _package()
    # the modules' files are named from the folder this one is in: the rest of the name is
    # the relative path (realpath on each costs a stat per folder of the path)
    given = os.path.dirname(os.path.dirname(__file__)) + os.sep
    found = dict.fromkeys((*FORMAT_SOURCES, *_DATA))
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if not ((name == "ajtui" or name.startswith("ajtui.")) and where):
            continue
        if os.path.isabs(given) and where.startswith(given):
            found[where[len(given) :]] = None
        else:
            found[os.path.relpath(os.path.realpath(where), package)] = None
    return sorted(found)


def encode(sources: list[str], stamp: str, record: dict) -> str:
    """The text of a kept file (see the module's docstring); ValueError for a source
    name that cannot be written in it."""
    if any("\0" in n or "\n" in n for n in sources):
        raise ValueError("a source name with a NUL or a line break")
    err, out, code = record["err"], record["out"], int(record["code"])
    sizes = f"{len(err)} {len(out)}"
    return f"{FORMAT}\n{stamp}\n{code}\n{chr(0).join(sources)}\n{sizes}\n{err}{out}"


def decode(text: str) -> tuple[list[str], str, dict] | None:
    """(sources, fingerprint, record) of a kept file's text, or None when it is not one."""
    parts = text.split("\n", 5)
    if len(parts) != 6 or parts[0] != FORMAT:
        return None
    _, stamp, code, names, sizes, rest = parts
    lengths = sizes.split(" ")
    if not (_number(code) and len(lengths) == 2 and all(map(_number, lengths))):
        return None
    cut, size = int(lengths[0]), int(lengths[1])
    if cut + size != len(rest):  # cut short, or more than was written
        return None
    sources = names.split("\0")
    if not all(sources) or any(os.path.isabs(n) for n in sources):
        return None
    return sources, stamp, {"out": rest[cut:], "err": rest[:cut], "code": int(code)}


def _number(text: str) -> bool:
    """Digits 0-9 only, at most 12 (str.isdigit takes other scripts' digits and `²`)."""
    return 0 < len(text) <= 12 and text.isascii() and text.isdigit()


def lookup(kind: str, inputs: tuple[str, ...], width: int | None, *, styled: bool = False):
    """The record kept for these inputs ({"out", "err", "code"}), or None."""
    if not usable(styled):
        return None
    try:
        from ajtui.store.cache import read_cache_file

        path = _path(kind, inputs, width, styled)
        data = read_cache_file(path) if path is not None else None
        if data is None:
            return None
        found = decode(data.decode("utf-8"))
        if found is None:
            return None
        sources, stamp, record = found
        return record if stamp == fingerprint(sources) else None
    except (OSError, ValueError):
        return None


def replay(record: dict) -> int:
    """Print a kept record as it was printed; its exit code."""
    if record["err"]:
        sys.stderr.write(record["err"])
    sys.stdout.write(record["out"])
    return record["code"]


def keep(
    kind: str, inputs: tuple[str, ...], width: int | None, record: dict, *, styled: bool = False
) -> None:
    """Keep what this run printed for these inputs (only what `lookup` may give back)."""
    if not usable(styled) or len(record["out"]) + len(record["err"]) > LARGEST:
        return
    try:
        from ajtui.base.writing import remove_stale_temps, write_cache
        from ajtui.store.cache import cache_dir, prune

        path = _path(kind, inputs, width, styled)
        if path is None:
            return
        sources = _loaded_sources()
        write_cache(path, encode(sources, fingerprint(sources), record))
        if int(os.path.basename(path)[:4], 16) % PRUNE_ONE_IN == 0:
            prune(os.path.dirname(path), ".txt", max_files=ENTRIES, max_bytes=BYTES)
            remove_stale_temps(os.path.dirname(path), "")
        for name in _OLD_FOLDERS:  # what earlier versions kept
            old = os.path.join(cache_dir(), name)
            if os.path.isdir(old):
                prune(old, ".json", max_files=0)
                prune(old, ".txt", max_files=0)
    except (OSError, ValueError):
        pass
