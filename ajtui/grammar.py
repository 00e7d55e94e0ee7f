"""The Lark parser for grammar/aj.lark, built once and lazily.

The grammar ships inside the wheel as ajtui/grammar/aj.lark; in a source checkout it is
read from the repository's grammar/ folder.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from lark import Lark, Token
from lark.indenter import Indenter

_lock = threading.Lock()
_parsers: dict[int, Lark] = {}


class IndentError(Exception):
    """Indentation that returns to no enclosing level."""

    def __init__(self, line: int, column: int, expected: list[int]) -> None:
        levels = " or ".join(str(n) for n in expected)
        super().__init__(f"indentation of {column - 1} spaces lines up with no enclosing "
                         f"line (expected {levels} spaces)")
        self.line, self.column, self.expected = line, column, expected


class AjIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types: list[str] = []
    CLOSE_PAREN_types: list[str] = []
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8

    def handle_NL(self, token: Token) -> Iterator[Token]:
        yield token
        indent_str = token.rsplit("\n", 1)[1]
        indent = len(indent_str)
        levels = self.indent_level
        if indent > levels[-1]:
            levels.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, indent_str, token)
            return
        enclosing = list(levels)
        while indent < levels[-1]:
            levels.pop()
            yield Token.new_borrow_pos(self.DEDENT_type, indent_str, token)
        if indent != levels[-1]:
            line = (token.end_line or token.line or 1)
            raise IndentError(line, indent + 1, enclosing)


def grammar_text() -> str:
    packaged = resources.files("ajtui") / "grammar" / "aj.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parent.parent / "grammar" / "aj.lark"
    return source.read_text(encoding="utf-8")


def parser(transformer: Any) -> Lark:
    """The LALR parser with `transformer` applied during the parse (no tree is built)."""
    key = id(transformer)
    found = _parsers.get(key)
    if found is not None:
        return found
    with _lock:
        found = _parsers.get(key)
        if found is None:
            found = Lark(grammar_text(), parser="lalr", lexer="contextual",
                         postlex=AjIndenter(), transformer=transformer,
                         maybe_placeholders=True, cache=_cache_path())
            _parsers[key] = found
    return found


def _cache_path() -> str | bool:
    """Lark's grammar cache in the user's cache folder; off if it cannot be written."""
    try:
        import os
        import tempfile
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "ajtui")
        os.makedirs(folder, exist_ok=True)
        if not os.access(folder, os.W_OK):
            folder = tempfile.gettempdir()
        import hashlib
        digest = hashlib.sha256(grammar_text().encode()).hexdigest()[:16]
        return os.path.join(folder, f"aj-grammar-{digest}.lark.cache")
    except OSError:
        return False
