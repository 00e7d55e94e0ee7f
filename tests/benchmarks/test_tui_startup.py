"""Cold start of the app to its first screen, against a minimal Textual app in the same run.

Each process runs in a pseudo-terminal of 80×24; the time is from just before the fork to
the moment a known text reaches the terminal: a sample description's title in the library
for `ajtui`, "minimal-ready" for a Textual app with one Static. Rounds alternate between
the two so that a noisy, shared machine slows both alike; the ratio is the figure to
compare. Not a timed test: it prints and asserts nothing about speed.

    python tests/benchmarks/test_tui_startup.py        # or: make bench
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = """\
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("minimal-ready")


Minimal().run()
"""


def time_to_text(
    argv: list[str],
    marker: bytes,
    env: dict,
    *,
    cols: int = 80,
    rows: int = 24,
    timeout: float = 30.0,
) -> float:
    """Seconds from start until `marker` appears in the terminal output."""
    import fcntl
    import pty
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(
                    f"{argv[0]}: {marker!r} not seen in {timeout} s; got {seen[-300:]!r}"
                )
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[0]} exited before showing {marker!r}: {seen[-500:]!r}")
            seen += chunk
            if marker in seen:
                return time.perf_counter() - start
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _drain(fd)
        os.waitpid(pid, 0)
        os.close(fd)


def _drain(fd: int) -> None:
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def measure(rounds: int = 7) -> dict:
    import compileall

    # ajtui's bytecode, as an installed package has it (Textual's is there for the minimal
    # app; with PYTHONDONTWRITEBYTECODE ours would be compiled on every start)
    compileall.compile_dir(str(ROOT / "ajtui"), quiet=2)
    tmp = Path(tempfile.mkdtemp(prefix="ajtui-startup-"))
    try:
        ws = tmp / "workspace"
        shutil.copytree(ROOT / "descriptions", ws)
        script = tmp / "minimal.py"
        script.write_text(MINIMAL, encoding="utf-8")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_DATA_HOME": str(tmp / "data"),
        }
        ajtui = Path(sys.executable).parent / "ajtui"
        runs = {
            "minimal Textual app": ([sys.executable, str(script)], b"minimal-ready"),
            "ajtui (5 samples)": ([str(ajtui), str(ws)], b"Hingehoiu"),
        }
        first = {name: time_to_text(argv, marker, env) for name, (argv, marker) in runs.items()}
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(rounds):
            for name, (argv, marker) in runs.items():
                times[name].append(time_to_text(argv, marker, env))
        return {"first": first, "times": times}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(result: dict) -> str:
    times = result["times"]
    base = statistics.median(times["minimal Textual app"])
    lines = [
        "start-up to the first screen, 80×24 pseudo-terminal "
        f"(median of {len(next(iter(times.values())))} runs):"
    ]
    for name, values in times.items():
        med = statistics.median(values)
        lines.append(
            f"  {name:<22} {med * 1000:6.0f} ms  (min {min(values) * 1000:.0f}, "
            f"max {max(values) * 1000:.0f})  ×{med / base:.2f} the minimal app"
        )
    for name, value in result["first"].items():
        lines.append(f"  first run, empty caches: {name:<22} {value * 1000:6.0f} ms")
    return "\n".join(lines)


def test_startup_to_first_screen():
    if not hasattr(os, "fork"):
        import pytest

        pytest.skip("needs a Unix pseudo-terminal")
    print()
    print(report(measure()))


if __name__ == "__main__":
    print(report(measure()))
