"""A command line with no options is read without argparse (ajtui.cli._plainargs) exactly
as argparse reads it, for every command: the same values, or argparse reads it."""

from __future__ import annotations

import contextlib
import io
import itertools

import pytest

from ajtui import cli
from ajtui.cli import _plainargs

#: Words as scripts give them: paths, numbers, a format name, an empty word, text with
#: spaces, a word with `=` and `@`, a word that is a command's name.
WORDS = ["a.aj", "descriptions", "3", "docx", "", "kaks sõna", "x=1", "f.aj@HEAD", "diff"]


def _argparse_reading(argv: list[str]):
    parser = cli.build_parser()
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return vars(parser.parse_args(argv))
        except SystemExit:
            return None


def _commands() -> list[tuple[str, object]]:
    recorder = _plainargs.Recorder()
    found = []
    for name in cli._command_modules():
        module = cli._module(name)
        before = set(recorder.parsers)
        try:
            module.add(recorder)
        except _plainargs.Unknown:
            found.append((name, module.add))  # read by argparse alone: still checked
            continue
        found += [(command, module.add) for command in set(recorder.parsers) - before]
    return sorted(found, key=lambda c: c[0])


COMMANDS = _commands()


def test_every_command_is_found():
    names = {name for name, _ in COMMANDS}
    assert {"diff", "show", "check", "log", "set", "query", "where-used", "org"} <= names


@pytest.mark.parametrize(("command", "add"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_a_line_without_options_reads_as_argparse_reads_it(command, add):
    read = 0
    for n in range(4):
        for words in itertools.islice(itertools.product(WORDS, repeat=n), 100):
            ours = _plainargs.read(command, add, list(words))
            if ours is None:
                continue  # argparse reads it: nothing to compare
            read += 1
            assert vars(ours) == _argparse_reading([command, *words]), words
    if command in ("diff", "show", "check"):
        assert read > 0  # the one-file commands are read without argparse


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "a.aj", "-q"],
        ["diff", "--", "a.aj"],
        ["show", "-"],
        ["check", "-1"],
        ["diff", "a", "b", "c"],
        ["show"],
        ["export", "a.aj", "--to", "pdf"],
    ],
)
def test_an_option_or_a_line_argparse_refuses_goes_to_argparse(argv):
    assert cli._plain_args(argv) is None


def test_a_value_a_positional_refuses_is_left_to_argparse():
    def add(sub):
        p = sub.add_parser("x")
        p.add_argument("n", type=int)
        p.add_argument("kind", nargs="?", choices=["docx", "pdf"])
        p.set_defaults(func=print)

    assert _plainargs.read("x", add, ["7"]).n == 7
    assert vars(_plainargs.read("x", add, ["7", "pdf"])) == {
        "command": "x",
        "n": 7,
        "kind": "pdf",
        "func": print,
    }
    assert _plainargs.read("x", add, ["seven"]) is None  # argparse says why
    assert _plainargs.read("x", add, ["7", "odt"]) is None
    assert _plainargs.read("x", add, []) is None  # n is missing


def test_defaults_as_argparse_sets_them():
    def add(sub):
        p = sub.add_parser("x")
        p.set_defaults(late=1, func=print)
        p.add_argument("--late")  # takes the parser's default
        p.add_argument("--early", default="e")
        p.add_argument("--early-too", dest="early", default="second")  # the first one wins
        p.add_argument("--flag", action="store_false")
        p.add_argument("rest", nargs="*")
        p.set_defaults(early="set")

    got = _plainargs.read("x", add, [])
    assert vars(got) == {
        "command": "x",
        "late": 1,
        "early": "set",
        "flag": True,
        "rest": [],
        "func": print,
    }
    import argparse

    parser = argparse.ArgumentParser()
    add(parser.add_subparsers(dest="command"))
    assert vars(parser.parse_args(["x"])) == vars(got)


def test_a_suppressed_default_is_left_to_argparse():
    import argparse

    def add(sub):
        p = sub.add_parser("x")
        p.add_argument("--hidden", default=argparse.SUPPRESS)
        p.set_defaults(func=print)

    assert _plainargs.read("x", add, []) is None
