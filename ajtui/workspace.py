"""A workspace: a folder of .aj descriptions, with their status. No UI here.

The app lists files first (cheap), then indexes them one by one in a thread so that rows
appear as they are read; `changes()` tells what moved on disk since the last look.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

SUFFIX = ".aj"

#: Git states as the history layer reports them, plus ours.
CLEAN, MODIFIED, ADDED, UNTRACKED, DELETED = "clean", "modified", "added", "untracked", "deleted"
INVALID = "invalid"


#: A section line that the quick scan (`Workspace.peek`) cares about.
_HEADER = re.compile(r"(?:\d+\.\s+)?(ametijuhend|üldosa|uldosa)(?=[ :]|$)", re.IGNORECASE)


class WorkspaceError(Exception):
    """A workspace that cannot be opened; the message names the path."""


Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp | None:
    """(mtime in ns, size): what tells us a file changed on disk."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def one_line(text: str | None) -> str:
    """A value with the author's line breaks joined, for a one-line cell."""
    if not text:
        return ""
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


@dataclass
class Entry:
    """One description as the library shows it."""

    path: Path
    #: Path inside the workspace, with forward slashes.
    name: str
    title: str = ""
    unit: str = ""
    manager: str = ""
    #: The latest approval as written in the header: "nr 95, 11.06.2023", "töölepingu lisa".
    directive: str = ""
    directive_number: str = ""
    directive_date: str = ""
    #: Sortable date (yyyy-mm-dd) of the approval, "" when there is none.
    directive_sort: str = ""
    errors: int = 0
    warnings: int = 0
    #: The first error, on one line ("12:3: unexpected …").
    problem: str = ""
    #: clean | modified | added | untracked | deleted, or "" outside git.
    git: str = ""
    indexed: bool = False
    stamp: Stamp | None = field(default=None, repr=False)

    @property
    def status(self) -> str:
        if self.errors:
            return INVALID
        if self.git:
            return self.git
        return "ok" if self.indexed else "…"

    @property
    def label(self) -> str:
        return self.title or Path(self.name).stem

    def haystack(self) -> str:
        """What the filter matches against."""
        return f"{self.label} {self.unit} {self.name}"


