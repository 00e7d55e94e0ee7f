"""A workspace's project file, `.ajtui.toml` at its root: what the workspace itself says
(the user's own settings are `config.toml`, ajtui.store.config).

    # .ajtui.toml
    [workspace]
    # positions that descriptions name but that have none in this workspace
    external = ["peadirektor", "Juhtivspetsialist (OA kriisitelefon)"]

The file is looked for in the folder given and in the folders above it, up to the first one
that holds `.git` (a workspace's root is its repository's at most).
"""

from __future__ import annotations

import os
from pathlib import Path

NAME = ".ajtui.toml"
#: A project file is a few lines: a larger one is refused, not read.
PROJECT_MAX_BYTES = 1 << 20


class ProjectError(Exception):
    """A project file that cannot be used; the message starts with the file's path."""


class Project:
    """A workspace's project file (`path` None: there is none)."""

    def __init__(self, path: Path | None = None, external: list[str] | None = None) -> None:
        self.path = path
        #: Positions outside the workspace, named as the descriptions name them.
        self.external: list[str] = external or []

    def __repr__(self) -> str:
        return f"Project(path={self.path!r}, external={self.external!r})"


def find(start: str | os.PathLike) -> Path | None:
    """The `.ajtui.toml` that governs the folder `start`, or None."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load(start: str | os.PathLike) -> Project:
    """The project of the folder `start`; an empty one when there is no file."""
    path = find(start)
    if path is None:
        return Project()
    return read(path)


def read(path: Path) -> Project:
    return parse(path, raw(path))


def raw(path: Path) -> bytes:
    """The bytes of a project file, or ProjectError."""
    from ajtui.base.reading import ReadError, read_bytes

    try:
        return read_bytes(str(path), PROJECT_MAX_BYTES, what="a project file")
    except ReadError as e:
        raise ProjectError(f"{path}: {e.message}") from e
    except OSError as e:
        raise ProjectError(f"{path}: {e.strerror or e}") from e


def parse(path: Path, data: bytes) -> Project:
    """The project in the bytes of the file `path`, or ProjectError."""
    import tomllib

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ProjectError(f"{path}: not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        raise ProjectError(f"{path}: not TOML: {e}") from e
    workspace = doc.get("workspace", {})
    if not isinstance(workspace, dict):
        raise ProjectError(f"{path}: [workspace] must be a table")
    external = workspace.get("external", [])
    if not isinstance(external, list) or not all(isinstance(x, str) for x in external):
        raise ProjectError(f"{path}: [workspace] external must be a list of strings")
    return Project(path, [x for x in external if x.strip()])
