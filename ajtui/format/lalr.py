"""A fused driver for Lark's LALR tables: the same parse as `Lark.parse`, faster.

It reads Lark's internals (the parse table, the contextual lexer's per-state regexps, the
tree builder's callbacks), so it checks what it finds and refuses (TypeError) what it was not
written for; `ajtui.format.parser` then uses Lark's own loop. It handles valid input only:
anything unexpected raises `Fallback`, and the caller parses again with Lark, which reports
the error.
"""

from __future__ import annotations

from typing import Any

from ajtui.format import _lark  # noqa: F401  (Lark without the regex module)

# isort: split
from lark import Lark, Token


class Fallback(Exception):
    """The fast parse met something it does not handle; parse again the standard way."""


class FastLALR:
    """Lark's LALR tables and contextual lexer, driven by one fused loop.

    The same grammar, the same parse table, the same terminals and per-state lexer regexes,
    the same builder (so the same model) as `Lark.parse` with the indenter — without the
    generator layers between lexer, post-lexer and parser, Lark's line counter and the
    per-token `Token.__new__` keyword handling; each reduction is one generated function
    (Lark's child filter, the builder call and the stack moves, see `_compile`), and TEXT is
    cut at the newline without a regexp where the lexer could match nothing else first
    (tests/benchmarks/test_bench_parse.py measures what it buys). It handles valid input only: on anything unexpected (no terminal matches, a token the table does
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
        kept = {
            sym.name
            for rule in callbacks
            for sym in rule.expansion
            if sym.is_term and not sym.filter_out
        }
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
        rest_of_line = [
            t.name
            for t in lark.terminals
            if t.pattern.type == "re"
            and t.pattern.value in ("[^\n]+", r"[^\n]+")
            and not t.pattern.flags
        ]
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
            for name in order[: order.index(self.rest_of_line)]:
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
                match, ignore, callbacks, newline_types, rest = top.get(LEXER) or self._lexer(top)
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
    from re import _parser as sre

    try:
        items = list(sre.parse(pattern.value))
    except Exception:  # anything unusual: not known
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
        elif (
            op in (sre.MAX_REPEAT, sre.MIN_REPEAT)
            and arg[0] == 0
            and len(arg[2])
            and arg[2][0][0] is sre.SUBPATTERN
            and len(arg[2][0][1][3])
            and arg[2][0][1][3][0] == (sre.AT, sre.AT_BEGINNING_STRING)
        ):
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
        is_default = (
            isinstance(b, partial) and getattr(b.func, "__name__", "") == "default_callback"
        )
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

    from lark.parse_tree_builder import (
        ChildFilterLALR,
        ChildFilterLALR_NoPlaceholders,
        ExpandSingleChild,
    )

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
    if (
        as_list
        and n == 2
        and include == [(0, True, 0), (1, False, 0)]
        and not expand1
        and rule.expansion[0].name == origin
    ):
        # `__x : __x y`: y appended to the list, as Lark's filter appends to the Tree's
        # children; the state of __x is the one below (the goto from there on __x).
        body = ["values[-2].append(values.pop())", "del stack[-1]", "return stack[-1]"]
    elif as_list and n == 1 and include is None and not expand1:
        body = ["values[-1] = [values[-1]]", "del stack[-1]", *goto]  # `__x : y`
    elif (
        getattr(f, "only_child", False)
        and include is not None
        and len(include) == 1
        and not include[0][1]
        and not include[0][2]
        and not append_none
        and not expand1
    ):
        # a builder that returns its one child (`line: TEXT _NL`): no call
        k = include[0][0]
        if k == 0:
            body = [f"del values[{1 - n}:]"] if n > 1 else []
        else:
            body = [f"v = values[{k - n}]", f"del values[-{n}:]", "values.append(v)"]
        body += [f"del stack[-{n}:]", *goto]
    else:
        body = (
            [f"c = values[-{n}:]", f"del values[-{n}:]", f"del stack[-{n}:]"] if n else ["c = []"]
        )
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
