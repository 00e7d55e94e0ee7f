"""The Lark parser for grammar/aj.lark, built once and lazily.

The grammar ships inside the wheel as ajtui/grammar/aj.lark; in a source checkout it is
read from the repository's grammar/ folder.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterator

from ajtui.format import _lark  # noqa: F401  (Lark without the regex module)
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
    the same builder (so the same model) as `Lark.parse` with the indenter — without the
    generator layers between lexer, post-lexer and parser, Lark's line counter and the
    per-token `Token.__new__` keyword handling; each reduction is one generated function
    (Lark's child filter, the builder call and the stack moves, see `_compile`), and TEXT is
    cut at the newline without a regexp where the lexer could match nothing else first.
    Measured on 1 MB of descriptions: about 2.5x faster than Lark's own loop. It handles
    valid input only: on anything unexpected (no terminal matches, a token the table does
    not expect, indentation that lines up with nothing) it raises `Fallback`, and the caller
    parses again with the standard Lark path, which then produces the error exactly as
    before.
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
        # A terminal that every rule filters out (":") never reaches a callback either.
        kept = {sym.name for rule in callbacks for sym in rule.expansion
                if sym.is_term and not sym.filter_out}
        self.drop = frozenset(t.name for t in lark.terminals if t.name not in kept)
        listy = _listy(callbacks)
        compiled = {rule: _compile(rule, cb, listy) for rule, cb in callbacks.items()}
        # Each parse state is a dict: symbol -> the next state's dict (shift, or goto after a
        # reduction) or the reduction (a function, see _compile); _LEXER -> the state's lexer
        # (filled on first use), _ID -> the state's number. One subscript per action.
        self.states: dict[int, dict] = {state: {_ID: state} for state in table.states}
        for state, actions in table.states.items():
            out = self.states[state]
            for name, (action, arg) in actions.items():
                # plain str keys: Lark's names are Tokens in a grammar not read from the cache
                if action is Shift:
                    out[str(name)] = self.states[arg]
                else:
                    out[str(name)] = compiled[arg]
        self.start_state = self.states[table.start_states["start"]]
        self.end_state = self.states[table.end_states["start"]]
        rest_of_line = [t.name for t in lark.terminals if t.pattern.type == "re"
                        and t.pattern.value in ("[^\n]+", r"[^\n]+") and not t.pattern.flags]
        self.rest_of_line = rest_of_line[0] if len(rest_of_line) == 1 else None

    def _lexer(self, state: dict) -> tuple:
        """(match, ignored, callbacks, newline types, rest): `rest` is (the rest-of-line
        terminal, the characters at which it may not match first) when this state's lexer
        has it, else None."""
        lexer = self._contextual.lexers[state[_ID]]
        mres = lexer.scanner._mres
        if len(mres) != 1 or any(t in lexer.callback for t in lexer.ignore_types):
            raise TypeError("unsupported lexer configuration")
        if self.nl in lexer.callback:
            raise TypeError("a callback on newlines")
        # The scanner's regexp tries the terminals in this order and takes the first that
        # matches. Where none before the rest-of-line terminal (TEXT) can start with the
        # next character (and it is not a newline, nor the start of the text), TEXT matches
        # up to the newline: no regexp needed.
        order = sorted(mres[0].groupindex, key=mres[0].groupindex.get)
        rest = None
        if self.rest_of_line in order and self.rest_of_line not in lexer.callback:
            patterns = {t.name: t.pattern for t in lexer.terminals}
            stop: set[str] = {"\n"}
            for name in order[:order.index(self.rest_of_line)]:
                chars = _first_chars(patterns[name])
                if chars is None:
                    break
                stop |= chars
            else:
                rest = (self.rest_of_line, frozenset(stop))
        found = (mres[0].match, lexer.ignore_types, lexer.callback, lexer.newline_types, rest)
        state[_LEXER] = found
        return found

    def parse(self, text: str) -> Any:
        NL, INDENT, DEDENT, drop = self.nl, self.indent, self.dedent, self.drop
        str_new, Tok, State, LEXER = str.__new__, Token, dict, _LEXER
        top = self.start_state
        stack: list = [top]
        values: list = []
        levels = [0]
        pending: list[str] = []
        pos, line, line_start, end = 0, 1, 0, len(text)
        seen = False
        while True:
            if pending:
                kind, tok = pending.pop(), None
            elif pos < end:
                match, ignore, callbacks, newline_types, rest = (top.get(LEXER)
                                                                 or self._lexer(top))
                if rest is not None and pos and text[pos] not in rest[1]:
                    # the rest of the line is one terminal (TEXT): no regexp needed
                    seen = True
                    kind, epos = rest[0], text.find("\n", pos)
                    if epos < 0:
                        epos = end
                    value = text[pos:epos]
                    tok = str_new(Tok, value)
                    tok.type, tok.start_pos, tok.value = kind, pos, value
                    tok.line, tok.column = line, pos - line_start + 1
                    tok.end_line, tok.end_column, tok.end_pos = line, epos - line_start + 1, epos
                    pos = epos
                else:
                    m = match(text, pos)
                    if m is None:
                        raise Fallback
                    kind = m.lastgroup
                    epos = m.end()
                    if kind == NL:
                        # the indenter (AjIndenter.handle_NL), inline; the token is never kept
                        seen, tok = True, None
                        line += text.count("\n", pos, epos)
                        pos, line_start = epos, text.rindex("\n", 0, epos) + 1
                        indent = epos - line_start
                        if indent > levels[-1]:
                            levels.append(indent)
                            pending.append(INDENT)
                        elif indent < levels[-1]:
                            while indent < levels[-1]:
                                levels.pop()
                                pending.append(DEDENT)
                            if indent != levels[-1]:
                                raise Fallback
                    elif kind in ignore:
                        pos = epos
                        continue
                    else:
                        seen = True
                        value = m.group()
                        if kind in newline_types and "\n" in value:
                            eline = line + value.count("\n")
                            estart = pos + value.rindex("\n") + 1
                        else:
                            eline, estart = line, line_start
                        if kind in callbacks or kind not in drop:
                            # Token._future_new, inline
                            tok = str_new(Tok, value)
                            tok.type, tok.start_pos, tok.value = kind, pos, value
                            tok.line, tok.column = line, pos - line_start + 1
                            tok.end_line, tok.end_column = eline, epos - estart + 1
                            tok.end_pos = epos
                            if kind in callbacks:
                                tok = callbacks[kind](tok)
                                kind = tok.type
                                if kind in drop:
                                    tok = None
                        else:
                            tok = None
                        pos, line, line_start = epos, eline, estart
            elif len(levels) > 1:
                levels.pop()
                kind, tok = DEDENT, None
            else:
                break
            while True:  # LALR: reduce until the token shifts
                try:
                    action = top[kind]
                except KeyError:
                    raise Fallback from None
                if action.__class__ is State:
                    top = action
                    stack.append(top)
                    values.append(tok)
                    break
                top = action(stack, values)  # a reduction: see _compile
        if not seen:
            raise Fallback
        while True:  # $END: reduce to the start symbol
            try:
                action = top["$END"]
            except KeyError:
                raise Fallback from None
            if action.__class__ is State:
                raise Fallback
            top = action(stack, values)
            if top is self.end_state:
                return values[-1]


def _first_chars(pattern: Any) -> frozenset[str] | None:
    """The characters a match of a terminal's pattern can start with anywhere but at the
    start of the text, when its regexp starts with a literal or a set of literals (`-`,
    `[ab]`, ` +`, `(\\A...)?(\\n...)+`); None when not known."""
    if pattern.flags:
        return None
    if pattern.type == "str":
        return frozenset(pattern.value[:1]) or None
    try:
        from re import _parser as sre  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse as sre  # type: ignore[no-redef]
    try:
        items = list(sre.parse(pattern.value))
    except Exception:  # noqa: BLE001 - anything unusual: not known
        return None
    while items:
        op, arg = items[0]
        if op is sre.LITERAL:
            return frozenset(chr(arg))
        if op is sre.IN and arg and all(o is sre.LITERAL for o, _ in arg):
            return frozenset(chr(c) for _, c in arg)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            items = list(arg[2]) + items[1:]  # x+, x{n,}: starts as x does
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            items = list(arg[3]) + items[1:]  # a group: as its first element
        elif (op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] == 0 and len(arg[2])
              and arg[2][0][0] is sre.SUBPATTERN and len(arg[2][0][1][3])
              and arg[2][0][1][3][0] == (sre.AT, sre.AT_BEGINNING_STRING)):
            items = items[1:]  # (\A...)?: nothing but at the start of the text
        else:
            return None
    return None


#: Keys of a state's dict beside its symbols (strings too: a dict with only string keys
#: has the faster lookup).
_LEXER, _ID = "\0lexer", "\0id"


def _listy(callbacks: dict) -> set[str]:
    """Rules whose value can be a plain list: `_`-rules (always spliced into the parent)
    that Lark builds with its default callback (a Tree) in every alternative."""
    from functools import partial

    default: dict[str, bool] = {}
    for rule, cb in callbacks.items():
        b = cb
        while not isinstance(b, partial) and hasattr(b, "node_builder"):
            b = b.node_builder
        is_default = isinstance(b, partial) and getattr(b.func, "__name__", "") == "default_callback"
        name = rule.origin.name
        default[name] = default.get(name, True) and is_default
    return {name for name, d in default.items() if d and name.startswith("_")}


def _compile(rule: Any, callback: Any, listy: set[str]) -> Any:
    """The reduction `rule` as one generated function with the same result as Lark's
    callback (its child filter, `?rule` inlining and the builder), without the filter's
    generic loop. Values of `_`-rules built by Lark's default callback (repetitions such as
    `__x : __x y`, which the parent always splices in) are plain lists instead of Trees: the
    left recursion appends to the previous list, as Lark's filter does to the Tree's."""
    from functools import partial

    from lark.parse_tree_builder import (ChildFilterLALR, ChildFilterLALR_NoPlaceholders,
                                         ExpandSingleChild)

    f, include, append_none = callback, None, 0
    if type(f) is ChildFilterLALR_NoPlaceholders:
        include, f = [(i, e, 0) for i, e in f.to_include], f.node_builder
    elif type(f) is ChildFilterLALR:
        include, append_none, f = f.to_include, f.append_none, f.node_builder
    expand1 = type(f) is ExpandSingleChild
    if expand1:
        f = f.node_builder
    if type(f) in (ChildFilterLALR, ChildFilterLALR_NoPlaceholders, ExpandSingleChild):
        raise TypeError("unexpected wrapper chain")
    default = isinstance(f, partial) and getattr(f.func, "__name__", "") == "default_callback"
    as_list = rule.origin.name in listy
    if as_list and not default:
        raise TypeError(f"{rule.origin.name} has a builder")

    def source(i: int) -> str:
        sym = rule.expansion[i]
        return f"c[{i}]" if sym.name in listy else f"c[{i}].children"

    n, origin = len(rule.expansion), str(rule.origin.name)  # a Token unless from the cache
    goto = [f"top = stack[-1][{origin!r}]", "stack.append(top)", "return top"]
    if (as_list and n == 2 and include == [(0, True, 0), (1, False, 0)] and not expand1
            and rule.expansion[0].name == origin):
        # `__x : __x y`: y appended to the list, as Lark's filter appends to the Tree's
        # children; the state of __x is the one below (the goto from there on __x).
        body = ["values[-2].append(values.pop())", "del stack[-1]", "return stack[-1]"]
    elif as_list and n == 1 and include is None and not expand1:
        body = ["values[-1] = [values[-1]]", "del stack[-1]", *goto]  # `__x : y`
    elif (getattr(f, "only_child", False) and include is not None and len(include) == 1
          and not include[0][1] and not include[0][2] and not append_none and not expand1):
        # a builder that returns its one child (`line: TEXT _NL`): no call
        k = include[0][0]
        if k == 0:
            body = [f"del values[{1 - n}:]"] if n > 1 else []
        else:
            body = [f"v = values[{k - n}]", f"del values[-{n}:]", "values.append(v)"]
        body += [f"del stack[-{n}:]", *goto]
    else:
        body = [f"c = values[-{n}:]", f"del values[-{n}:]", f"del stack[-{n}:]"] if n else ["c = []"]
        if include is None:
            value = "c"
        elif include and include[0][1] and not include[0][2]:
            # the first child is spliced: reuse its list (Lark's "optimize for left-recursion")
            body.append(f"f = {source(include[0][0])}")
            for i, expand, nones in include[1:]:
                if nones:
                    body.append(f"f += [None] * {nones}")
                body.append(f"f += {source(i)}" if expand else f"f.append(c[{i}])")
            if append_none:
                body.append(f"f += [None] * {append_none}")
            value = "f"
        else:
            parts = []
            for i, expand, nones in include:
                parts += ["None"] * nones
                parts.append(f"*{source(i)}" if expand else f"c[{i}]")
            parts += ["None"] * append_none
            value = "[" + ", ".join(parts) + "]"
        built = value if as_list else f"build({value})"
        if expand1:
            body.append(f"f = {value}")
            built = "f[0] if len(f) == 1 else " + ("f" if as_list else "build(f)")
        body += [f"values.append({built})", *goto]
    code = "def reduce(stack, values):\n" + "".join(f"    {line}\n" for line in body)
    scope: dict[str, Any] = {"build": f}
    exec(compile(code, f"<reduce {origin}>", "exec"), scope)
    return scope["reduce"]


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
    # a plain path, as cache.fingerprint reads it: importlib.resources costs start-up time
    here = Path(__file__).resolve().parent
    packaged = here.parent / "grammar" / "aj.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (here.parent.parent / "grammar" / "aj.lark").read_text(encoding="utf-8")


def parser(transformer: Any) -> Lark:
    """The LALR parser with `transformer` applied during the parse (no tree is built)."""
    key = id(transformer)
    found = _parsers.get(key)
    if found is not None:
        return found
    with _lock:
        found = _parsers.get(key)
        if found is None:
            found = _from_tables(transformer)
            if found is None:  # the grammar changed since the tables were written
                found = Lark(grammar_text(), parser="lalr", lexer="contextual",
                             postlex=AjIndenter(), transformer=transformer,
                             maybe_placeholders=True, cache=False)
            _parsers[key] = found
    return found


#: Lark's parse tables for grammar/aj.lark, shipped with the package as JSON: nothing is
#: unpickled, nothing is read from a cache folder (Lark's own cache is a pickle, and a
#: pickle from a folder another user can write runs their code). Regenerate after editing
#: the grammar with `python -m ajtui.format.grammar` (tests/test_safe_reads.py checks they match).
TABLES = Path(__file__).resolve().parent / "grammar_tables.json"


def _options() -> dict[str, Any]:
    return {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": True}


def serialize_tables() -> str:
    """The JSON text of Lark's tables for the grammar as it is now (see TABLES)."""
    import json

    import lark
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    built = Lark(grammar_text(), postlex=AjIndenter(), cache=False, **_options())
    data, memo = built.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items()
                       if k not in _LOAD_ALLOWED_OPTIONS}
    # JSON has no int keys: the int-keyed tables are written as [key, value] pairs
    table = data["parser"]["parser"]
    written = {**data, "parser": {**data["parser"], "parser": {
        **table, "tokens": list(table["tokens"].items()),
        "states": [(state, list(actions.items())) for state, actions in table["states"].items()]}}}
    text = json.dumps({"lark": lark.__version__, "grammar": grammar_text(),
                       "data": written, "memo": list(memo.items())},
                      ensure_ascii=False, separators=(",", ":")) + "\n"
    back = _restore(json.loads(text))
    if _lists(back["data"]) != _lists(data) or _lists(back["memo"]) != _lists(memo):
        raise TypeError("Lark's tables do not survive JSON: update grammar._restore")
    return text


