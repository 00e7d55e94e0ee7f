"""Styled output without Rich (issue #20): a whole process that imports
`ajtui.present.ansi` and writes a diff's worth of styled lines to a 256-colour terminal, in
CPU time against `python -c pass` in the same rounds, beside the same output through Rich's
Console; and the writing alone, in process, against Rich's Console printing the same lines.

The package is byte-compiled first, as pip installs it (see test_bench_drivers.py)."""

from __future__ import annotations

import compileall
import io
import sys
import textwrap
from pathlib import Path

import ajtui

from tests.benchmarks.harness import measure, record
from tests.benchmarks.test_bench_drivers import PROCESS_ROUNDS, medians

#: A diff-like page: 300 lines of runs in the styles of ajtui/present/diffview.py.
LINES_CODE = textwrap.dedent("""
    STYLES = ["red", "green", "bold white on red3", "bold black on green3", "bold yellow",
              "magenta", "bold", "dim", "bold red", "bold dim", "italic", ""]
    LINES = [
        [(f"{i}. ", "bold"), ("vana sõnastus ", STYLES[i % 12]), ("muudetud", STYLES[(i + 3) % 12]),
         (" ja jätk", STYLES[(i + 5) % 12]), (" ⋯", "dim")]
        for i in range(300)
    ]
""")

ANSI = LINES_CODE + textwrap.dedent("""
    import sys
    from ajtui.present import ansi
    t = ansi.color_system(sys.stdout)
    ansi.write(LINES, sys.stdout, t.system, t.no_color)
""")

RICH = LINES_CODE + textwrap.dedent("""
    from rich.console import Console
    from rich.text import Text
    console = Console(highlight=False)
    for runs in LINES:
        console.print(Text.assemble(*runs), soft_wrap=True)
""")


def test_ansi_start_and_write(env):
    compileall.compile_dir(str(Path(ajtui.__file__).parent), quiet=1)
    colour = {**env, "NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    cands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "ansi: import and write 300 styled lines": ([sys.executable, "-c", ANSI], None),
        "Rich: import and print the same lines": ([sys.executable, "-c", RICH], None),
    }
    t = medians(cands, colour, PROCESS_ROUNDS)
    base = t["python -c pass"]
    for name, target in (
        ("ansi: import and write 300 styled lines", 1.5),
        ("Rich: import and print the same lines", None),
    ):
        record(
            "ansi",
            name,
            t[name],
            "python -c pass",
            base,
            target=target,
            note=f"CPU time, {(t[name] - base) * 1000:.1f} ms above the bare interpreter",
        )


def test_ansi_write_in_process():
    from rich.console import Console
    from rich.text import Text

    from ajtui.present import ansi

    scope: dict = {}
    exec(LINES_CODE, scope)
    lines = scope["LINES"] * 10

    def ours() -> None:
        ansi._SGR_CACHE.clear()  # a fresh process's work: every style parsed once
        ansi.write(lines, io.StringIO(), "256")

    def riches() -> None:
        console = Console(
            file=io.StringIO(), force_terminal=True, color_system="256", highlight=False
        )
        for runs in lines:
            console.print(Text.assemble(*runs), soft_wrap=True)

    t = measure({"ansi.write": ours, "Rich Console.print": riches}, cpu=True)
    record(
        "ansi",
        "write 3000 styled lines (256 colours)",
        t["ansi.write"],
        "Rich Console.print, same lines",
        t["Rich Console.print"],
        target=0.2,
    )
