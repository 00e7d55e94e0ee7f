"""A fused driver for Lark's LALR tables: the same parse as `Lark.parse`, faster, and
without importing Lark.

The driver runs on plain data (`spec_from_lark`): the parse table, each state's lexer
regexp, the reductions' child filters. That data is read from Lark's internals once, when
`python -m ajtui.format.grammar` writes `driver_tables.json` (or at run time, from the
Lark parser, when the grammar changed since); reading it back needs only `json` and `re`,
so a process that parses valid text never imports Lark. The same command writes
`_driver.py`, the same data as a Python literal and every reduction generated as a
function (`driver_module`): where Python keeps bytecode, that module is read instead
(from its .pyc: no json, no compiling; `bytecode_kept`). `spec_from_lark` checks what it
finds and refuses (TypeError) what it was not written for; `ajtui.format.parser` then uses
Lark's own loop. The driver handles valid input only: anything unexpected raises
`Fallback`, and the caller parses again with Lark, which reports the error.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Fallback(Exception):
    """The fast parse met something it does not handle; parse again the standard way."""


class Token(str):
    """A terminal as the fast parse builds it: its text, with the attributes of Lark's
    `Token` that the builder reads (Lark's own parse hands the builder Lark's tokens)."""

    __slots__ = (
        "type",
        "start_pos",
        "value",
        "line",
        "column",
        "end_line",
        "end_column",
        "end_pos",
    )

    type: str
    start_pos: int
    value: str
    line: int
    column: int
    end_line: int
    end_column: int
    end_pos: int


class FastLALR:
    """Lark's LALR tables and contextual lexer, driven by one fused loop.

    The same grammar, the same parse table, the same terminals and per-state lexer regexes,
    the same builder (so the same model) as `Lark.parse` with the indenter — without the
    generator layers between lexer, post-lexer and parser, Lark's line counter and the
    per-token `Token.__new__` keyword handling; each reduction is one generated function
    (Lark's child filter, the builder call and the stack moves, see `_compile`), and TEXT is
    cut at the newline without a regexp where the lexer could match nothing else first
    (tests/benchmarks/test_bench_parse.py measures what it buys). It handles valid input
    only: on anything unexpected (no terminal matches, a token the table does not expect,
    indentation that lines up with nothing) it raises `Fallback`, and the caller parses
    again with the standard Lark path, which then produces the error exactly as before.

    `spec` is the plain data of `spec_from_lark`; `builder` the object whose methods build
    each rule's value (as Lark's `transformer=`).
    """

    def __init__(self, spec: dict, builder: Any) -> None:
        self.nl, self.indent, self.dedent = spec["nl"], spec["indent"], spec["dedent"]
        self.drop = frozenset(spec["drop"])
        rules = spec["rules"]
        listy = _listy(rules, builder)
        builders = [_builder(rule, builder) for rule in rules]
        for rule, build in zip(rules, builders, strict=True):
            if rule["origin"] in listy and build is not None:  # (what _compile relies on)
                raise TypeError(f"{rule['origin']} has a builder")
        # Each parse state is a dict: symbol -> the next state's dict (shift, or goto after a
        # reduction) or the reduction (a function, see _compile); _LEXER -> the state's lexer
        # (filled on first use), _ID -> the state's number. One subscript per action. A
        # reduction is generated on its first use (a parse uses fewer than half of them):
        # until then its places hold a stand-in that generates it and puts it there.
        self.states: dict[int, dict] = {state: {_ID: state} for state, _ in spec["states"]}
        places: list[list[tuple[dict, str]]] = [[] for _ in rules]
        stand_ins = [_stand_in(i, rules[i], builders[i], listy, places) for i in range(len(rules))]
        for state, actions in spec["states"]:
            out = self.states[state]
            for name, shift, arg in actions:
                if shift:
                    out[name] = self.states[arg]
                else:
                    out[name] = stand_ins[arg]
                    places[arg].append((out, name))
        self.start_state = self.states[spec["start"]]
        self.end_state = self.states[spec["end"]]
        self._lexer_of: dict[int, int] = dict(spec["state_lexers"])
        self._lexer_specs: list[dict] = spec["lexers"]
        self._lexers: dict[int, tuple] = {}

    @classmethod
    def from_lark(cls, lark: Any) -> FastLALR:
        """The driver for a Lark parser, with the transformer it was built with."""
        return cls(spec_from_lark(lark), lark.options.transformer)

    def _lexer(self, state: dict) -> tuple:
        """(match, ignored, newline types, rest): `rest` is (the rest-of-line terminal, the
        characters at which it may not match first) when this state's lexer has it, else
        None. The regexps are compiled on first use (most states are never reached)."""
        index = self._lexer_of[state[_ID]]
        found = self._lexers.get(index)
        if found is None:
            from ajtui.format import _fastre

            lx = self._lexer_specs[index]
            rest = lx["rest"]
            found = (
                _fastre.compile(lx["pattern"], lx["flags"], lx.get("program")).match,
                frozenset(lx["ignore"]),
                frozenset(lx["newline"]),
                None if rest is None else (rest[0], frozenset(rest[1])),
            )
            self._lexers[index] = found
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
                match, ignore, newline_types, rest = top.get(LEXER) or self._lexer(top)
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
                        if kind not in drop:
                            # Token._future_new, inline
                            tok = str_new(Tok, value)
                            tok.type, tok.start_pos, tok.value = kind, pos, value
                            tok.line, tok.column = line, pos - line_start + 1
                            tok.end_line, tok.end_column = eline, epos - estart + 1
                            tok.end_pos = epos
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


# --- the plain data the driver runs on ---------------------------------------------------------


def spec_from_lark(lark: Any) -> dict:
    """What the driver needs of a Lark LALR parser with the contextual lexer and the
    indenter, as plain data (JSON's types): the parse table (`states`: [state, [[symbol,
    shift?, next state or rule index], …]]), the `rules` (child filters, see _rule_spec),
    each state's lexer (its regexp as Lark built it). TypeError for what the driver was not
    written for (token callbacks, lexer callbacks, kept newline tokens …)."""
    from lark.parsers.lalr_analysis import Shift

    frontend = lark.parser
    connector = frontend.lexer
    contextual = connector.lexer
    post = connector.postlexer
    lalr = frontend.parser.parser
    table = lalr.parse_table
    callbacks = lalr.callbacks
    if any(isinstance(k, str) for k in callbacks) or lark.options.keep_all_tokens:
        raise TypeError("token callbacks are not supported")
    nl, indent, dedent = post.NL_type, post.INDENT_type, post.DEDENT_type
    # Newline and indentation tokens never reach a callback (their names start with "_",
    # so the tree builder filters them out): the loop pushes None instead of building them.
    for rule in callbacks:
        for sym in rule.expansion:
            if sym.name in (nl, indent, dedent) and not sym.filter_out:
                raise TypeError(f"{sym.name} is kept in the tree")
    # A terminal that every rule filters out (":") never reaches a callback either.
    kept = {
        sym.name
        for rule in callbacks
        for sym in rule.expansion
        if sym.is_term and not sym.filter_out
    }
    terminals = lark.terminals
    drop = sorted(str(t.name) for t in terminals if t.name not in kept)
    rest_of_line = [
        t.name
        for t in terminals
        if t.pattern.type == "re"
        and t.pattern.value in ("[^\n]+", r"[^\n]+")
        and not t.pattern.flags
    ]
    rest_name = str(rest_of_line[0]) if len(rest_of_line) == 1 else None
    rules = list(callbacks)
    number = {rule: i for i, rule in enumerate(rules)}
    states = [
        [
            state,
            [
                # plain str: Lark's names are Tokens in a grammar not read from its tables
                [str(name), action is Shift, arg if action is Shift else number[arg]]
                for name, (action, arg) in actions.items()
            ],
        ]
        for state, actions in table.states.items()
    ]
    lexers: list[dict] = []
    seen: dict[str, int] = {}
    state_lexers = []
    for state in table.states:
        lx = _lexer_spec(contextual.lexers[state], nl, rest_name)
        key = repr(sorted(lx.items()))
        if key not in seen:
            seen[key] = len(lexers)
            lexers.append(lx)
        state_lexers.append([state, seen[key]])
    return {
        "nl": nl,
        "indent": indent,
        "dedent": dedent,
        "drop": drop,
        "rules": [_rule_spec(rule, callbacks[rule]) for rule in rules],
        "states": states,
        "start": table.start_states["start"],
        "end": table.end_states["start"],
        "lexers": lexers,
        "state_lexers": state_lexers,
    }


def _lexer_spec(lexer: Any, nl: str, rest_of_line: str | None) -> dict:
    """One state's lexer: the regexp Lark's scanner tries (the terminals as named groups, in
    Lark's order), the ignored and newline-holding terminals, and `rest`: [the rest-of-line
    terminal, the characters at which it may not match first] when the lexer can cut it at
    the newline without the regexp, else None."""
    mres = lexer.scanner._mres
    if len(mres) != 1 or lexer.callback:
        raise TypeError("unsupported lexer configuration (several regexps or callbacks)")
    scanner = lexer.scanner
    if scanner.use_bytes or getattr(scanner.re_, "__name__", "") != "re":
        raise TypeError("unsupported lexer configuration (bytes or the regex module)")
    # The scanner's regexp tries the terminals in this order and takes the first that
    # matches. Where none before the rest-of-line terminal (TEXT) can start with the next
    # character (and it is not a newline, nor the start of the text), TEXT matches up to the
    # newline: no regexp needed.
    order = sorted(mres[0].groupindex, key=mres[0].groupindex.get)
    rest = None
    if rest_of_line in order:
        patterns = {t.name: t.pattern for t in lexer.terminals}
        stop: set[str] = {"\n"}
        for name in order[: order.index(rest_of_line)]:
            chars = _first_chars(patterns[name])
            if chars is None:
                break
            stop |= chars
        else:
            rest = [rest_of_line, "".join(sorted(stop))]
    from ajtui.format import _fastre

    return {
        "pattern": mres[0].pattern,
        "flags": scanner.g_regex_flags,
        # the compiler's output: no regexp compiled at start-up (on this Python)
        "program": _fastre.program(mres[0].pattern, scanner.g_regex_flags),
        "ignore": sorted(map(str, lexer.ignore_types)),
        "newline": sorted(map(str, lexer.newline_types)),
        "rest": rest,
    }


def _rule_spec(rule: Any, callback: Any) -> dict:
    """A reduction as data: the rule (`origin`, the symbols of its `expansion`, the name
    of its builder method `callback`) and Lark's wrappers around the builder: the child
    filter (`include`: [index, splice?, Nones before], `append_none`) and `?rule` inlining
    (`expand1`)."""
    from functools import partial

    from lark.parse_tree_builder import (
        ChildFilterLALR,
        ChildFilterLALR_NoPlaceholders,
        ExpandSingleChild,
    )

    f, include, append_none = callback, None, 0
    if type(f) is ChildFilterLALR_NoPlaceholders:
        include, f = [[i, e, 0] for i, e in f.to_include], f.node_builder
    elif type(f) is ChildFilterLALR:
        include = [list(i) for i in f.to_include]
        append_none, f = f.append_none, f.node_builder
    expand1 = type(f) is ExpandSingleChild
    if expand1:
        f = f.node_builder
    if not isinstance(f, partial) and getattr(f, "__module__", "").startswith("lark"):
        raise TypeError(f"unexpected wrapper {type(f).__name__}")
    if hasattr(f, "visit_wrapper"):
        raise TypeError("builders with v_args are not supported")
    return {
        "origin": str(rule.origin.name),
        "expansion": [str(s.name) for s in rule.expansion],
        "callback": str(rule.alias or rule.options.template_source or rule.origin.name),
        "include": include,
        "append_none": append_none,
        "expand1": expand1,
    }


def _builder(rule: dict, builder: Any) -> Any:
    """The builder's method for `rule`, as Lark looks it up; None: Lark's default (a Tree)."""
    f = getattr(builder, rule["callback"], None)
    if f is not None and getattr(f, "visit_wrapper", None) is not None:
        raise TypeError("builders with v_args are not supported")
    return f


def _default_tree(name: str) -> Any:
    """Lark's default value of a rule without a builder method: Tree(name, children)
    (no such rule is built from valid text of this grammar: Lark is imported only then)."""

    def build(children: list) -> Any:
        from lark import Tree

        return Tree(name, children)

    return build


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


def _stand_in(
    i: int, rule: dict, build: Any, listy: set[str], places: list[list[tuple[dict, str]]]
) -> Any:
    """The reduction `rule` until its first use: it generates the reduction (_compile), puts
    it in every state that holds the stand-in, and reduces."""

    def generate() -> Any:
        return _compile(rule, build, listy)

    def reduce(stack: list, values: list) -> Any:
        real = generate()
        for state, name in places[i]:
            state[name] = real
        return real(stack, values)

    reduce.generate = generate  # type: ignore[attr-defined]  # for the tests: generate it now
    return reduce


def _listy(rules: list[dict], builder: Any) -> set[str]:
    """Rules whose value can be a plain list: `_`-rules (always spliced into the parent)
    that are built by Lark's default (no builder method) in every alternative."""
    default: dict[str, bool] = {}
    for rule in rules:
        name = rule["origin"]
        default[name] = default.get(name, True) and _builder(rule, builder) is None
    return {name for name, d in default.items() if d and name.startswith("_")}


