"""A workspace's organisation for the app's org view: each description's facts
(ajtui.ops.org.facts: title, unit, the reference fields and where they are) by file content,
kept between sessions beside the library's index — one cache file per workspace holding its
files' facts only, as the library's IndexCache does — and the Organisation built from them
with the project file's positions outside the workspace (`.ajtui.toml`). The same facts and
the same rules as `aj org` and `aj check DIR`.

A warm load reads and hashes every file and parses none that did not change (the parse is
nearly all of a cold load: tests/benchmarks/test_bench_orgapp.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ajtui.store.cache import CacheFile, content_key, name_key

if TYPE_CHECKING:
    from ajtui.ops.org import Organisation

#: What cached facts depend on besides the text and the format layer
#: (ajtui.store.cache.fingerprint).
SOURCES = ("ops/org.py", "store/organisation.py")


@dataclass
class Loaded:
    """The organisation of a workspace, and what it left out."""

    org: Organisation
    #: every description by its name in the workspace
    files: dict[str, Path] = field(default_factory=dict)
    #: the files not read as descriptions, each with why (not readable, does not parse)
    unread: dict[str, str] = field(default_factory=dict)
    #: the project file that listed the positions outside, if there is one
    project: Path | None = None
    #: why the project file could not be used ("" when it could, or there is none)
    problem: str = ""
    #: how many files were parsed (the others' facts came from the cache)
    parsed: int = 0


def open_cache(folder: Path | None, root: Path) -> CacheFile:
    """The facts of the workspace at `root`, in `folder` (None: nothing kept)."""
    if folder is None:
        return CacheFile(None, "")
    from ajtui.store.cache import FORMAT_SOURCES, fingerprint

    return CacheFile(
        folder / "library" / f"{name_key(os.fsdecode(root), 8)}.org.json",
        fingerprint(*FORMAT_SOURCES, *SOURCES),
        notes={"workspace": str(root)},
    )


def facts_of(name: str, data: bytes) -> tuple[dict | None, str]:
    """(the facts, "") of a description's bytes, or (None, why it is not read as one)."""
    from ajtui.base.errors import AjError, AjSyntaxError, decode
    from ajtui.format.parser import loads
    from ajtui.ops.org import facts

    try:
        doc = loads(decode(data, name), path=name)
    except AjSyntaxError as e:
        return None, f"{e.line}:{e.column}: {e.message}"
    except AjError as e:
        return None, e.message
    return facts(doc), ""


def load(
    root: Path,
    paths: Iterable[Path],
    name_of: Callable[[Path], str],
    *,
    folder: Path | None = None,
    stop: Callable[[], bool] | None = None,
) -> Loaded | None:
    """The organisation of the descriptions `paths` of the workspace at `root` (named by
    `name_of`), their facts cached in `folder` (None: no cache). `stop` is asked now and
    then whether to give up (then None)."""
    from ajtui.base.reading import MAX_FILE_BYTES, read_bytes
    from ajtui.ops.org import Organisation
    from ajtui.store import project as proj

    store = open_cache(folder, root)
    known: dict[str, dict | None] = {}
    files: dict[str, Path] = {}
    unread: dict[str, str] = {}
    parsed = 0
    for n, path in enumerate(paths):
        if stop is not None and not n % 64 and stop():
            return None
        name = name_of(path)
        files[name] = path
        try:
            data = read_bytes(path, MAX_FILE_BYTES)
        except OSError as e:  # ReadError says why in one line; others have strerror
            unread[name] = str(getattr(e, "message", "") or e.strerror or e)
            continue
        key = content_key(data)
        found = _entry(store.get(key))
        if found is None:
            found = facts_of(name, data)
            parsed += 1
            store.put(key, list(found))
        fact, why = found
        if fact is None:
            unread[name] = why
        known[name] = fact
    store.save(only_used=True)
    external: list[str] = []
    where: Path | None = None
    problem = ""
    try:
        project = proj.load(root)
        external, where = project.external, project.path
    except proj.ProjectError as e:
        problem = str(e)
    org = Organisation.build(known, external)
    return Loaded(org, files, unread, where, problem, parsed)


def _entry(raw: object) -> tuple[dict | None, str] | None:
    """A cached [facts, why] as `facts_of` made it; None for anything else (a cache file
    is data from disk)."""
    if not isinstance(raw, list) or len(raw) != 2 or not isinstance(raw[1], str):
        return None
    fact = raw[0]
    if fact is None:
        return (None, raw[1]) if raw[1] else None
    if not isinstance(fact, dict):
        return None
    from ajtui.ops.org import valid_facts

    return (fact, "") if valid_facts(fact) else None