class Workspace:
    def __init__(self, path: str | Path) -> None:
        p = Path(path).expanduser()
        try:
            p = p.resolve()
        except OSError as e:
            raise WorkspaceError(f"{path}: {e.strerror or e}") from None
        #: A file named on the command line: opened after the library appears.
        self.initial: Path | None = None
        if p.is_file():
            if p.suffix != SUFFIX:
                raise WorkspaceError(f"{path}: not a .aj description file")
            self.initial, p = p, p.parent
        elif not p.exists():
            raise WorkspaceError(f"{path}: no such folder")
        elif not p.is_dir():
            raise WorkspaceError(f"{path}: not a folder")
        if not os.access(p, os.R_OK | os.X_OK):
            raise WorkspaceError(f"{path}: permission denied")
        self.root = p

    @property
    def display_name(self) -> str:
        return self.root.name or str(self.root)

    def name_of(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # --- files --------------------------------------------------------------------------

    def scan(self) -> list[Path]:
        """Every *.aj file below the root, hidden folders skipped, sorted."""
        found: list[Path] = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.endswith(SUFFIX) and not f.startswith("."):
                    found.append(Path(folder) / f)
        return found

    def stamps(self, paths: Iterable[Path] | None = None) -> dict[Path, Stamp]:
        out = {}
        for p in self.scan() if paths is None else paths:
            s = stamp(p)
            if s is not None:
                out[p] = s
        return out

    def changes(self, known: dict[Path, Stamp]) -> tuple[list[Path], list[Path], list[Path]]:
        """(added, removed, changed) files since `known` was taken."""
        now = self.stamps()
        added = [p for p in now if p not in known]
        removed = [p for p in known if p not in now]
        changed = [p for p in now if p in known and now[p] != known[p]]
        return added, removed, changed

    def git_root(self) -> Path | None:
        """The enclosing git work tree, found without starting git."""
        for folder in (self.root, *self.root.parents):
            if (folder / ".git").exists():
                return folder
        return None

    # --- indexing -----------------------------------------------------------------------

    def entry(self, path: Path) -> Entry:
        return Entry(path=path, name=self.name_of(path))

    def peek(self, path: Path) -> Entry:
        """Title, unit, manager and approval from a quick scan of the header lines, without
        the parser: what the library shows at once, before `index` has checked the file.
        Never raises; the entry is not `indexed`."""
        from . import model as m

        e = self.entry(path)
        try:
            if path.stat().st_size > 4 * 1024 * 1024:
                return e
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            return e
        values: dict[tuple[str, str], str] = {}
        section: str | None = None
        key: tuple[str, str] | None = None
        key_indent = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(line) - len(line.lstrip(" "))
            if indent == 0:
                mo = _HEADER.match(line)
                section = m.SECTION_KEYWORDS[mo.group(1).lower()] if mo else None
                key = None
                continue
            if section is None:
                continue
            if key is not None and indent > key_indent:
                values[key] += "\n" + stripped
                continue
            name, sep, value = stripped.partition(":")
            if not sep or stripped.startswith("- "):
                key = None
                continue
            key = (section, m.canonical_key(section, name.strip()))
            key_indent = indent
            values.setdefault(key, value.strip())
        e.title = one_line(values.get(("üldosa", "ametinimetus")))
        e.unit = one_line(values.get(("üldosa", "struktuuriüksus")))
        e.manager = one_line(values.get(("üldosa", "vahetu juht")))
        kind = (values.get(("ametijuhend", "kinnitatud")) or "").strip().lower()
        if kind in m.APPROVAL_KINDS[m.CONTRACT_ANNEX]:
            e.directive = "töölepingu lisa"
        else:
            e.directive_number = one_line(values.get(("ametijuhend", "number")))
            e.directive_date = one_line(values.get(("ametijuhend", "kuupäev")))
            e.directive = ", ".join(x for x in (e.directive_number and
                                                f"nr {e.directive_number}",
                                                e.directive_date) if x)
        d = m.parse_date(e.directive_date)
        e.directive_sort = d.isoformat() if d else ""
        return e

    def index(self, path: Path) -> Entry:
        """Read, parse and check one file. Never raises: a bad file is an invalid entry."""
        from .parser import AjError, AjSyntaxError, loads, read_text
        from .validate import validate

        e = self.entry(path)
        e.stamp = stamp(path)
        e.indexed = True
        try:
            text = read_text(str(path))
            doc = loads(text, path=e.name)
        except AjSyntaxError as err:
            e.errors, e.problem = 1, f"{err.line}:{err.column}: {err.message}"
            return e
        except AjError as err:
            e.errors, e.problem = 1, err.message
            return e
        e.title = one_line(doc.general.title)
        e.unit = one_line(doc.general.unit)
        e.manager = one_line(doc.general.manager)
        appr = doc.approval
        if appr is not None:
            if appr.is_contract_annex:
                e.directive = "töölepingu lisa"
            else:
                e.directive_number = one_line(appr.number)
                e.directive_date = one_line(appr.date_text)
                e.directive = ", ".join(x for x in (e.directive_number and
                                                    f"nr {e.directive_number}",
                                                    e.directive_date) if x)
            d = appr.date
            e.directive_sort = d.isoformat() if d else ""
        for diag in validate(doc):
            if diag.is_error:
                e.errors += 1
                if not e.problem:
                    e.problem = f"{diag.line}:{diag.column}: {diag.message}"
            else:
                e.warnings += 1
        return e

    def iter_index(self, paths: Iterable[Path]) -> Iterator[Entry]:
        for p in paths:
            yield self.index(p)
