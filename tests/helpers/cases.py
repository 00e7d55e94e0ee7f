"""Test cases kept as data, read by one loader (as mdformat's `tests/data/*.md` and tomlkit's
`tests/examples/`): the parse errors with their messages, the canonical-form pairs and the
import golden files.

A case file (`tests/fixtures/cases/*.txt`) holds cases one after another, each a name line
and two blocks closed by a line holding only a dot — the input, then what is expected:

    unknown section keyword, with a hint
    .
    ulesaned
      3.1 x
    .
    x.aj:1:1: AJ001 error: unknown section keyword 'ulesaned'
    …
    .

A block is its lines exactly, each with its newline (an empty block is empty text). Lines
before a case's name that start with `#`, and blank lines between cases, are commentary.
Characters a text file cannot show are written as markers: <TAB> <CR> <NUL> <BOM> <ESC>,
<SP> for a space that ends a line (so that no editor strips it), and <xHH> for one raw byte
(which need not be UTF-8, so inputs are bytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

CASES = FIXTURES / "cases"

_MARKERS = {
    "TAB": b"\t",
    "CR": b"\r",
    "NUL": b"\x00",
    "BOM": "\ufeff".encode(),
    "ESC": b"\x1b",
    "SP": b" ",
}
_MARKER = re.compile(rb"<(TAB|CR|NUL|BOM|ESC|SP|x[0-9A-F]{2})>")


@dataclass(frozen=True)
class Case:
    name: str
    input: bytes
    #: One text per case in a case file; for an import, one per description it holds.
    expected: tuple[str, ...]
    #: Where the case is written ("file:line"), for failure messages.
    origin: str
    #: The files the expected texts were read from, when each has its own.
    expected_files: tuple[Path, ...] = ()

    @property
    def text(self) -> str:
        return self.input.decode("utf-8")

    @property
    def output(self) -> str:
        (one,) = self.expected
        return one


def _unmark(block: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode()
        return bytes([int(name[1:], 16)]) if name.startswith("x") else _MARKERS[name]

    return _MARKER.sub(one, block)


def read(name: str) -> list[Case]:
    """The cases of `tests/fixtures/cases/NAME`, in file order."""
    path = CASES / name
    lines = path.read_bytes().split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith(b"#"):
            i += 1
            continue
        title, start = lines[i].decode("utf-8").strip(), i + 1
        blocks: list[bytes] = []
        i += 1
        for _ in range(2):
            if i >= len(lines) or lines[i] != b".":
                raise ValueError(f"{path.name}:{i + 1}: expected '.' in case {title!r}")
            end = lines.index(b".", i + 1) if b"." in lines[i + 1 :] else -1
            if end < 0:
                raise ValueError(f"{path.name}:{i + 1}: block of {title!r} is not closed")
            blocks.append(_unmark(b"".join(line + b"\n" for line in lines[i + 1 : end])))
            i = end
        i += 1
        if any(c.name == title for c in cases):
            raise ValueError(f"{path.name}:{start}: case {title!r} given twice")
        try:
            expected = blocks[1].decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(
                f"{path.name}:{start}: the expected text of {title!r} is not UTF-8"
            ) from None
        cases.append(Case(title, blocks[0], (expected,), f"{path.name}:{start}"))
    return cases


def named(file: str, name: str) -> Case:
    """One case of a case file, by its name."""
    found = [c for c in read(file) if c.name == name]
    if not found:
        raise KeyError(f"no case {name!r} in {file}")
    return found[0]


def unchanged(paths: Iterable[Path]) -> list[Case]:
    """Files that are their own expected output (text already in canonical form)."""
    return [Case(p.name, p.read_bytes(), (p.read_text(encoding="utf-8"),), str(p)) for p in paths]


def golden(sources: Iterable[Path], folder: Path) -> list[Case]:
    """A source with its expected files in `folder`: `STEM.aj`, or `STEM--*.aj` when the
    source holds several descriptions (none when it holds none)."""
    out = []
    for src in sources:
        one = folder / f"{src.stem}.aj"
        files = [one] if one.exists() else sorted(folder.glob(f"{src.stem}--*.aj"))
        out.append(
            Case(
                src.stem,
                src.read_bytes(),
                tuple(f.read_text(encoding="utf-8") for f in files),
                str(src),
                tuple(files),
            )
        )
    return out


def params(cases: Iterable[Case]) -> list:
    """`pytest.mark.parametrize` values, each case under its own name."""
    return [pytest.param(c, id=c.name) for c in cases]
