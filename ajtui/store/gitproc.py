"""git processes, and what they answer when they fail: the one home of git plumbing for
the history (ajtui.store.history; GitPython only for what it is loaded for there).

git runs without the subprocess module: `os.posix_spawnp` with a pipe for the output and
an in-memory file for the messages (importing subprocess is a noticeable part of a cached
`aj log`: tests/benchmarks/README.md). Where posix_spawnp or memfd_create is missing,
subprocess. One persistent `git cat-file --batch` (CatFile) reads every blob, and
BlobStream has it answer while the caller goes on.

    proc = run_git("git", ["log", "--", "a.aj"], cwd="/repo", env=env)
    data = proc.stdout.read()
    code, err = proc.finish()
"""

from __future__ import annotations

import os
import threading

_FAST = hasattr(os, "posix_spawnp") and hasattr(os, "memfd_create")

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from io import BufferedReader
    from typing import IO


class GitProcess:
    """A running git: `stdout` (binary, buffered), `stdin` (binary, when asked for)."""

    def __init__(self, exe: str, args: list[str], cwd: str, env: dict, stdin: bool = False) -> None:
        self.stdin: IO[bytes] | None = None
        self.stdout: BufferedReader
        self.returncode: int | None = None
        self._proc: subprocess.Popen | None = None
        self._err: int | None = None
        if not _FAST:
            import subprocess

            self._proc = subprocess.Popen(
                [exe, *args],
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE if not stdin else subprocess.DEVNULL,
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            )
            self.pid = self._proc.pid
            assert self._proc.stdout is not None  # asked for: a pipe
            self.stdout = self._proc.stdout  # type: ignore[assignment]  # buffered: bufsize -1
            self.stdin = self._proc.stdin
            return
        out_r, out_w = os.pipe()
        err = os.memfd_create("git-stderr")  # never fills up, unlike a pipe nobody reads
        in_r = in_w = -1
        actions: list[tuple] = [(os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err, 2)]
        if stdin:
            in_r, in_w = os.pipe()
            actions.append((os.POSIX_SPAWN_DUP2, in_r, 0))
        else:
            actions.append((os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0))
        try:
            import signal

            # -C: posix_spawn has no working folder; SIGPIPE as git expects it (Python
            # ignores it, and the child would inherit that)
            self.pid = os.posix_spawnp(
                exe, [exe, "-C", cwd, *args], env, file_actions=actions, setsigdef=(signal.SIGPIPE,)
            )
        except BaseException:
            for fd in (out_r, out_w, err, in_r, in_w):
                if fd >= 0:
                    os.close(fd)
            raise
        os.close(out_w)
        if stdin:
            os.close(in_r)
            self.stdin = open(in_w, "wb")  # noqa: SIM115 - open while git runs; finish() closes
        self.stdout = open(out_r, "rb")  # noqa: SIM115 - as stdin
        self._err = err

    def poll(self) -> int | None:
        """The exit code when git has ended, else None."""
        if self._proc is not None:
            return self._proc.poll()
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self._proc is not None:
            return self._proc.wait()
        if self.returncode is None:
            try:
                _pid, status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                self.returncode = -1
            else:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def finish(self) -> tuple[int, bytes]:
        """Close the pipes, wait for git; its exit code and its messages."""
        for stream in (self.stdin, self.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        if self._proc is not None:
            err = self._proc.stderr.read() if self._proc.stderr is not None else b""
            if self._proc.stderr is not None:
                self._proc.stderr.close()
            self.returncode = self._proc.wait()
            return self.returncode, err
        code = self.wait()
        err = b""
        if self._err is not None:
            try:
                os.lseek(self._err, 0, os.SEEK_SET)
                chunks = []
                while chunk := os.read(self._err, 65536):
                    chunks.append(chunk)
                err = b"".join(chunks)
            finally:
                os.close(self._err)
                self._err = None
        return code, err

    def kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
        elif self.poll() is None:
            try:
                os.kill(self.pid, 9)  # SIGKILL
            except ProcessLookupError:
                pass

    def __del__(self) -> None:  # pragma: no cover - best effort: no zombie, no fd left
        try:
            if self._err is not None or self.returncode is None and self._proc is None:
                self.kill()
                self.finish()
        except Exception:
            pass


def run_git(exe: str, args: list[str], *, cwd: str, env: dict, stdin: bool = False) -> GitProcess:
    """git started with these arguments in `cwd` (OSError when it cannot be)."""
    return GitProcess(exe, args, cwd, env, stdin)


class HistoryError(Exception):
    """Git could not answer (a clear one-line message)."""


class NotARepository(HistoryError):
    """The folder is not inside a git repository (or git is not installed)."""


class NoCommits(Exception):
    """The repository has no commits yet."""


def git_env() -> dict:
    # as GitPython runs git: messages in English (they are matched and shown as they are)
    return {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "LANGUAGE": "C", "LC_ALL": "C"}


def stderr_message(err: bytes) -> str:
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else ""


class CatFile:
    """One persistent `git cat-file --batch` for a History, started on first use: every
    blob it reads goes through this one process."""

    def __init__(self, exe: str, root: str) -> None:
        self._exe, self._root = exe, root
        self.proc: GitProcess | None = None

    def _start(self) -> GitProcess:
        if self.proc is None or self.proc.poll() is not None:
            try:
                self.proc = run_git(
                    self._exe, ["cat-file", "--batch"], cwd=self._root, env=git_env(), stdin=True
                )
            except OSError as e:
                raise HistoryError(f"cannot run git cat-file: {e}") from None
        return self.proc

    def ask(self, blobs: list[str]) -> None:
        """Send requests (answer() reads the answers, in the same order)."""
        stdin = self._start().stdin
        if stdin is None:  # pragma: no cover - started with a pipe
            raise OSError("git cat-file has no input")
        stdin.write("".join(b + "\n" for b in blobs).encode("ascii"))
        stdin.flush()

    def answer(self) -> bytes | None:
        """The next answer: the blob's bytes, or None when git has no such blob."""
        if self.proc is None:
            raise OSError("git cat-file is not running")
        out = self.proc.stdout
        header = out.readline().split()
        if not header:
            raise OSError("git cat-file ended")
        if len(header) != 3:
            return None
        data = out.read(int(header[2]))
        out.read(1)  # the newline after the contents
        return data

    def read(self, blob: str) -> bytes:
        for attempt in (1, 2):
            try:
                self.ask([blob])
                data = self.answer()
                break
            except (OSError, ValueError) as e:
                self.reset()
                if attempt == 2:
                    raise HistoryError(f"cannot read object {blob[:12]}: {e}") from None
        if data is None:
            raise HistoryError(f"cannot read object {blob[:12]}: missing")
        return data

    def reset(self) -> None:
        """Drop the process (its stream may be out of step); a new one on next use."""
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.kill()
            proc.finish()

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.finish()  # cat-file ends at the end of its input


class BlobStream:
    """Blob requests to a History's cat-file, answered by a reader thread while the
    caller goes on: the caller asks as git log's records arrive and takes each blob when
    it needs it. On any trouble the process is dropped (a fresh one starts on next use)
    and the caller reads the rest one by one."""

    def __init__(self, cat: CatFile) -> None:
        import queue

        self._cat = cat
        self._order: queue.SimpleQueue = queue.SimpleQueue()
        self._got: dict[str, bytes | None] = {}
        self._asked: set[str] = set()
        self._cond = threading.Condition()
        self._done = False
        self._failed = False
        self._thread: threading.Thread | None = None

    def request(self, blobs: list[str]) -> None:
        todo = [b for b in blobs if b not in self._asked]
        if not todo or self._failed:
            return
        try:
            self._cat._start()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._read, name="ajtui-cat-file", daemon=True
                )
                self._thread.start()
            for b in todo:
                self._asked.add(b)
                self._order.put(b)
            self._cat.ask(todo)
        except (AttributeError, OSError, ValueError, HistoryError):
            self._fail()

    def _read(self) -> None:
        try:
            while True:
                b = self._order.get()
                if b is None:
                    break
                data = self._cat.answer()
                with self._cond:
                    self._got[b] = data
                    self._cond.notify_all()
        except (AttributeError, OSError, ValueError):
            self._failed = True
        with self._cond:
            self._done = True
            self._cond.notify_all()

    def finish(self) -> None:
        """No more requests."""
        self._order.put(None)

    def ready(self, blob: str) -> bool:
        """Whether get(blob) would answer without waiting."""
        return blob not in self._asked or blob in self._got or self._done

    def get(self, blob: str) -> bytes | None:
        """The blob's bytes once read; None when it was not asked for, is missing, or the
        stream failed (read it singly then)."""
        if blob not in self._asked:
            return None
        with self._cond:
            while blob not in self._got and not self._done:
                self._cond.wait()
            return self._got.pop(blob, None)

    def _fail(self) -> None:
        self._failed = True
        self._order.put(None)

    def close(self) -> None:
        """Wait for the reader; drop the process if it is out of step."""
        self._order.put(None)
        if self._thread is not None:
            self._thread.join(timeout=30)
            if self._thread.is_alive() or self._failed:
                self._cat.reset()
        elif self._failed:
            self._cat.reset()


def git_message(e) -> str:
    stderr = (getattr(e, "stderr", "") or "").strip()
    for prefix in ("stderr:", "'"):
        stderr = stderr.removeprefix(prefix).strip()
    stderr = stderr.strip("'").strip()
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    msg = lines[-1] if lines else str(e).splitlines()[0]
    return msg.removeprefix("fatal: ").removeprefix("error: ")
