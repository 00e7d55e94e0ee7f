"""Helpers shared by the subcommands: finding files, reporting errors, printing.

Everything printed that came from a file or from git goes through `ajtui.base.safetext`:
messages (`err`, `say`) always, data (`emit`, `data`) when written to a terminal, JSON
(`dump_json`) as `\\uXXXX` escapes that parse to the same data."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator


def expand(paths: list[str], *, suffix: str = ".aj") -> Iterator[str]:
    """Files named, and `*.aj` files under folders named (sorted, hidden folders skipped).
    A named path that does not exist is yielded as is so that the caller reports it; in a
    folder, what is not a regular file (a FIFO, a link to a device) is skipped with a
    warning, since reading it could wait for ever."""
    import stat

    for p in paths:
        if os.path.isdir(p) and not p.endswith(suffix):  # isdir: False on any OSError
            for root, dirs, files in os.walk(_folder_name(p)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.endswith(suffix) and not f.startswith("."):
                        found = os.path.join(root, f)
                        try:
                            regular = stat.S_ISREG(os.stat(found).st_mode)
                        except OSError:
                            regular = True  # gone, or a broken link: the reader says which
                        if regular:
                            yield found
                        else:
                            err(
                                f"{found}: warning: not a regular file, skipped"
                            )  # err() shows it safely
        else:
            yield p


def _folder_name(p: str) -> str:
    """The folder's name as pathlib writes it (`./a//b/` → `a/b`), which the files found
    in it start with, without importing pathlib on the paths git's drivers take."""
    if os.sep != "/" or p.startswith("//"):
        from pathlib import Path

        return str(Path(p))
    name = "/".join(part for part in p.split("/") if part not in ("", "."))
    return ("/" + name if p.startswith("/") else name) or "."


def err(message: str) -> None:
    """A diagnostic on stderr, with control and invisible characters shown."""
    from ajtui.base.safetext import safe

    print(safe(message), file=sys.stderr)


def say(message: str) -> None:
    """One line for the user on stdout (a file name, what was done), shown safely; a line
    break in a file name is shown too, so it cannot start a line of its own."""
    from ajtui.base.safetext import safe_line

    print(safe_line(message))


def data(text: str) -> None:
    """Data on stdout (CSV, file names, .aj text, a patch): verbatim into a pipe or a
    file, shown safely on a terminal."""
    from ajtui.base.safetext import for_stream

    sys.stdout.write(for_stream(text, sys.stdout))


def dump_json(value, **kw) -> None:
    """`value` as JSON on stdout (and a newline): the same data, nothing raw on a terminal."""
    import json

    from ajtui.base.safetext import json_text

    sys.stdout.write(json_text(json.dumps(value, ensure_ascii=False, **kw)) + "\n")


def stdout_console(**kw):
    """A Rich console for data on stdout (width: the terminal's, else 80); for the views of
    `ajtui.present.blocks` use `printer` (no Rich)."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False, **kw)


def printer(width: int | None = None):
    """A printer of `ajtui.present.blocks` on stdout, as Rich's console would print them."""
    from ajtui.present.printer import Printer

    return Printer(width=width)


def emit(
    output: str | None, text: str, *, force: bool = True, sources: tuple[str, ...] = ()
) -> int:
    """Write `text` to the file `output` (atomically), or to stdout; the exit code. Never
    over one of `sources` (also through a symlink or hard link); over an existing file only
    with `force`."""
    if not output:
        data(text)
        return 0
    import os

    for src in sources:
        try:
            same = os.path.samefile(src, output)
        except OSError:
            continue
        if same:
            err(
                f"{output}: error: is the input file {src}; not overwritten (write to another file)"
            )
            return 1
    if not force and os.path.lexists(output):
        err(f"{output}: error: exists; use --force to overwrite it")
        return 1
    from ajtui.base.writing import write_text

    try:
        write_text(output, text)
    except OSError as e:
        err(f"{output}: error: cannot write: {e.strerror or e}")
        return 1
    return 0
