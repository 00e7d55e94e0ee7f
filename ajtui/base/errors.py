"""What ajtui refuses to read, as exceptions with a one-line message naming the file, and
the one rule for a description's bytes: UTF-8 text without NUL. Imported by the readers in
base and by the parser; light (the safe-text helpers only)."""

from __future__ import annotations

from ajtui.base.safetext import safe, safe_line


class AjError(Exception):
    """Anything ajtui refuses to read, with a one-line message naming the file."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        return safe_line(f"{self.path or '<text>'}: error: {self.message}")

    def __str__(self) -> str:
        return self.one_line()


class AjFileError(AjError):
    """The file cannot be read as a description at all (missing, a folder, too large)."""


class AjSyntaxError(AjError):
    """The text does not follow the grammar (or is not UTF-8 text)."""

    def __init__(
        self,
        message: str,
        line: int,
        column: int,
        *,
        path: str | None = None,
        source_line: str = "",
        expected: list[str] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, path)
        self.line, self.column = line, column
        self.source_line = source_line
        self.expected = expected or []
        self.hint = hint

    def one_line(self) -> str:
        return safe_line(
            f"{self.path or '<text>'}:{self.line}:{self.column}: error: {self.message}"
        )

    def __str__(self) -> str:
        out = [self.one_line()]
        if self.source_line or self.line:
            shown = safe_line(self.source_line)
            out.append(f"  {shown}")
            out.append(
                "  " + " " * max(0, len(safe_line(self.source_line[: self.column - 1]))) + "^"
            )
        if self.hint:
            out.append(safe(f"hint: {self.hint}"))
        return "\n".join(out)


def decode(data: bytes, path: str | None = None) -> str:
    """Bytes -> text, refusing binary data and anything that is not UTF-8."""
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise AjSyntaxError(
            "binary file (contains a NUL byte); not a description",
            line,
            nul - (data.rfind(b"\n", 0, nul) + 1) + 1,
            path=path,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        start = data.rfind(b"\n", 0, e.start) + 1
        col = len(data[start : e.start].decode("utf-8", "replace")) + 1
        shown = data[start : data.find(b"\n", e.start) if b"\n" in data[e.start :] else len(data)]
        raise AjSyntaxError(
            f"not UTF-8 text (byte 0x{data[e.start]:02x})",
            line,
            col,
            path=path,
            source_line=shown.decode("utf-8", "replace"),
            hint="save the file as UTF-8",
        ) from None
