"""`aj check PATH…`: parse and validate; exit 0 clean, 1 on errors, 2 on usage.

Fast on big workspaces: results are cached by file content (see `_Cache`), and files not
in the cache are checked on all cores when there are enough of them to pay for the workers.

A folder is also a workspace: its descriptions' references to each other (vahetu juht,
asendaja, asendab, alluvad) are checked by the AJ2xx rules (ajtui.ops.org), from the
general parts the check parsed or found in the cache beside the diagnostics.
"""

from __future__ import annotations

import os
import sys

ORDER = 10

#: Below this many files to parse, worker processes cost more than they save
#: (measured: tests/benchmarks/test_bench_check.py, "crossover"). Workers are used only
#: while the load average leaves at least one core and a half idle: on a machine whose
#: cores are busy they were measured 15-20 % slower than one process.
PARALLEL_MIN = 64
#: Files larger than this are not cached (a description is tens of kilobytes).
CACHE_MAX_BYTES = 1 << 20


def add(sub) -> None:
    from ajtui.cli._args import int_in

    p = sub.add_parser(
        "check",
        help="parse and validate descriptions",
        description="Parse and validate .aj files; folders are searched for "
        "*.aj. Exit 0 when no errors, 1 when any, 2 on usage. "
        "Results are cached by file content in the user's cache "
        "folder.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("-q", "--quiet", action="store_true", help="errors only, no summary")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file again; neither read nor write the cache",
    )
    p.add_argument(
        "--no-references",
        action="store_true",
        help="in folders, do not check that references to other positions resolve (AJ2xx)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int_in(0, 256, "processes"),
        default=0,
        metavar="N",
        help="processes (default: the idle cores, when there are many files)",
    )
    p.set_defaults(func=run)


def check_file(path: str) -> list:
    """Diagnostics for one file; a file that cannot be read is one AJ000 error."""
    from ajtui.base.errors import AjError, AjSyntaxError
    from ajtui.format.parser import load
    from ajtui.format.validate import Diagnostic, validate

    try:
        doc = load(path)
    except AjSyntaxError as e:
        return [
            Diagnostic(
                "AJ001",
                e.message,
                e.line,
                e.column,
                severity="error",
                hint=e.hint,
                path=path,
                source_line=e.source_line,
            )
        ]
    except AjError as e:
        return [Diagnostic("AJ001", e.message, 0, 0, severity="error", path=path)]
    return validate(doc)


def check_bytes(path: str, data: bytes) -> list:
    """`check_file` for content already read (the same diagnostics)."""
    return check_source(path, data)[0]


def check_source(path: str, data: bytes, facts: bool = True) -> tuple[list, dict | None]:
    """(diagnostics, the facts the reference rules need: ajtui.ops.org.facts) for content
    already read; no facts when it does not parse, or when not asked for (a file checked
    on its own without the cache needs none)."""
    from ajtui.base.errors import AjSyntaxError, decode
    from ajtui.format.parser import loads
    from ajtui.format.validate import Diagnostic, validate

    try:
        doc = loads(decode(data, path), path=path)
    except AjSyntaxError as e:
        return [
            Diagnostic(
                "AJ001",
                e.message,
                e.line,
                e.column,
                severity="error",
                hint=e.hint,
                path=path,
                source_line=e.source_line,
            )
        ], None
    if not facts:
        return validate(doc), None
    from ajtui.ops.org import facts as facts_of

    return validate(doc), facts_of(doc)


def _check_chunk(
    chunk: list[tuple[str, bytes]], facts: bool = True
) -> list[tuple[list, dict | None]]:
    if facts:
        return [check_source(path, data) for path, data in chunk]
    return [check_source(path, data, False) for path, data in chunk]


def check_files(files: list[str], *, cache: bool = True, jobs: int = 0) -> dict[str, list]:
    """Diagnostics per file, in the order given (like `{f: check_file(f) for f in files}`)."""
    return check_files_facts(files, cache=cache, jobs=jobs)[0]


def check_files_facts(
    files: list[str],
    *,
    cache: bool = True,
    jobs: int = 0,
    keys: dict[str, str] | None = None,
    facts: bool = True,
) -> tuple[dict[str, list], dict[str, dict | None]]:
    """`check_files`, and the facts of each file for the reference rules (None for a file
    that does not parse or cannot be read, and for every file when `facts` is off and the
    cache is not used: the cache keeps facts for a later check of the folder); with the
    cache, `keys` gets each readable file's content key."""
    store = _Cache.open() if cache else None
    if store is not None:
        from ajtui.store.cache import content_key
    found: dict[str, list] = {}
    known: dict[str, dict | None] = {}
    todo: list[tuple[str, bytes, str]] = []
    for f in dict.fromkeys(files):
        data = _read(f)
        if data is None:  # unreadable: check_file says why
            found[f] = check_file(f)
            known[f] = None
            continue
        key = content_key(data) if store is not None else ""
        if keys is not None and key:
            keys[f] = key
        hit = store.get(key, f) if store is not None else None
        if hit is not None:
            found[f], known[f] = hit
        else:
            todo.append((f, data, key))
    for (f, _data, key), (diags, fact) in zip(todo, _run(todo, jobs, facts or store is not None)):
        found[f], known[f] = diags, fact
        if store is not None:
            store.put(key, diags, fact)
    if store is not None:
        store.save()
    return {f: found[f] for f in files}, {f: known[f] for f in files}


