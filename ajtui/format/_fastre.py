"""Regular expressions from the regex compiler's stored output: the fast driver's lexer
regexps without compiling them at every start.

`re.compile` parses and compiles a pattern in Python, which for the lexers' long
alternations costs more than parsing a description. `program` keeps what the compiler
produces (the engine's code, a list of ints, and the group names) as plain data, written
with the driver's data (`python -m ajtui.format.grammar`); `compile` hands it to the engine
(`_sre.compile`, the last step of `re.compile`) when it was made by this Python's engine
(same version, same engine magic and code size), and otherwise compiles the pattern as
usual. The result is the same Pattern object either way: CPython compares patterns by
their flags and code (tests/test_startup.py checks it against `re.compile`).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from typing import Any


def _engine() -> list:
    import _sre

    return [f"{sys.version_info[0]}.{sys.version_info[1]}", _sre.MAGIC, _sre.CODESIZE]


def program(pattern: str, flags: int) -> list:
    """What this Python's regex compiler makes of `pattern`, as JSON data."""
    from re import _compiler, _parser  # type: ignore[attr-defined]  # private, as documented above

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return [
        *_engine(),
        flags | parsed.state.flags,
        list(code),
        parsed.state.groups - 1,
        groupindex,
        indexgroup,
    ]


def compile(pattern: str, flags: int, stored: list | None) -> Any:
    """The compiled `pattern`: from `stored` (see `program`) when this Python's engine made
    it, else by `re.compile`."""
    if stored is not None and len(stored) == 8 and stored[:3] == _engine():
        import _sre

        try:
            _, _, _, all_flags, code, groups, groupindex, indexgroup = stored
            return _sre.compile(pattern, all_flags, code, groups, groupindex, tuple(indexgroup))
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass  # not what this engine takes: compile it
    import re

    return re.compile(pattern, flags)