def _compile(rule: dict, build: Any, listy: set[str]) -> Any:
    """The reduction `rule` (see `_rule_spec`) as one generated function with the same
    result as Lark's callback (its child filter, `?rule` inlining and the builder `build`,
    None for Lark's default: a Tree), without the filter's generic loop. Values of `_`-rules
    built by Lark's default callback (repetitions such as `__x : __x y`, which the parent
    always splices in) are plain lists instead of Trees: the left recursion appends to the
    previous list, as Lark's filter does to the Tree's.

    The function's code comes from `ajtui.format._driver` (read from its .pyc) when that
    module has it for the same key (see `_reduction`); otherwise it is compiled here."""
    key, _, f = _reduction(rule, build, listy, lines=False)
    made = _shipped().get(key)
    if made is not None:
        return made(f)
    _, body, _ = _reduction(rule, build, listy)
    code = "def reduce(stack, values):\n" + "".join(f"    {line}\n" for line in body)
    scope: dict[str, Any] = {"build": f}
    exec(compile(code, f"<reduce {rule['origin']}>", "exec"), scope)
    return scope["reduce"]


_shipped_reductions: list[dict] = []


def _shipped() -> dict:
    """`ajtui.format._driver.REDUCTIONS` when its bytecode is kept (see `bytecode_kept`);
    {} otherwise, or when the module is missing or unusable."""
    if not _shipped_reductions:
        found = {}
        if bytecode_kept():
            try:
                from ajtui.format import _driver

                found = _driver.REDUCTIONS
            except (ImportError, AttributeError, SyntaxError):
                found = {}
        _shipped_reductions[:] = [found if isinstance(found, dict) else {}]
    return _shipped_reductions[0]


