"""The `ajtui` command line: arguments, bad paths, light imports before the app starts."""

from __future__ import annotations

import os
import subprocess
import sys


def _ajtui(*args: str, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "ajtui.tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_help_names_path_and_demo():
    r = _ajtui("--help")
    assert r.returncode == 0
    assert "--demo" in r.stdout and "PATH" in r.stdout


def test_a_bad_path_is_one_line_and_exit_2(tmp_path):
    r = _ajtui(str(tmp_path / "missing"))
    assert r.returncode == 2
    assert r.stderr.strip() == f"ajtui: {tmp_path / 'missing'}: no such folder"
    (tmp_path / "notes.txt").write_text("x")
    r = _ajtui(str(tmp_path / "notes.txt"))
    assert r.returncode == 2 and "not a .aj description file" in r.stderr
    r = _ajtui("--demo", str(tmp_path))
    assert r.returncode == 2 and "not both" in r.stderr


def test_the_demo_refuses_a_folder_that_is_not_the_demo(tmp_path):
    target = tmp_path / "demo"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    r = _ajtui("--demo", env={"AJTUI_DEMO_DIR": str(target)})
    assert r.returncode == 2 and "is not the demo repository" in r.stderr
    assert (target / "mine.txt").read_text() == "keep me"


def test_arguments_are_read_before_textual_is_imported():
    code = (
        "import sys\nfrom ajtui.tui.__main__ import build_parser\n"
        "build_parser().parse_args(['x'])\n"
        "print(sorted(m for m in ('textual', 'git', 'lark', 'rich') if m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "[]"
