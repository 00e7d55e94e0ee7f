"""ajtui.cli._startup: argparse without gettext, and leaving without the interpreter's
teardown only when nothing is left for the teardown to do."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_argparse_is_imported_without_gettext_and_still_says_everything():
    done = _run(
        "import sys\n"
        "from ajtui.cli import build_parser\n"
        "parser = build_parser()\n"
        "print('gettext' in sys.modules, 'argparse' in sys.modules, flush=True)\n"
        "parser.parse_args(['show'])\n"
    )
    assert done.returncode == 2
    assert done.stdout == "False True\n"
    # a plural message (ngettext) and an ordinary one (gettext), as argparse words them
    assert "error: the following arguments are required: FILE" in done.stderr
    done = _run("from ajtui.cli import main; main(['show', 'a.aj', '--nope', '--nah'])")
    assert "error: unrecognized arguments: --nope --nah" in done.stderr


def test_gettext_imported_later_is_the_real_one():
    done = _run(
        "from ajtui.cli._startup import import_argparse\n"
        "import_argparse()\n"
        "import gettext\n"
        "print(hasattr(gettext, 'translation'))\n"
    )
    assert done.stdout == "True\n", done.stderr


def test_argparse_loaded_before_is_left_as_it_is():
    done = _run(
        "import argparse, gettext, sys\n"
        "from ajtui.cli._startup import import_argparse\n"
        "import_argparse()\n"
        "print(sys.modules['gettext'] is gettext, sys.modules['argparse'] is argparse)\n"
    )
    assert done.stdout == "True True\n", done.stderr


@pytest.mark.parametrize(
    ("setup", "command", "left"),
    [
        ("", "show", True),
        ("", "diff", True),
        ("", "set", False),  # not one of the read-only one-file commands
        ("import atexit; atexit.register(print, 'atexit ran')", "show", False),
        (
            "import threading, time; threading.Thread(target=lambda: (time.sleep(0.3),"
            " print('thread done'))).start()",
            "show",
            False,
        ),
    ],
)
def test_leave_only_when_nothing_is_left(setup, command, left):
    done = _run(
        f"{setup}\n"
        "import sys\n"
        "from ajtui.cli._startup import leave\n"
        "sys.stdout.write('buffered ')\n"
        "sys.stderr.write('said ')\n"
        f"leave({command!r}, 3)\n"
        "print('went on')\n"
    )
    if left:
        assert (done.returncode, done.stdout, done.stderr) == (3, "buffered ", "said ")
    else:
        assert done.returncode == 0 and "went on" in done.stdout
        assert ("atexit ran" in done.stdout) == ("atexit" in setup)
        assert ("thread done" in done.stdout) == ("Thread" in setup)


def test_a_command_that_leaves_prints_everything(tmp_path):
    # `aj show` through a pipe: the whole rendering and the exit code, with the teardown skipped
    from tests.helpers import ROOT

    sample = ROOT / "tests/fixtures/valid/sample.aj"
    env_cache = {"XDG_CACHE_HOME": str(tmp_path)}
    import os

    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", "show", "--width", "80", str(sample)],
        capture_output=True,
        text=True,
        env={**os.environ, **env_cache},
    )
    again = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ajtui.cli import main; sys.exit(main(sys.argv[1:]))",
            "show",
            "--width",
            "80",
            str(sample),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "other")},
    )
    assert done.returncode == again.returncode == 0
    assert done.stdout == again.stdout and done.stdout.count("\n") > 20
