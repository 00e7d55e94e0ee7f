"""`aj show` and `aj diff` print as Rich printed them — the width, the colours, the codes
left out in a pipe — now that they print without Rich (ajtui.present.printer)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from ajtui.format.parser import load
from ajtui.present.printer import Printer, console_width
from ajtui.present.styled import Text

from tests.helpers.rich_layout import rich_twin

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"
OTHER = sorted((ROOT / "descriptions").glob("*.aj"))[0]
CODE = re.compile(r"\x1b\[([0-9;]*)m")


def aj(*args: str, **env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    base.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", *args],
        capture_output=True,
        text=True,
        env={**base, **env},
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def rich_print(renderable, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, highlight=False, markup=False, emoji=False).print(renderable)
    return out.getvalue()


def test_show_in_a_pipe_is_rich_plain_text_at_columns():
    twin = rich_twin("ajtui.present.render")
    out = aj("show", str(SAMPLE), COLUMNS="70")
    assert "\x1b[" not in out
    assert out == rich_print(twin.render_document(load(SAMPLE), 70), 70)
    assert max(len(line) for line in out.splitlines()) == 70


def test_show_in_colour_and_with_no_color():
    coloured = aj("show", str(SAMPLE), "--width", "90", FORCE_COLOR="1", TERM="xterm-256color")
    plain = aj("show", str(SAMPLE), "--width", "90")
    assert "\x1b[1m" in coloured  # bold headings
    assert CODE.sub("", coloured) == plain
    no_color = aj("show", str(SAMPLE), "--width", "90", FORCE_COLOR="1", NO_COLOR="1")
    params = {p for group in CODE.findall(no_color) for p in group.split(";") if p}
    assert params and params <= {"0", "1", "2", "3"}  # bold, dim, italic stay; no colours


def test_diff_marks_words_without_colour_and_colours_them_on_a_terminal():
    piped = aj("diff", str(SAMPLE), str(OTHER), "--width", "120")
    assert "[-" in piped and "{+" in piped and "\x1b[" not in piped
    coloured = aj(
        "diff", str(SAMPLE), str(OTHER), "--width", "120", FORCE_COLOR="1", COLORTERM="truecolor"
    )
    assert "[-" not in coloured and "\x1b[" in coloured
    assert "48;5;" in coloured or "41" in coloured  # changed words on a coloured ground


def test_console_width_as_rich_decides_it():
    cases = [
        (None, False, {}),
        (None, False, {"COLUMNS": "123"}),
        (77, False, {"COLUMNS": "123"}),
        (77, True, {"TERM": "dumb"}),
        (77, True, {"TERM": "dumb", "LINES": "30"}),
        (None, True, {"TERM": "unknown", "COLUMNS": "50"}),
        (None, False, {"COLUMNS": "x"}),
    ]
    for width, terminal, env in cases:
        console = Console(file=io.StringIO(), width=width, force_terminal=terminal, _environ=env)
        assert console_width(width, terminal, env) == console.width, (width, terminal, env)


def test_printer_captures_and_writes_an_empty_line():
    stream = io.StringIO()
    p = Printer(stream, width=20, env={})
    p.begin_capture()
    p.print(Text("kinni"))
    assert p.end_capture() == "kinni\n" and stream.getvalue() == ""
    p.print()
    p.print(Text("x" * 30), soft_wrap=True)
    assert stream.getvalue() == "\n" + "x" * 30 + "\n"
