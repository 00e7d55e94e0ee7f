"""The one way ajtui reads a file it did not write itself: a description, an import source,
a settings or cache file.

A cloned repository or a shared folder can hold a named pipe called `x.aj` (reading it waits
for ever), a link to /dev/zero (reading it never ends) or a file that grows while it is
read. So the file is opened without blocking, looked at through the open descriptor (a
regular file, or a clear error), its size checked before a byte is read, and the read
itself bounded. Light on purpose (os and stat only): `aj check` with a warm cache reads
through it without loading the parser.
"""

from __future__ import annotations

import errno
import os
import stat

#: Files larger than this are refused: a description is tens of kilobytes.
MAX_FILE_BYTES = 4 * 1024 * 1024

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 16


class ReadError(OSError):
    """A file that is not read, with a one-line reason. An OSError, so that code which
    treats an unreadable file as absent (a cache, the settings) keeps doing so; `errno`
    is set when the system refused the open."""

    def __init__(
        self, message: str, path: str, code: int | None = None, st: os.stat_result | None = None
    ) -> None:
        super().__init__(code, message)
        self.message, self.path, self.stat = message, path, st

    def one_line(self) -> str:
        return f"{self.path}: error: {self.message}"

    def __str__(self) -> str:
        return self.one_line()


def file_kind(mode: int) -> str:
    """Why a file of this mode is not read, in words."""
    if stat.S_ISDIR(mode):
        return "is a directory, not a description file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    return "is not a regular file"


#: a symbolic link that leads back to itself, in words
LINK_LOOP = "is a symbolic link that leads back to itself (a loop), not a file"
#: a symbolic link whose target does not exist, in words
LINK_DANGLING = "is a symbolic link to a file that does not exist"


def _missing(path) -> str:
    return LINK_DANGLING if os.path.islink(path) else "no such file"


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0")


def too_large(size: int, limit: int, what: str = "a description") -> str:
    """The message for `size` bytes where at most `limit` are accepted."""
    return f"file too large ({size / 1e6:.1f} MB; {what} is at most {_megabytes(limit)} MB)"


def read_stat(
    path: str | os.PathLike, limit: int = MAX_FILE_BYTES, *, what: str = "a description"
) -> tuple[os.stat_result, bytes]:
    """(the file's status when opened, its bytes), or ReadError: missing, unreadable, not a
    regular file, or more than `limit` bytes (checked before reading, and again while
    reading, in case it grows)."""
    name = os.fsdecode(path)
    try:
        fd = os.open(path, _FLAGS)  # O_NONBLOCK: opening a FIFO must not wait for a writer
    except FileNotFoundError:
        raise ReadError(_missing(path), name, 2) from None
    except PermissionError as e:
        raise ReadError("permission denied", name, e.errno) from None
    except OSError as e:
        why = LINK_LOOP if e.errno == errno.ELOOP else e.strerror or str(e)
        raise ReadError(why, name, e.errno) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(file_kind(st.st_mode), name, st=st)
        if st.st_size > limit:
            raise ReadError(too_large(st.st_size, limit, what), name, st=st)
        data = os.read(fd, st.st_size + 1)
        if len(data) != st.st_size:  # it changed since fstat (or a short read): to the end,
            chunks = [data]  # but one byte past the limit at most
            left = limit + 1 - len(data)
            while left > 0 and chunks[-1]:
                chunks.append(os.read(fd, min(left, _CHUNK)))
                left -= len(chunks[-1])
            data = b"".join(chunks)
    except ReadError:
        raise
    except OSError as e:
        raise ReadError(e.strerror or str(e), name, e.errno) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ReadError(too_large(len(data), limit, what), name, st=st)
    return st, data


def read_bytes(
    path: str | os.PathLike, limit: int = MAX_FILE_BYTES, *, what: str = "a description"
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or ReadError (see read_stat)."""
    return read_stat(path, limit, what=what)[1]


def read_text(path: str | os.PathLike, limit: int = MAX_FILE_BYTES) -> str:
    """A description's text, or a clear AjError: AjFileError for what read_stat refuses,
    AjSyntaxError for binary or non-UTF-8 bytes (ajtui.base.errors.decode's rules)."""
    from ajtui.base.errors import AjFileError, decode

    name = os.fsdecode(path)
    try:
        data = read_bytes(path, limit)
    except ReadError as e:
        raise AjFileError(e.message, name) from None
    return decode(data, name)
