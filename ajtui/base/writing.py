"""The one way ajtui writes a file: under an advisory lock, compared with what was read,
atomically, through symlinks, keeping owner, group, mode and hard links.

- Lock: `fcntl.flock` on the file itself (re-checked after locking, since a rename puts a
  new inode at the path), or on its folder while the file does not exist yet. Every ajtui
  writer — CLI, API, app — takes it around its read-modify-write, so two `aj set` on one
  file, or `aj fmt` racing `aj set`, never lose an edit.
- Compare: `write_text(path, text, expected=before)` reads the file again under the lock
  and raises `ChangedOnDisk` when it is no longer `before` (or was deleted).
- Symlinks are resolved and the real file is written; the link stays a link.
- A file with other hard links, or whose owner we could not give back to a new file, is
  written in place (new text over the old, then truncated, then fsync), so every name keeps
  seeing the same file and its owner is kept. Otherwise: a temporary file in the same folder,
  owner/group/mode copied (never setuid/setgid), fsync, rename, fsync of the folder.
- Temporary files are removed when SIGINT/SIGTERM/SIGHUP arrives during the write; one left
  by a kill -9 (its name carries the writer's pid) is removed by a later write to the folder.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time

from ajtui.base.reading import LINK_DANGLING, LINK_LOOP, MAX_FILE_BYTES, file_kind, too_large

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time (a kept `aj show`)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Literal, overload

#: how long a writer waits for another ajtui writer of the same file before giving up
LOCK_TIMEOUT = 30.0
#: the same for the app, which waits on its screen: a short wait, then "try again"
APP_LOCK_TIMEOUT = 3.0
#: a dead writer's temporary file for another file in the folder is removed after this long
#: (a live writer on another machine sharing the folder has a pid we cannot check)
STALE_AGE = 3600.0
#: setuid, setgid: never put on a file ajtui creates; a description is not a program
SET_ID = stat.S_ISUID | stat.S_ISGID

#: A temporary file's name (compiled by `re` on first use: a write that meets none does not
#: pay for it)
_TEMP = r"(?s)\.(?P<stem>.*)\.aj-(?P<pid>\d+)-[0-9a-f]+\.tmp$"
_STEM = 40  # characters of the file's name in its temporary file's name (name length limits)


class ChangedOnDisk(Exception):
    """The file is not what the writer read any more (or was deleted): nothing written."""

    def __init__(self, path: str, *, deleted: bool = False, exists: bool = False) -> None:
        self.path = path
        self.deleted = deleted
        what = (
            "was deleted since it was read; not created again"
            if deleted
            else "exists already"
            if exists
            else "changed on disk since it was read"
        )
        super().__init__(f"{what}; nothing written")

    def one_line(self) -> str:
        return f"{self.path}: error: {self}"


class NotRegular(OSError):
    """The path names a folder, FIFO, device or socket: ajtui writes regular files only."""


class Locked(OSError):
    """Another program held the lock for longer than LOCK_TIMEOUT."""


class TooLarge(OSError):
    """A description larger than every command reads (MAX_FILE_BYTES): nothing written,
    since the file could not be opened again."""

    def __init__(self, path: str, size: int, limit: int = MAX_FILE_BYTES) -> None:
        super().__init__(
            errno.EFBIG,
            too_large(size, limit).replace("file too large", "would be too large")
            + "; nothing written",
            path,
        )


_UNCHECKED = object()


# --- public API ------------------------------------------------------------------------------


def write_text(
    path,
    text: str,
    *,
    expected: str | None | object = _UNCHECKED,
    timeout: float | None = None,
    limit: int | None = None,
) -> None:
    """Write `text` to `path` (see the module's docstring). With `expected` (the text the
    caller read, or None for "the file must not exist"), the file is read again under the
    lock and `ChangedOnDisk` raised when it differs. With `limit` (MAX_FILE_BYTES for a
    description), TooLarge before anything is touched when the text has more bytes. OSError
    when the write fails (the file is then as it was)."""
    if limit is not None:  # before waiting for the lock
        check_size(path, text, limit)
    with locked(path, timeout=timeout) as target:
        target.write(text, expected=expected, limit=limit)


def write_bytes(path, data: bytes, *, timeout: float | None = None) -> None:
    """Write binary `data` (a Word or PDF export) the same way as text: under the lock,
    atomically, through symlinks, links and owner kept."""
    with locked(path, timeout=timeout) as target:
        target.write(data)


def check_size(path, text: str, limit: int = MAX_FILE_BYTES) -> None:
    """TooLarge when `text` has more than `limit` bytes in UTF-8."""
    if len(text) > limit // 4:  # fewer characters always fit
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise TooLarge(os.fspath(path), size, limit)


def update(
    path,
    change: Callable[[str | None], str | None],
    *,
    create: bool = False,
    timeout: float | None = None,
    limit: int | None = None,
) -> bool:
    """Read-modify-write under the lock: `change(current)` returns the new text (or None,
    or the same text, to write nothing). A missing file is an error (AjFileError from
    `ajtui.base.reading.read_text`) unless `create`, when `change` gets None. `limit` as for
    write_text. Returns whether it wrote."""
    with locked(path, timeout=timeout) as target:
        current = target.read() if create else target.read(missing_ok=False)
        new = change(current)
        if new is None or new == current:
            return False
        target.write(new, limit=limit)
        return True


def write_atomic(path, text: str) -> None:
    """Write without comparing (new files, `-o` outputs)."""
    write_text(path, text)


def write_cache(path: str, text: str) -> None:
    """Write a file of the user's cache folder (ajtui.store.cache's private folders): a
    temporary file in the same folder, renamed over `path`. No lock (a cache file is
    whole or absent and any writer's copy will do), no fsync (one lost in a crash is
    worked out again), owner and links not kept (ours alone). Its temporary file is named
    as write_text's, so `remove_stale_temps` removes one left by a killed writer."""
    folder, base = os.path.split(path)
    tmp = _temp_path(folder, base)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        try:
            _write_all(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


class Target:
    """The real file behind a path, locked; `read()` and `write()` under that lock."""

    def __init__(self, path: str, real: str, st: os.stat_result | None) -> None:
        self.path = path
        self.real = real
        self.stat = st  # None: the file does not exist (the folder is locked)

    if TYPE_CHECKING:

        @overload
        def read(self, *, missing_ok: Literal[False]) -> str: ...
        @overload
        def read(self, *, missing_ok: bool = True) -> str | None: ...

    def read(self, *, missing_ok: bool = True) -> str | None:
        from ajtui.base.reading import read_text

        if self.stat is None and missing_ok:
            return None
        return read_text(self.path)  # the name the user gave, in messages

    def write(
        self,
        text: str | bytes,
        *,
        expected: str | None | object = _UNCHECKED,
        limit: int | None = None,
    ) -> None:
        """Write `text` (or bytes as they are); with `expected`, only if the file still holds it (read again here,
        which also catches a program that changed it without taking the lock); with
        `limit`, only if it has at most that many bytes (TooLarge)."""
        if limit is not None and isinstance(text, str):
            check_size(self.path, text, limit)
        if expected is not _UNCHECKED:
            try:
                self.stat = os.stat(self.real)
            except FileNotFoundError:
                self.stat = None
            current = self.read()
            if current != expected:
                raise ChangedOnDisk(self.path, deleted=current is None, exists=expected is None)
        data = text.encode("utf-8") if isinstance(text, str) else text
        st = self.stat
        if st is not None and not _may_write(self.real):
            # a rename would replace a file its mode says not to write
            raise PermissionError(errno.EACCES, "the file is read-only", self.path)
        if st is not None and (st.st_nlink > 1 or not _can_give_back(st)):
            _write_in_place(self.real, data)
        else:
            _write_replacing(self.real, data, st)
        try:
            self.stat = os.stat(self.real)
        except OSError:
            pass


def locked(path, *, timeout: float | None = None) -> _Lock:
    """Hold ajtui's advisory lock on the file `path` names (through symlinks): `with
    locked(path) as target:` (a Target)."""
    return _Lock(os.fspath(path), LOCK_TIMEOUT if timeout is None else timeout)


class _Lock:
    """What `locked` gives: a context manager written out (contextlib's decorator costs its
    import, paid by every command that keeps its output)."""

    def __init__(self, name: str, timeout: float) -> None:
        self.name, self.timeout = name, timeout
        self.fd: int | None = None

    def __enter__(self) -> Target:
        name = self.name
        deadline = time.monotonic() + self.timeout
        while True:
            real = os.path.realpath(name)
            folder = os.path.dirname(real) or "."
            try:
                fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
                on_file = True
            except FileNotFoundError:
                try:
                    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
                except FileNotFoundError:
                    if os.path.islink(name):  # not "no such file": the name is there
                        raise NotRegular(errno.ENOENT, LINK_DANGLING, name) from None
                    raise
                on_file = False
            except OSError as e:
                if e.errno == errno.EISDIR:
                    raise NotRegular(errno.EISDIR, "is a folder, not a file", name) from None
                if e.errno == errno.ELOOP:  # realpath() leaves a loop; O_NOFOLLOW stops
                    raise NotRegular(errno.ELOOP, LINK_LOOP, name) from None
                raise
            try:
                mine = os.fstat(fd)
                if on_file and not stat.S_ISREG(mine.st_mode):
                    raise NotRegular(errno.EINVAL, file_kind(mine.st_mode), name)
                _flock(fd, deadline, name)
                try:
                    now = os.stat(real, follow_symlinks=False)
                except FileNotFoundError:
                    now = None
                # the lock counts only if the path still names what we locked
                if (
                    on_file
                    and now is not None
                    and (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)
                ) or (not on_file and now is None):
                    self.fd = fd  # closed (the lock released) on leaving
                    return Target(name, real, now)
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # the path names another file now: again
            if time.monotonic() >= deadline:  # replaced again and again by another program
                raise Locked(
                    errno.EWOULDBLOCK, "keeps being replaced by another program; try again", name
                )

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)  # releases the lock


