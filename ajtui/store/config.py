"""The user's settings: `config.toml` in the user's config folder.

Read with `tomllib` (fast, in the standard library); written back only through `tomlkit`,
so the user's own comments and layout survive when the app remembers a theme.

    # ~/.config/ajtui/config.toml
    workspace = "~/ametijuhendid"     # opened when `ajtui` is run without a PATH
    editor = "nano"                   # for ctrl+e in the editor; default: $VISUAL, $EDITOR, vi
    theme = "textual-dark"            # any Textual theme; the app remembers your choice
    diff_layout = "auto"              # auto (unified below 100 columns), side-by-side, unified

    [keymap]                          # binding id = keys, to remap any key of the app
    "library.filter" = "slash,f"

`AJTUI_CONFIG` names another file (tests, several setups).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

DIFF_LAYOUTS = ("auto", "side-by-side", "unified")
#: A settings file is a few lines: a larger one is refused, not read.
SETTINGS_MAX_BYTES = 1 << 20
DEFAULT_THEME = "textual-dark"

TEMPLATE = """\
# ajtui settings. Edit freely: the app keeps your comments when it writes a setting back.

# Folder opened when `ajtui` is run without a PATH (default: the current folder).
# workspace = "~/ametijuhendid"

# Editor for ctrl+e in the app's editor (default: $VISUAL, then $EDITOR, then vi).
# editor = "nano"

# Any Textual theme; the app remembers the one you pick in the command palette.
# theme = "textual-dark"

# Diff layout: "auto" (unified below 100 columns), "side-by-side" or "unified".
# diff_layout = "auto"

# Remap keys: binding id = keys (comma-separated). `?` in the app shows the ids.
[keymap]
# "library.filter" = "slash,f"
"""


class ConfigError(Exception):
    """A config file that cannot be read; the message names the file."""


@dataclass
class Config:
    path: Path
    workspace: str | None = None
    editor: str | None = None
    theme: str = DEFAULT_THEME
    diff_layout: str = "auto"
    keymap: dict[str, str] = field(default_factory=dict)
    #: Problems found while reading (shown by the app, never fatal).
    problems: list[str] = field(default_factory=list)

    def editor_command(self) -> str:
        return self.editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"

    def workspace_path(self) -> Path | None:
        if not self.workspace:
            return None
        return Path(os.path.expandvars(os.path.expanduser(self.workspace)))


def config_path() -> Path:
    env = os.environ.get("AJTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("ajtui", appauthor=False) / "config.toml"


def load(path: Path | None = None) -> Config:
    """The settings; defaults for anything missing. A broken file is reported in
    `problems` and otherwise ignored, so the app always starts."""
    path = path or config_path()
    config = Config(path=path)
    from ajtui.base.reading import read_bytes

    try:
        source = read_bytes(path, SETTINGS_MAX_BYTES).decode("utf-8")
    except OSError as e:
        if e.errno == errno.ENOENT:
            return config
        config.problems.append(f"{path}: cannot read: {e.strerror or e}")
        return config
    except UnicodeDecodeError as e:
        config.problems.append(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}")
        return config
    import tomllib  # only when there is a file (start-up time)

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        config.problems.append(f"{path}: {e}; using the default settings")
        return config

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            config.problems.append(f"{path}: {key} should be a string, not {value!r}")
            return None
        return value

    config.workspace = text("workspace")
    config.editor = text("editor")
    config.theme = text("theme") or DEFAULT_THEME
    layout = text("diff_layout") or "auto"
    if layout not in DIFF_LAYOUTS:
        config.problems.append(
            f"{path}: diff_layout {layout!r} is not one of " + ", ".join(DIFF_LAYOUTS)
        )
        layout = "auto"
    config.diff_layout = layout
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        for key, value in keymap.items():
            if isinstance(value, str):
                config.keymap[key] = value
            else:
                config.problems.append(f"{path}: keymap.{key} should be a string of keys")
    return config


def save_setting(key: str, value: str | None, path: Path | None = None) -> None:
    """Set one top-level setting in the file, keeping everything else as the user wrote
    it (tomlkit); `None` removes it. Creates the file from the commented template."""
    import tomlkit

    from ajtui.base.errors import AjError
    from ajtui.base.writing import update

    path = path or config_path()

    def change(text: str | None) -> str:
        try:
            doc = tomlkit.parse(TEMPLATE if text is None else text)
        except tomlkit.exceptions.ParseError as e:
            raise ConfigError(f"{path}: {e}; the file was left as it is") from None
        if value is None:
            if key in doc:
                del doc[key]
        else:
            # tomlkit puts a new top-level key before the first table, keeping comments.
            doc[key] = value
        return tomlkit.dumps(doc)

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # read and written under the file's lock: two apps saving settings keep both
        update(path, change, create=True)
    except AjError as e:
        raise ConfigError(f"{path}: cannot read: {e.message}") from None
