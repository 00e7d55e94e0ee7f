"""The shared-wordings index (ajtui.ops.wordings.WordIndex) of a set of files, kept between
runs in the one cache: a CacheFile (ajtui.store.cache) per set of files, named after the
set, in the folder `wordindex/`, the least recently written dropped beyond `KEEP` files
(each is the whole index of its set, about 1 MB per 1,000 descriptions).

The entry is the index of the set, with each file's
status when it was read (modification time in ns, size, inode, change time). A warm run
stats the files and, when none changed, reads the index as it was: no file is read or
parsed. Files that changed (or are new) are parsed again; the units of the others come
from the cached index, which is then built anew. A file that cannot be read or parsed is
reported through `warn` and has no units.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ajtui.ops.wordings import Unit, WordIndex, units
from ajtui.store.cache import FORMAT_SOURCES, CacheFile, name_key, prune

SOURCES = (*FORMAT_SOURCES, "ops/wordings.py", "ops/paths.py", "ops/words.py", "store/wordindex.py")
#: Sets of files kept (each one's whole index, in a file of its own).
KEEP = 8
FOLDER = "wordindex"


def _stamp(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns]


def stamped_files(
    paths: list[str], warn: Callable[[str], None] = lambda _m: None
) -> tuple[list[str], list[list[int] | None]]:
    """The files `aj` reads for `paths` (as ajtui.cli.common.expand finds them: named
    files, `*.aj` under named folders, sorted, hidden ones and what is not a regular file
    skipped), each with its status, from one stat per file (a warm search of 10,000 files
    is mostly this)."""
    import stat

    files: list[str] = []
    stamps: list[list[int] | None] = []
    for p in paths:
        if not (os.path.isdir(p) and not p.endswith(".aj")):
            files.append(p)
            stamps.append(_stamp(p))
            continue
        for root, dirs, names in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(names):
                if not f.endswith(".aj") or f.startswith("."):
                    continue
                found = os.path.join(root, f)
                try:
                    st = os.stat(found)
                except OSError:
                    files.append(found)  # gone, or a broken link: the reader says which
                    stamps.append(None)
                    continue
                if not stat.S_ISREG(st.st_mode):
                    warn(f"{found}: warning: not a regular file, skipped")
                    continue
                files.append(found)
                stamps.append([st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns])
    return files, stamps


def _parse(path: str, warn: Callable[[str], None]) -> list[Unit]:
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text
    from ajtui.format.parser import loads

    try:
        return units(loads(read_text(path), path=path))
    except AjError as e:
        warn(f"{e.one_line()}; skipped")
        return []


def load_index(
    files: list[str],
    *,
    cache: bool = True,
    warn: Callable[[str], None] = lambda _m: None,
    stamps: list[list[int] | None] | None = None,
) -> WordIndex:
    """The index of `files` (paths as given), from the cache where their status says it is
    still right. `stamps`: their status when already known (stamped_files)."""
    key = name_key("\0".join(os.path.abspath(f) for f in files), 16)
    store = (
        CacheFile.open(f"{key}.json", SOURCES, folder=(FOLDER,), limit=1)
        if cache
        else CacheFile(None, "")
    )
    if stamps is None:
        stamps = [_stamp(f) for f in files]
    entry = store.get(key)
    old: WordIndex | None = None
    old_stamps: dict[str, list[int]] = {}
    if isinstance(entry, dict):
        try:
            old = WordIndex.from_json(entry["index"])
            old_stamps = dict(zip(old.files, entry["stamps"]))
        except (KeyError, TypeError, ValueError):
            old = None
    if old is not None and old.files == files and entry["stamps"] == stamps and None not in stamps:
        return old
    before = dict(zip(old.files, old.all_units())) if old is not None else {}
    per_file = []
    for f, st in zip(files, stamps):
        if f in before and st is not None and old_stamps.get(f) == st:
            per_file.append((f, before[f]))
        else:
            per_file.append((f, _parse(f, warn)))
    index = WordIndex.build(per_file)
    if None not in stamps:
        store.put(key, {"stamps": stamps, "index": index.to_json()})
        store.save(only_used=True)
        if store.path is not None:
            prune(os.path.dirname(store.path), ".json", max_files=KEEP, keep=[store.path])
    return index
