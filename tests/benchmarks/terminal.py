"""Drive a terminal program in a pseudo-terminal, as a user over SSH would see it: time to the
first screen that shows a marker, key-to-frame latency, resident memory. Black-box: it needs
nothing from the app but its command line, so it measures Textual apps and ours alike."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass, field

ANSI = re.compile(
    r"\x1b(\[[0-9;?<>=$!]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def plain(data: bytes) -> str:
    return ANSI.sub("", data.decode("utf-8", "replace"))


@dataclass
class Session:
    pid: int
    fd: int
    started: float
    out: bytearray = field(default_factory=bytearray)

    def read(self, timeout: float) -> bytes:
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # the program ended
            raise EOFError from None
        self.out += data
        return data

    def wait_for(self, pattern: re.Pattern, timeout: float = 30.0) -> float:
        """Seconds since start until the screen shows `pattern`."""
        end = time.perf_counter() + timeout
        seen = 0
        while time.perf_counter() < end:
            if self.read(0.02):
                # search a window that overlaps the previous one, so a split match is found
                if pattern.search(plain(bytes(self.out[max(0, seen - 4096) :]))):
                    return time.perf_counter() - self.started
                seen = len(self.out)
        raise TimeoutError(f"{pattern.pattern!r} not shown within {timeout:.0f} s")

    def quiet(self, gap: float = 0.05, limit: float = 5.0) -> None:
        """Read until nothing comes for `gap` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self.read(gap):
            pass

    def key(self, keys: str, timeout: float = 5.0) -> float:
        """Seconds from sending `keys` to the first bytes of the frame that answers."""
        self.quiet()
        t0 = time.perf_counter()
        os.write(self.fd, keys.encode())
        end = t0 + timeout
        while time.perf_counter() < end:
            if self.read(0.005):
                return time.perf_counter() - t0
        return timeout

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.pid}/stat") as fh:
            parts = fh.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")

    def settle(self, gap: float = 1.0, limit: float = 120.0) -> float:
        """Wait until the program uses (almost) no CPU for a whole `gap` of seconds (its
        workers are done); seconds since start. The window is the whole gap, not the first
        quiet moment of the output: a worker the scheduler kept off the CPU for 50 ms is
        not done."""
        end = time.perf_counter() + limit
        last = self.cpu_seconds()
        while time.perf_counter() < end:
            window = time.perf_counter() + gap
            while (left := window - time.perf_counter()) > 0:
                self.read(min(0.05, left))  # drain the output so the program never blocks
            now = self.cpu_seconds()
            if now - last < 0.02 * gap:
                break
            last = now
        return time.perf_counter() - self.started

    def rss(self) -> int:
        """Resident memory in bytes."""
        with open(f"/proc/{self.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def close(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            end = time.perf_counter() + 3
            while time.perf_counter() < end:
                try:
                    self.read(0.05)
                except EOFError:
                    pass
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
            else:
                continue
            break
        os.close(self.fd)


def start(
    argv: list[str], env: dict, *, cols: int = 80, rows: int = 24, cwd: str | None = None
) -> Session:
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: an 80x24 terminal, then the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            if cwd:
                os.chdir(cwd)
            os.execvpe(
                argv[0],
                argv,
                {
                    **os.environ,
                    **env,
                    "TERM": "xterm-256color",
                    "COLUMNS": str(cols),
                    "LINES": str(rows),
                },
            )
        finally:
            os._exit(127)
    return Session(pid, fd, t0)
