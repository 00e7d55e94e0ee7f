"""Helpers shared by the subcommands: finding files, reporting errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from collections.abc import Iterator


def expand(paths: list[str], *, suffix: str = ".aj") -> Iterator[str]:
    """Files named, and `*.aj` files under folders named (sorted, hidden folders skipped).
    A named path that does not exist is yielded as is so that the caller reports it."""
    for p in paths:
        path = Path(p)
        if os.path.isdir(p) and not p.endswith(suffix):  # isdir: False on any OSError
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.endswith(suffix) and not f.startswith("."):
                        yield os.path.join(root, f)
        else:
            yield p


def err(message: str) -> None:
    print(message, file=sys.stderr)


def stdout_console(**kw):
    """A Rich console for data on stdout; width from the terminal, or 100 when piped."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False, **kw)


def emit(output: str | None, text: str) -> int:
    """Write `text` to the file `output` (atomically), or to stdout; the exit code."""
    if not output:
        sys.stdout.write(text)
        return 0
    from ..writer import write_atomic

    try:
        write_atomic(output, text)
    except OSError as e:
        err(f"{output}: error: cannot write: {e.strerror or e}")
        return 1
    return 0
