"""The one output path for text that came from a file or from git (names, values, messages,
paths): nothing in it reaches a terminal as a control sequence or hides there.

- control characters (C0, DEL, C1) show as `\\xNN`; `safe` keeps tab and newline, `safe_line`
  shows them too (one line, e.g. under a caret);
- invisible format characters (Unicode category Cf: zero-width space and joiners, soft
  hyphen, bidi controls such as U+202E, the byte-order mark …) and the line and paragraph
  separators U+2028/U+2029 show as `⟨U+200B⟩`;
- a lone surrogate (an undecodable byte of a file name, kept by Python as U+DC80–U+DCFF)
  shows as the byte, `\\xNN`, instead of failing to print.

`json_text` escapes the same characters inside JSON as `\\uXXXX`, so the output parses to
the original data and is still inert on a terminal. `for_stream` is for data formats (CSV,
file lists, .aj text): escaped on a terminal, verbatim into a pipe or file.

Only `re` is imported, so plain-text output need not load Rich for it.
"""

from __future__ import annotations

import re

# Unicode Cf, Zl and Zp (from unicodedata 14.0, plus the Egyptian hieroglyph format controls
# of 15.0); tests/test_safe_output.py checks that this covers the running Python's tables.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
#: A control character (C0 but the line break and the tab, DEL, C1): what `aj check` reports
#: (AJ151) and what the exports and the editor show escaped.
CONTROL = re.compile(f"[{_CONTROLS}]")

# Patterns compiled on first use and kept: most text is printable and never needs them,
# and compiling all three up front would cost every `aj` command's start-up.
_UNSAFE = f"[{_CONTROLS}{_FORMAT}{_SURROGATES}]"
_UNSAFE_LINE = f"[\t\n{_CONTROLS}{_FORMAT}{_SURROGATES}]"
#: What json.dumps(ensure_ascii=False) leaves raw and a terminal must not get raw (C0 it
#: escapes itself).
_UNSAFE_JSON = f"[\x7f-\x9f{_FORMAT}{_SURROGATES}]"
_compiled: dict[str, re.Pattern] = {}


def _rx(pattern: str) -> re.Pattern:
    rx = _compiled.get(pattern)
    if rx is None:
        rx = _compiled[pattern] = re.compile(pattern)
    return rx


def _shown(mo: re.Match) -> str:
    c = ord(mo.group())
    if c <= 0x9F:
        return f"\\x{c:02x}"
    if 0xDC80 <= c <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{c - 0xDC00:02x}"
    return f"⟨U+{c:04X}⟩"


def safe(text: str) -> str:
    """`text` with control and invisible format characters shown as visible escapes; tabs
    and line breaks kept."""
    if text.isprintable():  # every character escaped below is non-printable
        return text
    return _rx(_UNSAFE).sub(_shown, text)


def safe_line(text: str) -> str:
    """`safe`, and tabs and line breaks shown too: one line, one column per character of
    the source up to the escapes (for a caret under a source line)."""
    if text.isprintable():
        return text
    return _rx(_UNSAFE_LINE).sub(_shown, text)


def _json_escape(mo: re.Match) -> str:
    c = ord(mo.group())
    if c > 0xFFFF:
        c -= 0x10000
        return f"\\u{0xD800 + (c >> 10):04x}\\u{0xDC00 + (c & 0x3FF):04x}"
    return f"\\u{c:04x}"


def json_text(encoded: str) -> str:
    """JSON text (from `json.dumps(…, ensure_ascii=False)`) with the characters `safe`
    escapes written as `\\uXXXX`: the same data, nothing raw on a terminal. (Outside strings
    JSON text is ASCII, so every hit is inside a string.)"""
    if encoded.isprintable() or not _rx(_UNSAFE_JSON).search(encoded):
        return encoded
    return _rx(_UNSAFE_JSON).sub(_json_escape, encoded)


def is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def for_stream(text: str, stream) -> str:
    """Data (CSV, file names, .aj or Markdown text, a patch) for `stream`: shown safely on
    a terminal, verbatim into a pipe or a file, where it is data."""
    return safe(text) if is_terminal(stream) else text
