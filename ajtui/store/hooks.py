"""git's hooks: the folder they live in, and what a pre-commit hook checks — the staged
version of each added or changed `.aj` file, read from git's index (not the working tree,
which may hold more than is staged)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from ajtui.base.reading import MAX_FILE_BYTES
from ajtui.store.gitproc import CatFile, HistoryError, git_env, run_git, stderr_message


@dataclass(frozen=True)
class StagedFile:
    """A staged description: its path from the repository's top, and its bytes (None when
    larger than a description may be, with `problem` saying so)."""

    path: str
    data: bytes | None
    problem: str = ""


def _git(args: list[str], cwd: str, exe: str = "git") -> bytes:
    try:
        proc = run_git(exe, args, cwd=cwd, env=git_env())
    except OSError as e:
        raise HistoryError(f"cannot run git: {e.strerror or e}") from None
    out = proc.stdout.read()
    code, err = proc.finish()
    if code != 0:
        raise HistoryError(stderr_message(err) or f"git {args[0]} failed ({code})")
    return out


def toplevel(cwd: str) -> str:
    """The repository's top folder (HistoryError outside a repository)."""
    return os.fsdecode(_git(["rev-parse", "--show-toplevel"], cwd).rstrip(b"\n"))


def hooks_dir(cwd: str) -> str:
    """The folder git runs hooks from (core.hooksPath when set, else .git/hooks)."""
    root = toplevel(cwd)
    found = os.fsdecode(_git(["rev-parse", "--git-path", "hooks"], root).rstrip(b"\n"))
    return os.path.join(root, found)


def staged_descriptions(cwd: str) -> list[StagedFile]:
    """Every `.aj` file added, copied, modified or renamed in the index, with its staged
    content, in path order."""
    root = toplevel(cwd)
    names = _git(
        ["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=ACMR"], root
    )
    paths = sorted(os.fsdecode(p) for p in names.split(b"\0") if p.endswith(b".aj") and p.strip())
    if not paths:
        return []
    # the index entry of each: mode, blob id, stage and path
    listing = _git(["ls-files", "-s", "-z", "--", *paths], root)
    blobs: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, blob_id, _stage = meta.split()
        if mode in (b"100644", b"100755"):
            blobs[os.fsdecode(name)] = blob_id.decode("ascii")
    sizes = _sizes(list(blobs.values()), root)
    cat = CatFile("git", root)
    out: list[StagedFile] = []
    try:
        for path in paths:
            blob = blobs.get(path)
            if blob is None:
                continue  # a link or a submodule: not a description file
            if sizes.get(blob, 0) > MAX_FILE_BYTES:
                out.append(
                    StagedFile(path, None, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
                )
                continue
            out.append(StagedFile(path, cat.read(blob)))
    finally:
        cat.close()
    return out


def _sizes(blobs: list[str], root: str) -> dict[str, int]:
    """Each blob's size, asked before its content is read."""
    try:
        proc = run_git("git", ["cat-file", "--batch-check"], cwd=root, env=git_env(), stdin=True)
    except OSError as e:
        raise HistoryError(f"cannot run git cat-file: {e.strerror or e}") from None
    stdin = proc.stdin
    assert stdin is not None  # asked for

    def feed() -> None:
        # from a thread: git's answers fill the pipe while the questions are still written
        stdin.write("".join(b + "\n" for b in blobs).encode("ascii"))
        stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out = proc.stdout.read()
    writer.join()
    proc.finish()
    sizes = {}
    for line in out.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            sizes[parts[0]] = int(parts[2])
    return sizes
