"""The Lark parser for grammar/aj.lark, built once and lazily, and the data the fast
driver (`ajtui.format.lalr`) runs on.

The grammar ships inside the wheel as ajtui/grammar/aj.lark; in a source checkout it is
read from the repository's grammar/ folder. Importing this module does not import Lark:
the fast driver's data (`load_driver`) needs only `json`; Lark is imported by the functions
that build or serialize a Lark parser.
"""

from __future__ import annotations

import os
from _thread import allocate_lock  # threading.Lock, without importing threading

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from lark import Lark, Token

_lock = allocate_lock()
#: this module's folder (plain paths: pathlib costs start-up time)
_HERE = os.path.dirname(os.path.realpath(__file__))
_parsers: dict[int, Lark] = {}


class IndentError(Exception):
    """Indentation that returns to no enclosing level."""

    def __init__(self, line: int, column: int, expected: list[int]) -> None:
        levels = " or ".join(str(n) for n in expected)
        super().__init__(
            f"indentation of {column - 1} spaces lines up with no enclosing "
            f"line (expected {levels} spaces)"
        )
        self.line, self.column, self.expected = line, column, expected


_indenter: list[type] = []


def _indenter_class() -> type:
    """AjIndenter: Lark's Indenter for the grammar's _INDENT and _DEDENT, which says in
    words (IndentError) when an indentation returns to no enclosing level. Built on first
    use: it subclasses a class of Lark's."""
    if _indenter:
        return _indenter[0]
    from ajtui.format import _lark  # noqa: F401  (Lark without the regex module)

    # isort: split
    from lark import Token
    from lark.indenter import Indenter

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
                line = token.end_line or token.line or 1
                raise IndentError(line, indent + 1, enclosing)

    _indenter[:] = [AjIndenter]
    return AjIndenter


def __getattr__(name: str) -> Any:
    if name == "AjIndenter":  # grammar.AjIndenter, built on first use
        return _indenter_class()
    if name in ("TABLES", "DRIVER"):  # as Paths, made on first use (see _TABLES, _DRIVER)
        from pathlib import Path

        return Path(_TABLES if name == "TABLES" else _DRIVER)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def grammar_text() -> str:
    # a plain path, as cache.fingerprint reads it: importlib.resources costs start-up time
    package = os.path.dirname(_HERE)
    packaged = os.path.join(package, "grammar", "aj.lark")
    if not os.path.isfile(packaged):
        packaged = os.path.join(os.path.dirname(package), "grammar", "aj.lark")
    with open(packaged, encoding="utf-8") as fh:
        return fh.read()


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
                from ajtui.format import _lark  # noqa: F401  (Lark without the regex module)

                # isort: split
                from lark import Lark

                found = Lark(
                    grammar_text(),
                    parser="lalr",
                    lexer="contextual",
                    postlex=_indenter_class()(),
                    transformer=transformer,
                    maybe_placeholders=True,
                    cache=False,
                )
            _parsers[key] = found
    return found


#: Lark's parse tables for grammar/aj.lark, shipped with the package as JSON: nothing is
#: unpickled, nothing is read from a cache folder (Lark's own cache is a pickle, and a
#: pickle from a folder another user can write runs their code). Regenerate after editing
#: the grammar with `python -m ajtui.format.grammar` (tests/test_safe_reads.py checks they
#: match). `grammar.TABLES`: the same, as a Path.
_TABLES = os.path.join(_HERE, "grammar_tables.json")


