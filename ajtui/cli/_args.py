"""Arguments checked before any command runs: numbers in range, text that is UTF-8."""

from __future__ import annotations

#: Columns `--width` accepts: narrower cannot show a heading and its number, wider only
#: makes the layout work longer (10,000,000 columns ran for ever).
MIN_WIDTH, MAX_WIDTH = 20, 1000


def int_in(low: int, high: int, what: str):
    """An argparse `type`: a whole number from `low` to `high`, or one clear message.
    (argparse is imported only to refuse: a command line without options is read without
    it, ajtui.cli._plainargs.)"""

    def parse(text: str) -> int:
        try:
            n = int(text.strip()) if len(text) <= 20 else None
        except ValueError:
            n = None
        if n is None:
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise _refused(
                f"expected a whole number from {low} to {high} ({what}), found {shown!r}"
            )
        if not low <= n <= high:
            raise _refused(f"expected a whole number from {low} to {high} ({what}), found {n}")
        return n

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def _refused(message: str) -> Exception:
    import argparse

    return argparse.ArgumentTypeError(message)


def width(text: str) -> int:
    return int_in(MIN_WIDTH, MAX_WIDTH, "columns")(text)


def not_utf8(argv: list[str]) -> str | None:
    """A message for the first argument that is not UTF-8 text (or holds a NUL, which no
    command line can: only a caller of `main` can pass one), or None. Python hands on
    such bytes as lone surrogates (U+DC80–U+DCFF for byte 0x80–0xFF); a file name or value
    with them cannot be printed, written into a description or matched as text, so it is
    refused here rather than failing half-way through a batch."""
    for n, arg in enumerate(argv, 1):
        if "\x00" in arg:
            return f"argument {n} contains a NUL character"
        try:  # only a surrogate stops UTF-8 (no regex: each start would compile it)
            arg.encode("utf-8")
            continue
        except UnicodeEncodeError as e:
            code = ord(arg[e.start])
        what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
        from ajtui.base.safetext import safe

        try:  # the bytes as they were given, the undecodable ones as \xNN
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate standing for no byte (only in-process)
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
        if len(shown) > 60:
            shown = shown[:60] + "…"
        return (
            f"argument {n} is not UTF-8 text ({what}): {safe(shown)}; names and values "
            "must be UTF-8"
        )
    return None
