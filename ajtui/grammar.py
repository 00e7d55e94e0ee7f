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


class Fallback(Exception):
    """The fast parse met something it does not handle; parse again the standard way."""


class FastLALR:
    """Lark's LALR tables and contextual lexer, driven by one fused loop.

    The same grammar, the same parse table, the same terminals and per-state lexer regexes,
    the same tree-builder callbacks (so the same model) as `Lark.parse` with the indenter —
    without the generator layers between lexer, post-lexer and parser, Lark's line counter
    and the per-token `Token.__new__` keyword handling. Measured on 1 MB of descriptions:
    about 1.6x faster. It handles valid input only: on anything unexpected (no terminal
    matches, a token the table does not expect, indentation that lines up with nothing) it
    raises `Fallback`, and the caller parses again with the standard Lark path, which then
    produces the error exactly as before.
    """

    def __init__(self, lark: Lark) -> None:
        from lark.parsers.lalr_analysis import Shift

        frontend = lark.parser
        connector = frontend.lexer
        self._contextual = connector.lexer
        post = connector.postlexer
        lalr = frontend.parser.parser
        table = lalr.parse_table
        callbacks = lalr.callbacks
        if any(isinstance(k, str) for k in callbacks) or lark.options.keep_all_tokens:
            raise TypeError("token callbacks are not supported")
        self.nl, self.indent, self.dedent = post.NL_type, post.INDENT_type, post.DEDENT_type
        # Newline and indentation tokens never reach a callback (their names start with "_",
        # so the tree builder filters them out): the loop pushes None instead of building them.
        for rule in callbacks:
            for sym in rule.expansion:
                if sym.name in (self.nl, self.indent, self.dedent) and not sym.filter_out:
                    raise TypeError(f"{sym.name} is kept in the tree")
        self.start_state = table.start_states["start"]
        self.end_state = table.end_states["start"]
        self.states: dict[Any, dict[str, tuple]] = {}
        for state, actions in table.states.items():
            out = {}
            for name, (action, arg) in actions.items():
                if action is Shift:
                    out[name] = (True, arg, None, None)
                else:
                    out[name] = (False, len(arg.expansion), _specialise(arg, callbacks[arg]),
                                 arg.origin.name)
            self.states[state] = out
        self._scanners: dict[Any, tuple] = {}

    def _scanner(self, state: Any) -> tuple:
        found = self._scanners.get(state)
        if found is None:
            lexer = self._contextual.lexers[state]
            mres = lexer.scanner._mres
            if len(mres) != 1 or any(t in lexer.callback for t in lexer.ignore_types):
                raise TypeError("unsupported lexer configuration")
            found = (mres[0].match, lexer.ignore_types, lexer.callback, lexer.newline_types)
            self._scanners[state] = found
        return found

    def parse(self, text: str) -> Any:
        states, scanner = self.states, self._scanners.get
        NL, INDENT, DEDENT = self.nl, self.indent, self.dedent
        new = Token._future_new
        stack: list = [self.start_state]
        values: list = []
        levels = [0]
        pending: list[str] = []
        pos, line, line_start, end = 0, 1, 0, len(text)
        seen = False
        while True:
            if pending:
                kind, tok = pending.pop(), None
            elif pos < end:
                state = stack[-1]
                match, ignore, callbacks, newline_types = scanner(state) or self._scanner(state)
                m = match(text, pos)
                if m is None:
                    raise Fallback
                kind = m.lastgroup
                if kind in ignore:
                    pos = m.end()
                    continue
                seen = True
                value = m.group(0)
                epos = pos + len(value)
                if kind in newline_types and "\n" in value:
                    eline = line + value.count("\n")
                    estart = pos + value.rindex("\n") + 1
                else:
                    eline, estart = line, line_start
                if kind == NL:
                    # the indenter (AjIndenter.handle_NL), inline
                    tok = None
                    indent = epos - estart if estart < epos else 0
                    if indent > levels[-1]:
                        levels.append(indent)
                        pending.append(INDENT)
                    elif indent < levels[-1]:
                        while indent < levels[-1]:
                            levels.pop()
                            pending.append(DEDENT)
                        if indent != levels[-1]:
                            raise Fallback
                else:
                    tok = new(kind, value, pos, line, pos - line_start + 1, eline,
                              epos - estart + 1, epos)
                    if kind in callbacks:
                        tok = callbacks[kind](tok)
                        kind = tok.type
                pos, line, line_start = epos, eline, estart
            elif len(levels) > 1:
                levels.pop()
                kind, tok = DEDENT, None
            else:
                break
            while True:  # LALR: reduce until the token shifts
                try:
                    shift, arg, callback, origin = states[stack[-1]][kind]
                except KeyError:
                    raise Fallback from None
                if shift:
                    stack.append(arg)
                    values.append(tok)
                    break
                if arg:
                    children = values[-arg:]
                    del stack[-arg:]
                    del values[-arg:]
                else:
                    children = []
                values.append(callback(children))
                stack.append(states[stack[-1]][origin][1])
        if not seen:
            raise Fallback
        while True:  # $END: reduce to the start symbol
            try:
                shift, arg, callback, origin = states[stack[-1]]["$END"]
            except KeyError:
                raise Fallback from None
            if shift:
                raise Fallback
            if arg:
                children = values[-arg:]
                del stack[-arg:]
                del values[-arg:]
            else:
                children = []
            values.append(callback(children))
            stack.append(states[stack[-1]][origin][1])
            if stack[-1] == self.end_state:
                return values[-1]


def _specialise(rule: Any, callback: Any) -> Any:
    """A cheaper callback with the same result for the two commonest reductions:

    - `__x : __x y`, Lark's left-recursive repetition: its child filter splices the list of
      the `__x` Tree and appends `y`, then builds a new Tree around that same list; appending
      to the old Tree and returning it is the same (only its `.children` is ever read, by
      the parent's filter, and nothing else holds it);
    - a rule that keeps one child and no expansion (`line: TEXT _NL`): the builder called
      with that child alone.
    """
    from functools import partial

    from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders

    if type(callback) is not ChildFilterLALR_NoPlaceholders:
        return callback
    include, build = callback.to_include, callback.node_builder
    if (include == [(0, True), (1, False)] and rule.origin.name.startswith("__")
            and isinstance(build, partial)):
        def append(children: list) -> Any:
            tree = children[0]
            tree.children.append(children[1])
            return tree

        return append
    if len(include) == 1 and not include[0][1]:
        k = include[0][0]
        return lambda children: build([children[k]])
    return callback


_fast: dict[int, FastLALR | None] = {}


def fast_parser(transformer: Any) -> FastLALR | None:
    """The fused driver for `parser(transformer)`; None if this Lark's internals differ from
    what it was written against (then the standard path is used, only slower)."""
    key = id(transformer)
    if key not in _fast:
        try:
            _fast[key] = FastLALR(parser(transformer))
        except (AttributeError, TypeError, KeyError, ImportError):
            _fast[key] = None
    return _fast[key]


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
