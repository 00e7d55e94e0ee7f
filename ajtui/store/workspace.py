"""A workspace: a folder of .aj descriptions, with their status. No UI here.

The app lists files first (cheap) and takes a first look at each (`first_look`: what the
index cache knows by content, else a quick scan of the header lines), then indexes the rest
one by one in a thread so that rows appear at once and fill in as they are checked;
`changes()` tells what moved on disk since the last look.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ajtui.base.dates import parse_date
from ajtui.base.reading import MAX_FILE_BYTES, ReadError, read_stat
from ajtui.store.cache import CacheFile, content_key, name_key

SUFFIX = ".aj"
#: Larger files are not read by the library (the parser refuses them too).
MAX_BYTES = MAX_FILE_BYTES
#: Up to this many files, the app looks at them before its first frame.
LOOK_AHEAD = 2000

#: Git states as the history layer reports them, plus ours.
CLEAN, MODIFIED, ADDED, UNTRACKED, DELETED = "clean", "modified", "added", "untracked", "deleted"
INVALID = "invalid"
#: git's unmerged state: a merge left the file with conflicts (before it is invalid)
CONFLICT = "conflict"


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
    #: The prose the filter also searches, packed in one string (`pack_prose`: a list of
    #: pairs costs three times the text's size, ≈ 8 KB more a description); "" until
    #: indexed; None when the index cache has it (its own file, read when the library's
    #: text index is made: `Workspace.load_prose`). `texts` gives the pairs.
    prose: str | None = field(default="", repr=False)
    #: The content's key in the index cache ("" without one).
    key: str = field(default="", repr=False)

    @property
    def status(self) -> str:
        if self.git == CONFLICT:
            return CONFLICT
        if self.errors:
            return INVALID
        if self.git:
            return self.git
        return "ok" if self.indexed else "…"

    @property
    def texts(self) -> list[tuple[str, str]]:
        """The prose the filter also searches: (where, text) pairs ("ülesanne 3.2", the
        duty's text on one line), in document order (`prose_of`)."""
        return unpack_prose(self.prose or "")

    @property
    def label(self) -> str:
        return self.title or Path(self.name).stem

    def haystack(self) -> str:
        """What the filter matches against."""
        return f"{self.label} {self.unit} {self.name}"


class Workspace:
    """`cache`: keep what `index` found in the user's cache folder (True), in the given
    folder, or nowhere (False, the default for library use and tests)."""

    def __init__(self, path: str | Path, *, cache: bool | str | Path = False) -> None:
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
        self._prefix = os.path.join(str(p), "")
        self._cache_setting = cache
        self._cache: IndexCache | None = None
        self._cache_lock = threading.Lock()
        self._early: tuple[list[Entry], list[Path]] | None = None

    @property
    def display_name(self) -> str:
        return self.root.name or str(self.root)

    def name_of(self, path: Path) -> str:
        text = str(path)
        if text.startswith(self._prefix) and os.sep == "/":  # the common case, quickly
            return text[len(self._prefix) :]
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return text

    # --- files --------------------------------------------------------------------------

    def scan(self) -> list[Path]:
        """Every *.aj file below the root, hidden files and folders skipped, symlinked
        folders not entered, unreadable folders passed; in os.walk's top-down order (a
        folder's files, then its subfolders), sorted by name."""
        return [Path(p) for p in self._files(ordered=True)]

    def _files(self, ordered: bool = False) -> Iterator[str]:
        """The paths of the files `scan` lists, as text."""
        for folder, subfolders, names in os.walk(self.root):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            if ordered:
                subfolders.sort()
                names.sort()
            for name in names:
                if name.endswith(SUFFIX) and not name.startswith("."):
                    yield os.path.join(folder, name)

    def stamps(self, paths: Iterable[Path] | None = None) -> dict[Path, Stamp]:
        if paths is None:
            return {Path(p): s for p, s in self._walk_stamps().items()}
        out = {}
        for p in paths:
            s = stamp(p)
            if s is not None:
                out[p] = s
        return out

    def _walk_stamps(self) -> dict[str, Stamp]:
        """The stamp of every file `scan` lists, by path text, without Path objects: the
        library's poll where the file system's events are not to be had (`watch`)."""
        out: dict[str, Stamp] = {}
        for path in self._files():
            try:
                st = os.stat(path)
            except OSError:  # gone since the listing, or a broken link
                continue
            out[path] = (st.st_mtime_ns, st.st_size)
        return out

    def changes(self, known: dict[Path, Stamp]) -> tuple[list[Path], list[Path], list[Path]]:
        """(added, removed, changed) files since `known` was taken: the library's poll
        where `watch` has no events to give (no Path objects for the files that stayed)."""
        now = self._walk_stamps()
        seen: set[str] = set()
        removed, changed = [], []
        for p, was in known.items():
            key = str(p)
            seen.add(key)
            is_ = now.get(key)
            if is_ is None:
                removed.append(p)
            elif is_ != was:
                changed.append(p)
        added = sorted(Path(p) for p in now if p not in seen)
        return added, removed, changed

    def watch(self, stop: threading.Event) -> Iterator[tuple[list[Path], list[Path], list[Path]]]:
        """(added, removed, changed) files of those `scan` lists, as the file system reports
        them (watchfiles: inotify, FSEvents, ReadDirectoryChangesW), a batch at a time,
        until `stop` is set. Raises when the folder cannot be watched (then poll with
        `changes`)."""
        from watchfiles import Change, watch

        prefix = self._prefix

        def wanted(_change: Change, path: str) -> bool:
            if not path.endswith(SUFFIX) or not path.startswith(prefix):
                return False
            return not any(part.startswith(".") for part in path[len(prefix) :].split(os.sep))

        for batch in watch(
            self.root,
            watch_filter=wanted,
            stop_event=stop,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            kinds: dict[str, set[Change]] = {}
            for change, path in batch:
                kinds.setdefault(path, set()).add(change)
            added, removed, changed = [], [], []
            for path, seen in sorted(kinds.items()):
                folder = os.path.dirname(path)
                if os.path.realpath(folder) != folder:
                    continue  # inside a symlinked folder, which `scan` does not enter
                if not os.path.lexists(path):
                    removed.append(Path(path))
                elif os.path.isdir(path):
                    continue
                elif Change.added in seen:
                    added.append(Path(path))
                else:
                    changed.append(Path(path))
            if added or removed or changed:
                yield added, removed, changed

    def git_root(self) -> Path | None:
        """The enclosing git work tree, found without starting git."""
        for folder in (self.root, *self.root.parents):
            if (folder / ".git").exists():
                return folder
        return None

    # --- indexing -----------------------------------------------------------------------

    def entry(self, path: Path) -> Entry:
        return Entry(path=path, name=self.name_of(path))

    def read(self, path: Path) -> tuple[Stamp | None, bytes | None]:
        """(stamp, bytes) of a regular file small enough to be a description; bytes are
        None when it cannot be read (`index` then says why)."""
        try:  # os-level: a thousand files at start-up, few system calls each
            st, data = read_stat(path, MAX_BYTES)
        except ReadError as e:  # `index` says why
            found = e.stat
            return ((found.st_mtime_ns, found.st_size) if found is not None else stamp(path)), None
        return (st.st_mtime_ns, st.st_size), data

    def first_look(self, paths: Iterable[Path]) -> tuple[list[Entry], list[Path]]:
        """What the library shows at once, without the parser: the indexed entry from the
        cache where this content was indexed before, else a quick scan of the header
        lines (`peek`). Returns the entries, in order, and the files still to index."""
        cache = self.index_cache()
        if cache is not None and not cache.entries:
            cache = None  # nothing to look up: do not hash
        entries: list[Entry] = []
        todo: list[Path] = []
        for path in paths:
            when, data = self.read(path)
            e = self.entry(path)
            if data is not None:
                if cache is not None and cache.fill(e, cache.key(data)):
                    e.stamp, e.indexed = when, True
                    entries.append(e)
                    continue
                _peek(e, data.decode("utf-8", "replace"))
            entries.append(e)
            todo.append(path)
        return entries, todo

    def look_ahead(self, limit: int = LOOK_AHEAD) -> None:
        """`first_look` at every file now, when there are at most `limit`: the app calls
        this before it imports Textual, so that the library's first frame has its rows.
        (In a thread, next to the import, it took several times as long: each file read
        gives up the GIL and waits for it again.) `early_look` returns the result."""
        try:
            paths = self.scan()
            self._early = self.first_look(paths) if len(paths) <= limit else None
        except Exception:
            self._early = None

    def early_look(self) -> tuple[list[Entry], list[Path]] | None:
        """What `look_ahead` found, once; None when it did not look."""
        found, self._early = self._early, None
        return found

    def peek(self, path: Path) -> Entry:
        """Title, unit, manager and approval from a quick scan of the header lines, without
        the parser: what the library shows at once, before `index` has checked the file.
        Never raises; the entry is not `indexed`."""
        e = self.entry(path)
        _when, data = self.read(path)
        if data is not None:
            _peek(e, data.decode("utf-8", "replace"))
        return e

    def index(self, path: Path) -> Entry:
        """Read, parse and check one file. Never raises: a bad file is an invalid entry.
        With the index cache on, a content indexed before is not parsed again."""
        e = self.entry(path)
        e.stamp, data = self.read(path)
        e.indexed = True
        cache = self.index_cache()
        key = cache.key(data) if cache is not None and data is not None else None
        if cache is not None and key is not None and cache.fill(e, key):
            return e
        from ajtui.base.errors import AjError, AjSyntaxError, decode
        from ajtui.base.reading import read_text
        from ajtui.format import vocabulary as v
        from ajtui.format.parser import loads
        from ajtui.format.validate import validate

        try:
            # unreadable, too large, a folder, a FIFO: read_text says which
            text = read_text(str(path)) if data is None else decode(data, e.name)
            doc = loads(text, path=e.name)
        except AjSyntaxError as err:
            e.errors, e.problem = 1, f"{err.line}:{err.column}: {err.message}"
            if cache is not None and key is not None:
                cache.put(key, e)
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
                e.directive = v.CONTRACT_ANNEX_LABEL
            else:
                e.directive_number = one_line(appr.number)
                e.directive_date = one_line(appr.date_text)
                e.directive = ", ".join(
                    x
                    for x in (e.directive_number and f"nr {e.directive_number}", e.directive_date)
                    if x
                )
            d = appr.date
            e.directive_sort = d.isoformat() if d else ""
        e.prose = pack_prose(prose_of(doc))
        for diag in validate(doc):
            if diag.is_error:
                e.errors += 1
                if not e.problem:
                    e.problem = f"{diag.line}:{diag.column}: {diag.message}"
            else:
                e.warnings += 1
        if cache is not None and key is not None:
            cache.put(key, e)
        return e

    def iter_index(self, paths: Iterable[Path]) -> Iterator[Entry]:
        for p in paths:
            yield self.index(p)

    # --- the index cache ----------------------------------------------------------------

    def cache_folder(self) -> Path | None:
        """Where this workspace's cached answers are kept (the library's index, the
        organisation's facts), or None when the cache is off."""
        setting = self._cache_setting
        if setting is True:
            from ajtui.store.cache import private_dir

            folder = private_dir()  # None: not to be had, or not ours alone
            if folder is None:
                self._cache_setting = False
                return None
            setting = folder
        return None if setting is False else Path(setting)

    def index_cache(self) -> IndexCache | None:
        """The cache of indexed entries (opened on first use), or None when it is off."""
        if self._cache_setting is False:
            return None
        with self._cache_lock:
            if self._cache is None:
                folder = self.cache_folder()
                if folder is None:
                    return None
                self._cache = IndexCache.open(folder, self.root)
            return self._cache

    def save_cache(self) -> None:
        """Write what was indexed this session (a no-op when nothing is new)."""
        if self._cache is not None:
            self._cache.save()

    def load_prose(self, entries: Iterable[Entry], stop: Callable[[], bool] | None = None) -> bool:
        """Fill in the prose of entries that the index cache has (`Entry.prose` None): from
        the cache's prose file, read now (it is most of the cache: the library's first
        rows do not wait for it), else from the file parsed again. Call it with every
        entry of the library: the prose file then keeps theirs. `stop` is asked now and
        then whether to give up (False: given up)."""
        cache = self.index_cache()
        for n, e in enumerate(entries):
            if stop is not None and not n % 256 and stop():
                return False
            if e.prose is None:
                found = cache.prose(e.key) if cache is not None and e.key else None
                e.prose = found if found is not None else self._prose_again(e)
        if cache is not None:
            cache.save_prose()
        return True

    def _prose_again(self, e: Entry) -> str:
        """An entry's prose from its file, parsed again (the prose file lost it)."""
        from ajtui.base.errors import AjError, decode
        from ajtui.format.parser import loads

        _when, data = self.read(e.path)
        if data is None:
            return ""
        try:
            prose = pack_prose(prose_of(loads(decode(data, e.name), path=e.name)))
        except AjError:
            prose = ""
        cache = self.index_cache()
        if cache is not None:
            cache.put_prose(cache.key(data), prose)
        return prose


def prose_of(doc: Any) -> list[list[str]]:
    """The text the library's filter searches besides the title, unit and file name: each
    duty and expected result, and the prose sections, as [where, text] pairs — where in
    the words of the document ("ülesanne 3.2", "ülesanne 3.2, tulemus 1", a section's
    title), the text on one line."""
    from ajtui.format import model as m

    out: list[list[str]] = []
    for section in doc.sections:
        if isinstance(section, m.DutySection):
            for duty in section.duties:
                where = f"ülesanne {duty.number.rstrip('.')}"
                if duty.text.strip():
                    out.append([where, one_line(duty.text)])
                for n, result in enumerate(duty.results, 1):
                    if result.text.strip():
                        out.append([f"{where}, tulemus {n}", one_line(result.text)])
        elif isinstance(section, m.ProseSection):
            where = one_line(section.title) or section.kind
            for block in section.blocks:
                if block.text.strip():
                    out.append([where, one_line(block.text)])
    return out


#: Between a part's place and its text, and between parts, in `Entry.prose`.
_WHERE, _NEXT = "\x1f", "\x1e"


def pack_prose(pairs: Iterable[Iterable[str]]) -> str:
    """(where, text) pairs as one string (the separators, control characters, are made
    spaces where a text has them)."""

    def clean(text: str) -> str:
        return text.replace(_WHERE, " ").replace(_NEXT, " ")

    return _NEXT.join(f"{clean(w)}{_WHERE}{clean(t)}" for w, t in pairs)


def unpack_prose(packed: str) -> list[tuple[str, str]]:
    """The pairs `pack_prose` packed."""
    out = []
    for part in packed.split(_NEXT) if packed else ():
        where, _sep, text = part.partition(_WHERE)
        out.append((where, text))
    return out


#: The header fields the library shows, by section and spelling (lower case).
_PEEK_FIELDS = {
    "ametijuhend": ("kinnitatud", "number", "kuupäev"),
    "üldosa": ("ametinimetus", "struktuuriüksus", "vahetu juht"),
}
_peek_keys: dict[tuple[str, str], str] = {}


def _peek(e: Entry, text: str) -> None:
    """Fill `e` from the header lines of `text` (see `Workspace.peek`)."""
    from ajtui.format import vocabulary as v

    wanted = _peek_keys
    if not wanted:
        for sec, keys in _PEEK_FIELDS.items():
            for canon in keys:
                for spelling in v.FIELD_KEYS[sec][canon]:
                    wanted[(sec, spelling)] = f"{sec}/{canon}"
    values: dict[str, str] = {}
    section: str | None = None
    seen: set[str] = set()
    #: The field whose continuation lines may follow ("" for one not shown), or None.
    key: str | None = None
    key_indent = 0
    pos, size = 0, len(text)
    while pos < size:  # line by line, as far as needed: the headers are at the top
        end = text.find("\n", pos)
        if end < 0:
            end = size
        line, pos = text[pos:end], end + 1
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        if line[0] != " ":
            if len(seen) == 2:  # both header sections read; the parser takes the first ones
                break
            mo = _HEADER.match(line)
            section = v.SECTION_KEYWORDS[mo.group(1).lower()] if mo else None
            if section:
                seen.add(section)
            key = None
            continue
        if section is None:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if key is not None and indent > key_indent:
            if key:
                values[key] += "\n" + stripped
            continue
        name, sep, value = stripped.partition(":")
        if not sep or stripped.startswith("- "):
            key = None
            continue
        key = wanted.get((section, name.strip().lower()), "")
        key_indent = indent
        if key and key not in values:
            values[key] = value.strip()
    e.title = one_line(values.get("üldosa/ametinimetus"))
    e.unit = one_line(values.get("üldosa/struktuuriüksus"))
    e.manager = one_line(values.get("üldosa/vahetu juht"))
    kind = (values.get("ametijuhend/kinnitatud") or "").strip().lower()
    if kind in v.APPROVAL_KINDS[v.CONTRACT_ANNEX]:
        e.directive = v.CONTRACT_ANNEX_LABEL
    else:
        e.directive_number = one_line(values.get("ametijuhend/number"))
        e.directive_date = one_line(values.get("ametijuhend/kuupäev"))
        e.directive = ", ".join(
            x for x in (e.directive_number and f"nr {e.directive_number}", e.directive_date) if x
        )
    d = parse_date(e.directive_date)
    e.directive_sort = d.isoformat() if d else ""


#: What an index entry depends on besides the text and the format layer
#: (ajtui.store.cache.fingerprint).
INDEX_SOURCES = ("format/validate.py", "store/workspace.py")


class IndexCache:
    """What `Workspace.index` found, by file content, so that a workspace whose files have
    not changed opens with every row complete and nothing parsed. One file per workspace
    folder (ajtui.store.cache.CacheFile: valid for the code that made it), holding the
    entries of the files seen in the last session."""

    FIELDS = (
        "title",
        "unit",
        "manager",
        "directive",
        "directive_number",
        "directive_date",
        "directive_sort",
        "errors",
        "warnings",
        "problem",
    )
    _TYPES = (str, str, str, str, str, str, str, int, int, str)

    def __init__(self, store: CacheFile, prose: CacheFile | None = None) -> None:
        self.store = store
        #: each content's prose (`Entry.prose`), by the same keys: most of the cache's
        #: size (≈ 5 KB a description), so in its own file, read only when asked for
        self.prose_store = prose if prose is not None else CacheFile(None, "")
        #: prose put before the prose file was read (put there when it is saved)
        self._new_prose: dict[str, str] = {}
        self._lock = threading.Lock()

    key = staticmethod(content_key)

    @property
    def entries(self) -> dict:
        return self.store.entries

    @classmethod
    def open(cls, folder: Path, root: Path) -> IndexCache:
        from ajtui.store.cache import FORMAT_SOURCES, fingerprint

        name = name_key(os.fsdecode(root), 8)
        stamp = fingerprint(*FORMAT_SOURCES, *INDEX_SOURCES)
        notes = {"workspace": str(root)}
        return cls(
            CacheFile(folder / "library" / f"{name}.json", stamp, notes=notes),
            CacheFile(folder / "library" / f"{name}.prose.json", stamp, notes=notes),
        )

    def fill(self, e: Entry, key: str) -> bool:
        """Set `e`'s fields from the cache; False when this content is not known."""
        raw = self.store.entries.get(key)
        if (
            not isinstance(raw, list)
            or len(raw) != len(self.FIELDS)
            or not all(type(v) is t for v, t in zip(raw, self._TYPES))
        ):
            return False
        for name, value in zip(self.FIELDS, raw):
            setattr(e, name, value)
        e.key, e.prose = key, None  # in the prose file: `Workspace.load_prose`
        with self._lock:
            self.store.used[key] = raw
        return True

    def put(self, key: str, e: Entry) -> None:
        with self._lock:
            self.store.put(key, [getattr(e, name) for name in self.FIELDS])
            if e.prose is not None:
                self._new_prose[key] = e.prose
        e.key = key

    def put_prose(self, key: str, prose: str) -> None:
        with self._lock:
            self._new_prose[key] = prose

    def prose(self, key: str) -> str | None:
        """The prose kept for this content (reads the prose file on first use)."""
        with self._lock:
            found = self._new_prose.get(key)
            if found is None:
                found = self.prose_store.get(key)
        return found if isinstance(found, str) else None

    def save(self) -> None:
        """Keep the entries used this session (the workspace's files, old and new). The
        prose waits for `save_prose`."""
        with self._lock:
            self.store.save(only_used=True)

    def save_prose(self) -> None:
        """Write the prose file with the prose of the entries asked for this session (call
        it once every entry of the workspace was: `Workspace.load_prose`). Prose not
        saved is made again from the file when next asked for."""
        with self._lock:
            for key, prose in self._new_prose.items():
                self.prose_store.put(key, prose)  # reads the file first
            self._new_prose.clear()
            self.prose_store.save(only_used=True)