def bytecode_kept() -> bool:
    """Whether importing `ajtui.format._driver` reads it from a .pyc: a current one is
    there, or Python writes one (then from the next start on). Compiling the module's
    source costs more than what it saves (reading driver_tables.json, compiling the
    reductions a parse uses): with no current .pyc and none written (a checkout run with
    PYTHONDONTWRITEBYTECODE) it is not used."""
    import sys

    if not sys.dont_write_bytecode:
        return True
    import os

    if TYPE_CHECKING:
        from importlib.util import MAGIC_NUMBER, cache_from_source
    else:
        try:  # what importlib.util re-exports, from the import system's own module (loaded
            # at start): importing importlib.util costs contextlib, importlib._abc …
            from _frozen_importlib_external import MAGIC_NUMBER, cache_from_source
        except ImportError:  # pragma: no cover - not CPython
            from importlib.util import MAGIC_NUMBER, cache_from_source

    source = os.path.join(os.path.dirname(__file__), "_driver.py")
    try:
        pyc = cache_from_source(source)
        with open(pyc, "rb") as fh:
            head = fh.read(16)
        st = os.stat(source)
    except (NotImplementedError, ValueError, OSError):  # no cache tag, no .pyc, no source
        return False
    if len(head) < 16 or head[:4] != MAGIC_NUMBER:
        return False
    if int.from_bytes(head[4:8], "little"):  # checked against the source's hash instead
        return True
    # what the import system compares: the source's mtime and size as the .pyc has them
    return (int(st.st_mtime) & 0xFFFFFFFF, st.st_size & 0xFFFFFFFF) == (
        int.from_bytes(head[8:12], "little"),
        int.from_bytes(head[12:16], "little"),
    )


