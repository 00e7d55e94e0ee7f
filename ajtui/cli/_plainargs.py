"""A command line with no options read without argparse: `aj diff A B`, `aj show FILE`,
`aj check FILE`. Importing argparse and building a command's parser is a large share of a
one-file command's start-up (tests/benchmarks/README.md, "Ninth round").

The command's own `add(sub)` runs against a `Recorder`, which keeps what argparse needs to
read such a line: each positional (nargs, type, choices, default) and each destination's
default. The words are shared among the positionals as argparse shares them (the same
pattern: `A`, `A?`, `A*`, `A+` matched against one `A` per word). Anything else gives None
and argparse reads the line as always: a word that starts with `-` (an option, `--`, a
negative number), a value a positional's type or choices refuse, a required option, sub-
commands, an action the recorder does not know. tests/test_cli_plainargs.py compares the
two readings on every command.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

_SUPPRESS = "==SUPPRESS=="  # argparse.SUPPRESS
_PATTERN = {None: "(A)", "?": "(A?)", "*": "(A*)", "+": "(A+)"}
#: Actions whose default is given as `default=` (None without one).
_STORING = ("store", "append", "extend", "store_const", "append_const", "count")


class Unknown(Exception):
    """Something the recorder does not read: argparse reads the line."""


def read(command: str, add, words: list[str]) -> SimpleNamespace | None:
    """What argparse's `parse_args([command, *words])` gives for a command whose parser is
    built by `add(sub)`, when it can be worked out without argparse; else None."""
    if any(w[:1] == "-" for w in words):
        return None
    recorder = Recorder()
    try:
        add(recorder)
        parser = recorder.parsers.get(command)
        if parser is None:
            return None
        values = parser.values(words)
    except Unknown:
        return None
    if "func" not in values:  # no command to run: argparse prints the help
        return None
    return SimpleNamespace(**{"command": command, **values})  # (a command may set its own)


class Recorder:
    """Stands in for the object argparse's `add_subparsers()` returns."""

    def __init__(self) -> None:
        self.parsers: dict[str, _Parser] = {}

    def add_parser(self, name: str, **options) -> _Parser:
        if options.get("aliases") or options.get("parents"):
            raise Unknown
        parser = self.parsers[name] = _Parser()
        return parser


class _Parser:
    """Stands in for a command's parser, its groups and its arguments."""

    def __init__(self) -> None:
        self.positionals: list[list] = []  # [dest, nargs, type, choices, default]
        self.defaults: dict[str, object] = {}  # the arguments' (the first per dest)
        self.overrides: dict[str, object] = {}  # set_defaults

    def add_argument(self, *flags: str, **options) -> _Parser:
        action = options.get("action", "store")
        if not flags or not isinstance(action, str):
            raise Unknown
        if flags[0][:1] != "-":
            nargs = options.get("nargs")
            if len(flags) != 1 or action != "store" or nargs not in _PATTERN:
                raise Unknown
            default = options.get("default", self.overrides.get(flags[0]))
            kind = options.get("type")
            if default == _SUPPRESS or (isinstance(default, str) and kind is not None):
                raise Unknown  # argparse converts a string default with the type
            self.positionals.append([flags[0], nargs, kind, options.get("choices"), default])
            return self
        if options.get("required"):
            raise Unknown  # argparse says it is missing
        dest = options.get("dest") or _dest(flags)
        if action in ("help", "version"):
            return self
        if action == "store_true":
            default = options.get("default", False)
        elif action == "store_false":
            default = options.get("default", True)
        elif action in _STORING:
            default = options.get("default")
            if isinstance(default, str) and options.get("type") is not None:
                raise Unknown  # argparse converts a string default with the type
        else:
            raise Unknown
        if "default" not in options and dest in self.overrides:
            default = self.overrides[dest]
        if default == _SUPPRESS:
            raise Unknown  # argparse leaves it out (when it is argparse's own string)
        self.defaults.setdefault(dest, default)
        return self

    def add_mutually_exclusive_group(self, required: bool = False, **_) -> _Parser:
        if required:
            raise Unknown
        return self

    def add_argument_group(self, *_, **__) -> _Parser:
        return self

    def set_defaults(self, **values) -> None:
        self.overrides.update(values)
        for dest in values:
            if dest in self.defaults:
                self.defaults[dest] = values[dest]
        for positional in self.positionals:
            if positional[0] in values:
                positional[4] = values[positional[0]]

    def add_subparsers(self, **_):
        raise Unknown

    def values(self, words: list[str]) -> dict[str, object]:
        """Each destination's value for these words (Unknown where argparse would say
        more: an error, or a conversion worth its own message)."""
        found = re.fullmatch(
            "".join(_PATTERN[nargs] for _, nargs, _, _, _ in self.positionals), "A" * len(words)
        )
        if found is None:
            raise Unknown  # too many or too few words
        values: dict[str, object] = {}
        at = 0
        for (dest, nargs, kind, choices, default), taken in zip(
            self.positionals, found.groups(), strict=True
        ):
            given = words[at : at + len(taken)]
            at += len(taken)
            if nargs in (None, "?") and given:
                value: object = _converted(given[0], kind, choices)
            elif nargs == "?":
                value = default
            elif nargs == "*" and not given:
                value = default if default is not None else []
            else:
                value = [_converted(w, kind, choices) for w in given]
            values[dest] = value
        for dest, default in self.defaults.items():
            values.setdefault(dest, default)
        for dest, value in self.overrides.items():
            values.setdefault(dest, value)
        return values


def _converted(word: str, kind, choices) -> object:
    if kind is not None:
        try:
            word = kind(word)
        except Exception:  # argparse's message for it
            raise Unknown from None
    if choices is not None and word not in choices:
        raise Unknown
    return word


def _dest(flags: tuple[str, ...]) -> str:
    """argparse's destination: the first long option, else the first one, without its
    dashes, `-` as `_`."""
    name = next((f for f in flags if f.startswith("--")), flags[0])
    return name.lstrip("-").replace("-", "_")