def _read(path: str) -> bytes | None:
    """The bytes of a regular file small enough to cache, else None."""
    from ajtui.base.reading import read_bytes

    try:
        return read_bytes(path, CACHE_MAX_BYTES)
    except OSError:  # a FIFO, a device, too large, missing: check_file says which
        return None


def _workers(jobs: int, count: int) -> int:
    if jobs:
        return max(1, min(jobs, count))
    if count < PARALLEL_MIN:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    try:  # as `make -l`: no workers when the other cores are busy already
        free = cores - os.getloadavg()[0]
    except (AttributeError, OSError):
        free = cores
    if free < 1.5:
        return 1
    return max(1, min(cores, int(free + 0.5), count // (PARALLEL_MIN // 2)))


def _run(
    todo: list[tuple[str, bytes, str]], jobs: int, facts: bool = True
) -> list[tuple[list, dict | None]]:
    items = [(f, data) for f, data, _ in todo]
    workers = _workers(jobs, len(items))
    if workers == 1:
        return _check_chunk(items, facts)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
        context = multiprocessing.get_context("fork")
        from ajtui.format import parser  # built once here, inherited by the workers

        parser.loads("ametijuhend\n")
    else:
        context = None
    # Chunks in the given order for the workers; this process works too, taking chunks
    # from the end that no worker has started yet (a cancelled future is one we may take),
    # so nobody waits for a slow worker and a busy machine costs little.
    size = max(4, -(-len(items) // (workers * 8)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    results: list = [None] * len(chunks)
    try:
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            futures = [pool.submit(_check_chunk, c, facts) for c in chunks]
            for i in reversed(range(len(chunks))):
                if futures[i].cancel():
                    results[i] = _check_chunk(chunks[i], facts)
            for i, future in enumerate(futures):
                if results[i] is None:
                    results[i] = future.result()
    except (OSError, RuntimeError):  # no processes to be had (e.g. a sandbox): do it here
        return _check_chunk(items, facts)
    return [d for part in results for d in part]


#: What cached diagnostics depend on besides the text and the format layer
#: (ajtui.store.cache.fingerprint).
CHECK_SOURCES = ("format/validate.py", "cli/check.py", "ops/org.py")


class _Cache:
    """Diagnostics by file content, without their path, and the facts the reference rules
    need (`{"d": [diagnostic…], "f": facts or null}`), in `check.json` in the user's cache
    folder (ajtui.store.cache.CacheFile: valid for the code that made them, at most `LIMIT`
    entries, this run's kept first)."""

    LIMIT = 50_000

    def __init__(self, store) -> None:
        self.store = store

    @classmethod
    def open(cls) -> _Cache | None:
        from ajtui.store.cache import FORMAT_SOURCES, CacheFile

        store = CacheFile.open("check.json", (*FORMAT_SOURCES, *CHECK_SOURCES), limit=cls.LIMIT)
        return cls(store) if store.path is not None else None

    def get(self, key: str, path: str) -> tuple[list, dict | None] | None:
        raw = self.store.entries.get(key)
        if not isinstance(raw, dict) or not isinstance(raw.get("d"), list):
            return None
        fact = raw.get("f")
        from ajtui.ops.org import valid_facts

        if fact is not None and not valid_facts(fact):
            return None
        from ajtui.format.validate import Diagnostic

        try:
            diags = [Diagnostic(**{**d, "path": path}) for d in raw["d"]]
        except (TypeError, KeyError, AttributeError):
            return None
        self.store.used[key] = raw
        return diags, fact

    def put(self, key: str, diags: list, fact: dict | None = None) -> None:
        self.store.put(
            key,
            {
                "d": [
                    {k: v for k, v in d.as_dict(source_line=True).items() if k != "path"}
                    for d in diags
                ],
                "f": fact,
            },
        )

    def save(self) -> None:
        self.store.save()


def reference_diagnostics(
    workspaces: list[tuple[str, list[str]]],
    known: dict[str, dict | None],
    keys: dict[str, str] | None = None,
) -> dict[str, list]:
    """The AJ2xx findings for each (folder, its descriptions), by file; ProjectError when a
    folder's `.ajtui.toml` cannot be used. With `keys` (each file's content key), a
    workspace whose files, contents and project file are as last time gets its findings
    from the cache (`references.json`) without resolving anything."""
    from ajtui.store import project as proj

    store = None
    if keys is not None:
        from ajtui.store.cache import FORMAT_SOURCES, CacheFile

        store = CacheFile.open("references.json", (*FORMAT_SOURCES, *REFERENCE_SOURCES), limit=64)
    out: dict[str, list] = {}
    for folder, files in workspaces:
        where = proj.find(folder)
        data = proj.raw(where) if where is not None else b""
        key = _workspace_key(files, keys, where, data) if store is not None else ""
        found = _cached_findings(store.get(key)) if store is not None else None
        if found is None:
            from ajtui.ops.org import Organisation

            external = proj.parse(where, data).external if where is not None else []
            found = Organisation.build({f: known.get(f) for f in files}, external).diagnostics()
            if store is not None:
                store.put(
                    key,
                    {f: [d.as_dict(source_line=True) for d in ds] for f, ds in found.items()},
                )
        for f, diags in found.items():
            out.setdefault(f, []).extend(diags)
    if store is not None:
        store.save()
    return out


#: What cached reference findings depend on besides the format layer.
REFERENCE_SOURCES = (*CHECK_SOURCES, "ops/references.py", "store/project.py")


def _workspace_key(files: list[str], keys: dict[str, str] | None, where, data: bytes) -> str:
    """The key of a workspace: its files (names as given, contents) and its project file."""
    from ajtui.base.digests import blake2b

    h = blake2b(digest_size=16)
    for f in files:
        h.update(f"{f}\0{(keys or {}).get(f, '-')}\n".encode("utf-8", "surrogateescape"))
    h.update(f"{where}\0".encode("utf-8", "surrogateescape") + data)
    return h.hexdigest()


def _cached_findings(raw) -> dict[str, list] | None:
    if not isinstance(raw, dict):
        return None
    from ajtui.format.validate import Diagnostic

    try:
        return {str(f): [Diagnostic(**d) for d in ds] for f, ds in raw.items()}
    except (TypeError, KeyError, AttributeError):
        return None


def _is_folder(path: str) -> bool:
    return os.path.isdir(path) and not path.endswith(".aj")  # as expand() decides


def run(args) -> int:
    from ajtui.cli.common import dump_json, err, expand

    # each folder named is a workspace for the reference rules; a file named on its own is not
    named = [(p, list(expand([p]))) for p in args.paths]
    files = [f for _, found in named for f in found]
    if not files:
        err("aj check: no .aj files found")
        return 2
    keys: dict[str, str] = {}
    folders = [(p, found) for p, found in named if _is_folder(p)]
    references = bool(folders) and not args.no_references
    results, known = check_files_facts(
        files, cache=not args.no_cache, jobs=args.jobs, keys=keys, facts=references
    )
    if references:
        from ajtui.store.project import ProjectError

        try:
            extra = reference_diagnostics(folders, known, None if args.no_cache else keys)
        except ProjectError as e:
            err(f"{e}".replace(": ", ": error: ", 1))
            return 1
        for f, diags in extra.items():
            if f in results:
                results[f] = sorted([*results[f], *diags], key=lambda d: (d.line, d.column))
    errors = sum(d.is_error for ds in results.values() for d in ds)
    warnings = sum(not d.is_error for ds in results.values() for d in ds)
    if args.format == "json":
        dump_json(
            {
                "files": len(files),
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.as_dict() for ds in results.values() for d in ds],
            },
            indent=2,
        )
    else:
        for ds in results.values():
            for d in ds:
                if args.quiet and not d.is_error:
                    continue
                err(render(d))
        if not args.quiet:
            clean = sum(1 for ds in results.values() if not any(d.is_error for d in ds))
            err(
                f"{len(files)} file{'s' if len(files) != 1 else ''} checked: {clean} valid, "
                f"{errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}"
            )
    if errors or (args.strict and warnings):
        return 1
    return 0


def render(d) -> str:
    """`path:line:col: AJxxx severity: message`, the line with a caret, and a hint; shown
    safely (printing cached results imports safetext, not the parser and Lark)."""
    from ajtui.base.safetext import safe, safe_line

    where = f"{d.path}:{d.line}:{d.column}" if d.line else f"{d.path}"
    out = [safe_line(f"{where}: {d.code} {d.severity}: {d.message}")]
    if d.source_line:
        out.append("  " + safe_line(d.source_line))
        out.append("  " + " " * len(safe_line(d.source_line[: max(0, d.column - 1)])) + "^")
    if d.hint:
        out.append(safe(f"  hint: {d.hint}"))
    return "\n".join(out)