# --- locking ---------------------------------------------------------------------------------


def _flock(fd: int, deadline: float, name: str) -> None:
    import fcntl

    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        # polled, not blocking: a hung program holding the lock must not hang us
        if time.monotonic() >= deadline:
            raise Locked(errno.EWOULDBLOCK, "locked by another program; try again", name)
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


# --- writing ---------------------------------------------------------------------------------


def _may_write(real: str) -> bool:
    # plain access() asks the kernel (which knows immutable files and read-only mounts);
    # the effective-ids form may be answered from the mode bits alone
    if os.geteuid() != os.getuid() and os.access in os.supports_effective_ids:
        return os.access(real, os.W_OK, effective_ids=True)
    return os.access(real, os.W_OK)


def _can_give_back(st: os.stat_result) -> bool:
    """Can a new file get this file's owner and group?"""
    if os.geteuid() == 0:
        return True
    return st.st_uid == os.geteuid() and (st.st_gid == os.getegid() or st.st_gid in os.getgroups())


def _write_all(fd: int, data: bytes, offset: int | None = None) -> None:
    view = memoryview(data)
    done = 0
    while done < len(view):
        if offset is None:
            done += os.write(fd, view[done:])
        else:
            done += os.pwrite(fd, view[done:], offset + done)


def _write_in_place(real: str, data: bytes) -> None:
    """Same inode: hard links and the owner stay. The new text goes over the old before
    the file is cut to length, so there is never an empty file; signals wait until the
    write is done."""
    with _Signals(abort=False):
        fd = os.open(real, os.O_WRONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
        try:
            _write_all(fd, data, 0)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_replacing(real: str, data: bytes, st: os.stat_result | None) -> None:
    folder = os.path.dirname(real) or "."
    base = os.path.basename(real)
    remove_stale_temps(folder, base)
    tmp = _temp_path(folder, base)
    in_place = False
    with _Signals(abort=True, temp=tmp) as state:
        # an existing file's mode is set below; a new one gets 0o666 less the umask
        fd = os.open(
            tmp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW,
            0o600 if st is not None else 0o666,
        )
        try:
            _write_all(fd, data)
            if st is not None:
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except PermissionError:
                    in_place = True  # e.g. root without CAP_CHOWN: keep the owner in place
                # fchmod after fchown (which may clear set-id bits); never setuid/setgid
                os.fchmod(fd, stat.S_IMODE(st.st_mode) & ~SET_ID)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not in_place:
            os.replace(tmp, real)
            state.done = True
    if in_place:
        _unlink(tmp)
        _write_in_place(real, data)
        return
    _fsync_folder(folder)


def _temp_path(folder: str, base: str) -> str:
    """A new temporary file's path for `base` in `folder`: named after it, this process
    and a random part (`_TEMP`, what remove_stale_temps reads)."""
    return os.path.join(folder, f".{base[:_STEM]}.aj-{os.getpid()}-{os.urandom(4).hex()}.tmp")


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as e:  # some file systems cannot fsync a folder; the rename is done
        if e.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


# --- temporary files -------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def remove_stale_temps(folder: str, base: str) -> list[str]:
    """Remove temporary files left by writers that were killed (kill -9, power loss): those
    of `base` whose pid is gone (we hold `base`'s lock, so no live writer on any machine
    uses one), and those of other files whose pid is gone and that are older than
    STALE_AGE. Returns the names removed."""
    removed: list[str] = []
    mine = os.getpid()
    stem = base[:_STEM]
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        m = re.match(_TEMP, entry.name)
        if m is None:
            continue
        pid = int(m["pid"])
        if pid == mine or _alive(pid):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            if m["stem"] != stem and now - st.st_mtime < STALE_AGE:
                continue
            os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


class _Signalled(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Write:
    done = False  # set once the new text is in place: a late signal no longer aborts it


class _Signals:
    """During a write (`with _Signals(abort=…, temp=…) as state:`): SIGINT/SIGTERM/SIGHUP
    either abort it (the temporary file is removed) or wait until it is done; then the
    signal is delivered again to the handler that was there before. Outside the main thread
    handlers cannot be set: a temporary file left there is removed by a later write
    (`remove_stale_temps`). Written out, not with contextlib (see `_Lock`)."""

    def __init__(self, *, abort: bool, temp: str | None = None) -> None:
        self.abort, self.temp = abort, temp
        self.caught: list[int] = []
        self.previous: dict[int, Any] = {}
        self.state = _Write()

    def _handler(self, signum: int, frame: object) -> None:
        self.caught.append(signum)
        if self.abort:
            raise _Signalled(signum)

    def __enter__(self) -> _Write:
        signal = _signal_module()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            old = signal.getsignal(signum)
            if old is None or old == signal.SIG_IGN:
                continue
            try:
                self.previous[signum] = signal.signal(signum, self._handler)
            except ValueError:  # not the main thread (asking threading costs its import)
                break
            except OSError:
                pass
        return self.state

    def __exit__(self, kind: type[BaseException] | None, error: object, tb: object) -> bool:
        signal = _signal_module()
        try:
            if kind is not None and not issubclass(kind, _Signalled):
                if self.temp is not None:
                    _unlink(self.temp)
                return False  # raised on
        finally:
            for number, old in self.previous.items():
                signal.signal(number, old)
        if self.caught:
            if self.temp is not None:
                _unlink(self.temp)
            aborted = self.abort and not self.state.done
            for caught_signum in dict.fromkeys(self.caught):
                os.kill(os.getpid(), caught_signum)
            # a Python handler (SIGINT's KeyboardInterrupt) runs only at a later bytecode:
            # the write must not look done when it was not
            if aborted:
                raise InterruptedError(errno.EINTR, "interrupted; nothing written")
        return True  # a signal that aborted the write: handled here


def _signal_module():
    """`signal`'s C module (`signal` itself makes enums of its numbers at import)."""
    if TYPE_CHECKING:
        import signal
    else:
        try:
            import _signal as signal
        except ImportError:  # pragma: no cover - a Python without it
            import signal
    return signal


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