def _options() -> dict[str, Any]:
    return {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": True}


def serialize_tables() -> str:
    """The JSON text of Lark's tables for the grammar as it is now (see TABLES)."""
    import json

    from ajtui.format import _lark  # noqa: F401  (Lark without the regex module)

    # isort: split
    import lark
    from lark import Lark
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    built = Lark(grammar_text(), postlex=_indenter_class()(), cache=False, **_options())
    data, memo = built.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _LOAD_ALLOWED_OPTIONS}
    # JSON has no int keys: the int-keyed tables are written as [key, value] pairs
    table = data["parser"]["parser"]
    written = {
        **data,
        "parser": {
            **data["parser"],
            "parser": {
                **table,
                "tokens": list(table["tokens"].items()),
                "states": [
                    (state, list(actions.items())) for state, actions in table["states"].items()
                ],
            },
        },
    }
    text = (
        json.dumps(
            {
                "lark": lark.__version__,
                "grammar": grammar_text(),
                "data": written,
                "memo": list(memo.items()),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
    )
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
        number[state]: sorted(
            (names[k], (action, number[arg] if action == 0 else arg))
            for k, (action, arg) in states[state].items()
        )
        for state in order
    }
    data["parser"] = frontend
    return {
        "data": data,
        "memo": stored["memo"],
        "states": renumbered,
        "end": number[table["end_states"]["start"]],
        "unreached": len(states) - len(order),
    }


def load_tables() -> dict | None:
    """The shipped tables ({"data", "memo", ...}), or None when they are missing, unreadable
    or were written for another grammar text."""
    import json

    try:
        with open(_TABLES, encoding="utf-8") as fh:
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
    from ajtui.format import _lark  # noqa: F401  (Lark without the regex module)

    # isort: split
    from lark import Lark

    try:
        return Lark._load_from_dict(
            stored["data"], stored["memo"], postlex=_indenter_class()(), transformer=transformer
        )
    except Exception:  # tables Lark cannot read: build from the grammar
        return None


#: The fast driver's data (`ajtui.format.lalr.spec_from_lark`) for the shipped tables, with
#: the grammar text it is for: what a parse of valid text reads instead of importing Lark.
#: Written with the tables by `python -m ajtui.format.grammar`
#: (tests/test_startup.py checks that it matches them). `grammar.DRIVER`: as a Path.
_DRIVER = os.path.join(_HERE, "driver_tables.json")


def driver_data(transformer: Any = None) -> dict:
    """The fast driver's data for the shipped tables, as DRIVER stores it."""
    from ajtui.format.lalr import spec_from_lark

    built = _from_tables(transformer)
    if built is None:
        raise ValueError(f"{_TABLES} is missing or stale: write it first")
    return {"grammar": grammar_text(), "spec": spec_from_lark(built)}


def serialize_driver() -> str:
    """The JSON text of DRIVER for the tables as they are now."""
    import json

    return json.dumps(driver_data(), ensure_ascii=False, separators=(",", ":")) + "\n"


def load_driver() -> dict | None:
    """The fast driver's data (`lalr.FastLALR`'s spec), or None when DRIVER is missing,
    unreadable or was written for another grammar text. Imports no Lark."""
    import json

    try:
        with open(_DRIVER, encoding="utf-8") as fh:
            stored = json.load(fh)
        if not isinstance(stored, dict) or stored.get("grammar") != grammar_text():
            return None
        spec = stored["spec"]
        return spec if isinstance(spec, dict) else None
    except (OSError, ValueError, RecursionError, LookupError, TypeError, AttributeError):
        return None


#: The fast driver's data and its reductions for ajtui.format.builder.BUILDER as a module,
#: generated from DRIVER: kept ready in its .pyc (lalr.driver_module, lalr.bytecode_kept).
_DRIVER_MODULE = os.path.join(_HERE, "_driver.py")


def serialize_driver_module() -> str:
    """The text of _DRIVER_MODULE for the driver's data (DRIVER) as it is now."""
    from ajtui.format.builder import BUILDER
    from ajtui.format.lalr import driver_module

    spec = load_driver()
    if spec is None:
        raise ValueError(f"{_DRIVER} is missing or stale: write it first")
    return driver_module(grammar_text(), spec, BUILDER)


def shipped_driver() -> dict | None:
    """The fast driver's data as `load_driver` gives it: from the module `_driver` when its
    bytecode is kept (no json imported, nothing parsed), else from DRIVER."""
    from ajtui.format.lalr import bytecode_kept

    if bytecode_kept():
        try:
            from ajtui.format import _driver

            if grammar_text() == _driver.GRAMMAR:
                spec = _driver.spec()
                if isinstance(spec, dict):
                    return spec
        except (ImportError, AttributeError, SyntaxError, TypeError):
            pass  # as if it were not there
    return load_driver()


def main(argv: list[str]) -> None:
    """Write the tables (unless `--driver`: only the driver's data and reductions, from
    the tables as they are) after a grammar edit."""
    if "--driver" not in argv:
        _write(_TABLES, serialize_tables())
    _write(_DRIVER, serialize_driver())  # from the tables just written
    _write(_DRIVER_MODULE, serialize_driver_module())  # from the driver's data just written


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {path}")


if __name__ == "__main__":  # python -m ajtui.format.grammar: write the tables after a grammar edit
    import sys

    main(sys.argv[1:])