def _lists(o: Any) -> Any:
    """`o` with tuples as lists: JSON's view of Lark's tables (Lark unpacks either)."""
    if isinstance(o, dict):
        return {k: _lists(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_lists(v) for v in o]
    return o


def _restore(stored: dict) -> dict:
    """The tables as Lark reads them, from their JSON form (see serialize_tables)."""
    table = stored["data"]["parser"]["parser"]
    table["tokens"] = dict(table["tokens"])
    table["states"] = {state: dict(actions) for state, actions in table["states"]}
    stored["memo"] = dict(stored["memo"])
    return stored


def canonical(stored: dict) -> dict:
    """The tables with the parse states numbered in a fixed order: Lark numbers states and
    symbols differently from run to run, so two serializations of one grammar are compared
    in this form."""
    data = dict(stored["data"])
    frontend = dict(data["parser"])
    table = frontend.pop("parser")
    names = table["tokens"]
    states = table["states"]
    start = table["start_states"]["start"]
    number = {start: 0}
    order = [start]
    for state in order:  # breadth first, actions in name order: every state is reached
        for _name, (action, arg) in sorted((names[k], v) for k, v in states[state].items()):
            if action == 0 and arg not in number:
                number[arg] = len(order)
                order.append(arg)
    renumbered = {
        number[state]: sorted((names[k], (action, number[arg] if action == 0 else arg))
                              for k, (action, arg) in states[state].items())
        for state in order}
    data["parser"] = frontend
    return {"data": data, "memo": stored["memo"], "states": renumbered,
            "end": number[table["end_states"]["start"]], "unreached": len(states) - len(order)}


def load_tables() -> dict | None:
    """The shipped tables ({"data", "memo", ...}), or None when they are missing, unreadable
    or were written for another grammar text."""
    import json

    try:
        with open(TABLES, encoding="utf-8") as fh:
            stored = json.load(fh)
        if not isinstance(stored, dict) or stored.get("grammar") != grammar_text():
            return None
        return _restore(stored)
    except (OSError, ValueError, RecursionError, LookupError, TypeError, AttributeError):
        return None


def _from_tables(transformer: Any) -> Lark | None:
    stored = load_tables()
    if stored is None:
        return None
    try:
        return Lark._load_from_dict(stored["data"], stored["memo"], postlex=AjIndenter(),
                                    transformer=transformer)
    except Exception:  # noqa: BLE001 - tables Lark cannot read: build from the grammar
        return None


if __name__ == "__main__":  # python -m ajtui.format.grammar: write the tables after a grammar edit
    TABLES.write_text(serialize_tables(), encoding="utf-8")
    print(f"wrote {TABLES}")
