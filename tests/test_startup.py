"""The commands git runs per file (`aj git-textconv`, `aj git-diff`) and the one-file
commands start without the heavy libraries: proved by what a fresh process imports
(`python -X importtime`), which cannot flake on timing. The figures are in
tests/benchmarks/test_bench_drivers.py and tests/benchmarks/README.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.format import grammar

from tests.helpers import ROOT

SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"
OTHER = sorted((ROOT / "descriptions").glob("*.aj"))[0]
#: Never on these paths: Lark (valid text is parsed from driver_tables.json), Rich (plain
#: output), Textual and GitPython.
HEAVY = ("lark", "rich", "textual", "git", "gitdb")


def imported(tmp_path: Path, *argv: str, stdin: str | None = None) -> set[str]:
    """The top-level names of the modules a fresh `aj ARGV` imports."""
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ajtui.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        input=stdin,
    )
    assert done.returncode in (0, 1), done.stderr
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":  # the header line
                names.add(name.split(".")[0])
    assert "ajtui" in names, done.stderr[-2000:]
    return names


def heavy(names: set[str], allowed: tuple[str, ...] = ()) -> set[str]:
    return names & (set(HEAVY) - set(allowed))


def test_textconv_imports_nothing_heavy(tmp_path):
    names = imported(tmp_path, "git-textconv", str(SAMPLE))
    assert not heavy(names)
    assert "argparse" not in names  # git's drivers are called without it
    assert "cydifflib" not in names  # an outline needs none of the diff (ajtui.ops.outline)
    assert "ajtui" in names and "re" in names  # (the guard sees the imports)


def test_git_drivers_still_read_options_with_argparse(tmp_path):
    for argv in (["git-textconv", "--help"], ["git-diff", "--help"]):
        done = subprocess.run(
            [sys.executable, "-m", "ajtui.cli", *argv], capture_output=True, text=True
        )
        assert done.returncode == 0 and done.stdout.startswith("usage: aj " + argv[0])
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "git-textconv", "a", "b"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "unrecognized arguments: b" in done.stderr


def test_textconv_of_a_file_that_does_not_parse_is_the_text(tmp_path):
    # errors may import Lark (they are rare): the message stays Lark's
    bad = tmp_path / "bad.aj"
    bad.write_text("ametijuhend\n  asutus X\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "git-textconv", str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout == bad.read_text(encoding="utf-8")


@pytest.mark.parametrize("cached", [False, True])
def test_check_file_imports_nothing_heavy(tmp_path, cached):
    if cached:
        imported(tmp_path, "check", str(SAMPLE))  # fills the cache
    assert not heavy(imported(tmp_path, "check", str(SAMPLE)))
    assert not heavy(imported(tmp_path, "check", "--no-cache", str(SAMPLE)))


def test_git_diff_imports_no_lark_rich_textual_or_git(tmp_path):
    # laid out by ajtui.present.blocks, written by ajtui.present.ansi: no Rich
    args = [str(SAMPLE), str(SAMPLE), "0" * 40, "100644", str(OTHER), "1" * 40, "100644"]
    assert not heavy(imported(tmp_path, "git-diff", *args))


def test_diff_of_two_files_parses_and_prints_without_lark_or_rich(tmp_path):
    assert not heavy(imported(tmp_path, "diff", str(SAMPLE), str(OTHER)))


def test_show_parses_and_prints_without_lark_or_rich(tmp_path):
    assert not heavy(imported(tmp_path, "show", str(SAMPLE)))


def test_a_syntax_error_still_says_what_lark_says(tmp_path):
    bad = tmp_path / "bad.aj"
    bad.write_text("ametijuhend\n  asutus X\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "check", "--no-cache", str(bad)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert done.returncode == 1
    assert "bad.aj:2:" in done.stdout + done.stderr
    assert "expected ':'" in done.stdout + done.stderr


# --- the fast driver's data -------------------------------------------------------------------


def test_the_shipped_driver_data_matches_the_tables():
    stored = grammar.load_driver()
    assert stored is not None, (
        "ajtui/format/driver_tables.json is missing or was written for another grammar: "
        "run `python -m ajtui.format.grammar`"
    )
    fresh = json.loads(grammar.serialize_driver())
    assert fresh["grammar"] == grammar.grammar_text()
    engine = fresh["spec"]["lexers"][0]["program"][:3]
    if stored["lexers"][0]["program"][:3] != engine:
        # written by another Python's regex engine (used there only): the rest must match
        for spec in (stored, fresh["spec"]):
            for lx in spec["lexers"]:
                del lx["program"]
    assert stored == fresh["spec"], (
        "ajtui/format/driver_tables.json differs from what the parse tables give: "
        "run `python -m ajtui.format.grammar`"
    )


def test_a_grammar_edited_after_the_driver_data_still_parses_fast(monkeypatch):
    from ajtui.format import lalr, parser

    edited = grammar.grammar_text() + "\n// an edit the data does not know\n"
    monkeypatch.setattr(grammar, "grammar_text", lambda: edited)
    assert grammar.load_driver() is None
    monkeypatch.setattr(parser, "_fast", [])
    fast = parser.fast_driver()  # from the Lark parser, built from the edited grammar
    assert isinstance(fast, lalr.FastLALR)
    text = SAMPLE.read_text(encoding="utf-8")
    assert fast.parse(text) == grammar.parser(parser.BUILDER).parse(text)


# --- git ---------------------------------------------------------------------------------------


def test_git_setup_lets_git_keep_the_conversions(tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "git-setup", str(repo), "--command", "aj"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    got = subprocess.run(
        ["git", "-C", str(repo), "config", "diff.aj.cachetextconv"],
        capture_output=True,
        text=True,
    )
    assert got.stdout.strip() == "true"
    assert "cachetextconv" in done.stdout + done.stderr


def test_stored_regex_programs_are_what_re_compiles():
    # CPython compares patterns by flags and code: equal means the same matcher
    import re

    from ajtui.format import _fastre

    spec = grammar.load_driver()
    assert spec is not None
    for lx in spec["lexers"]:
        got = _fastre.compile(lx["pattern"], lx["flags"], lx["program"])
        assert got == re.compile(lx["pattern"], lx["flags"])
        assert got.groupindex == re.compile(lx["pattern"], lx["flags"]).groupindex
    # a program of another engine is not used: the pattern is compiled
    other = ["2.7", *spec["lexers"][0]["program"][1:]]
    assert _fastre.compile("a|b", 0, other) == re.compile("a|b")


# --- what the one-file commands load besides the layout (issue 20) -------------------------

#: Not on the one-file paths (`aj show FILE`, `aj diff A B`, `aj git-diff`) outside the
#: layout: dataclasses (and inspect, ast, dis, tokenize), hashlib (OpenSSL), shutil (bz2,
#: lzma), typing, threading, json, signal's enums, contextlib.
NOT_ON_THE_PATH = (
    "json",
    "dataclasses",
    "inspect",
    "ast",
    "dis",
    "tokenize",
    "copy",
    "hashlib",
    "_hashlib",
    "shutil",
    "bz2",
    "lzma",
    "typing",
    "threading",
    "signal",
    "datetime",
    "importlib",
    "contextlib",
    "lark",
)

#: The path of the one-file commands up to the layout, as a script that prints the modules
#: it loaded (the whole commands load no Rich either: the tests above).
ONE_FILE_PATH = ROOT / "tests/helpers/one_file_path.py"


@pytest.mark.parametrize("kind", ["show", "diff", "git-diff"])
def test_the_one_file_path_loads_only_what_it_needs(tmp_path, kind):
    files = [str(SAMPLE)] if kind == "show" else [str(SAMPLE), str(OTHER)]
    done = subprocess.run(
        [sys.executable, str(ONE_FILE_PATH), kind, *files],
        capture_output=True,
        text=True,
        # (without .pyc files written, the parser asks whether the driver's is current)
        env={
            **os.environ,
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.splitlines()[-1].split())
    assert "ajtui.format.parser" in loaded and "ajtui.store.cache" in loaded  # (it sees)
    assert ("ajtui.ops.diff" in loaded) == (kind != "show")
    assert not loaded & set(NOT_ON_THE_PATH), sorted(loaded & set(NOT_ON_THE_PATH))
    assert "rich" not in loaded


@pytest.mark.parametrize("columns", [None, "60", "132", "0", "-3", "wide"])
def test_help_is_laid_out_at_argparses_own_width(monkeypatch, columns):
    # the parser works the width out without shutil, to the same answer and text
    import argparse

    from ajtui.cli import build_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parsers = [parser, *sub.choices.values()]
    ours = [p.format_help() for p in parsers]
    assert {type(p) for p in parsers} == {type(parser)}
    monkeypatch.setattr(type(parser), "_get_formatter", argparse.ArgumentParser._get_formatter)
    assert [p.format_help() for p in parsers] == ours


@pytest.mark.parametrize(
    ("arg", "what"),
    [("ab\udcffc\ud800", "byte 0xff"), ("x\ud800\udcff", "U+D800"), ("é\udc80", "byte 0x80")],
)
def test_an_argument_that_is_not_utf8_names_its_first_bad_character(arg, what):
    from ajtui.cli._args import not_utf8

    assert not_utf8(["ok", "ülesanded", "日本"]) is None
    said = not_utf8(["ok", arg])
    assert said is not None and said.startswith(f"argument 2 is not UTF-8 text ({what}): ")
