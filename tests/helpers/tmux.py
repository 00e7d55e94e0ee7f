"""A real terminal for the end-to-end tests: a tmux server of its own (-L), 80×24, driven by
keys and read back as text. Never touches another tmux session."""

from __future__ import annotations

import os
import subprocess
import time


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return done.stdout

    def start(self, command: str) -> None:
        subprocess.run(
            [
                "tmux",
                "-L",
                self.socket,
                "-f",
                os.devnull,
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "80",
                "-y",
                "24",
                command,
            ],
            check=True,
            timeout=30,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, *texts: str, timeout: float = 20.0, absent: str | None = None) -> str:
        end = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < end:
            shown = self.screen()
            if all(t in shown for t in texts) and (absent is None or absent not in shown):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{texts} not on screen after {timeout} s:\n{shown}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


def ajtui_command(tmp_path, path, *, after: str = "", **extra: str) -> str:
    """The installed `ajtui` on `path` in a clean environment (its own HOME, config, data and
    cache under tmp_path; the test identity of git), as a shell command for `Terminal.start`;
    `after` runs when it exits, and the pane stays open 30 s to be read."""
    import shlex
    import sys
    from pathlib import Path

    import pytest

    from tests.helpers.tui import GIT_ENV

    ajtui = Path(sys.executable).parent / "ajtui"
    if not ajtui.exists():
        pytest.skip("the ajtui command is not installed in this environment")
    env = {
        **GIT_ENV,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        **extra,
        "PATH": os.environ.get("PATH", ""),
    }
    return (
        "env -i "
        + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        + f" {shlex.quote(str(ajtui))} {shlex.quote(str(path))};{after} sleep 30"
    )