def _reduction(
    rule: dict, build: Any, listy: set[str], *, lines: bool = True
) -> tuple[tuple, list[str], Any]:
    """(key, body, f): the lines of the reduction's function for `rule` (its parameters:
    `stack`, `values`; `build` is `f`, the builder's method or Lark's default), and the key
    that determines those lines: everything they are made from. Without `lines`, body is
    [] (the key alone: what finds a shipped reduction)."""
    include = None if rule["include"] is None else [tuple(i) for i in rule["include"]]
    append_none, expand1 = rule["append_none"], rule["expand1"]
    expansion: list[str] = rule["expansion"]
    default = build is None
    f = _default_tree(rule["callback"]) if default else build
    as_list = rule["origin"] in listy
    if as_list and not default:
        raise TypeError(f"{rule['origin']} has a builder")
    n, origin = len(expansion), rule["origin"]
    key = (
        origin,
        tuple(expansion),
        tuple(sym in listy for sym in expansion),
        None if include is None else tuple(include),
        append_none,
        expand1,
        default,
        bool(getattr(f, "only_child", False)),
        as_list,
    )
    if not lines:
        return key, [], f

    def source(i: int) -> str:
        return f"c[{i}]" if expansion[i] in listy else f"c[{i}].children"

    goto = [f"top = stack[-1][{origin!r}]", "stack.append(top)", "return top"]
    if (
        as_list
        and n == 2
        and include == [(0, True, 0), (1, False, 0)]
        and not expand1
        and expansion[0] == origin
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
            [f"c = values[-{n}:]", f"del values[-{n}:]", f"del stack[-{n}:]"]
            if n
            else ["c: list = []"]
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
    return key, body, f


def driver_module(grammar: str, spec: dict, builder: Any) -> str:
    """The text of `ajtui/format/_driver.py`: the driver's data `spec` for the grammar text
    `grammar` as a Python literal, and every reduction of `spec` for `builder`, generated as
    `_compile` would, as functions: a .pyc keeps both ready (no json, no compiling).
    `python -m ajtui.format.grammar` writes it; tests/test_format_driver.py fails when it
    is stale."""
    rules = spec["rules"]
    listy = _listy(rules, builder)
    out = [
        '"""The fast driver\'s data and reductions, generated by `python -m ajtui.format.grammar`',
        "from driver_tables.json, for ajtui.format.builder.BUILDER: read from this module's .pyc",
        "instead of reading JSON and compiling at every start (ajtui.format.lalr.bytecode_kept).",
        "Do not edit. A rule whose key is not in REDUCTIONS is compiled at run time, as before.",
        '(Excluded from ruff and mypy in pyproject.toml.)"""',
        "",
        f"GRAMMAR = {grammar!r}",
        "",
        "",
        "def spec():",
        '    """The driver\'s data, as grammar.load_driver() reads it (a new copy each call)."""',
        f"    return {spec!r}",
    ]
    keys: dict[tuple, str] = {}
    for rule in rules:
        key, body, _f = _reduction(rule, _builder(rule, builder), listy)
        if key in keys:
            continue
        name = keys[key] = f"_r{len(keys)}"
        out += [
            "",
            "",
            f"def {name}(build):  # {rule['origin']}: {' '.join(rule['expansion'])}".rstrip(),
            f"    def reduce(stack, values): {'; '.join(body)}",
            "    return reduce",
        ]
    out += ["", "", "REDUCTIONS = {"]
    out += [f"    {key!r}: {name}," for key, name in keys.items()]
    out += ["}", ""]
    return "\n".join(out)
