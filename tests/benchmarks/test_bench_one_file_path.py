"""The one-file commands' path without their layout (issue 20): `aj show FILE`, `aj diff A
B` and `aj git-diff` up to the point where they lay out what they print — arguments, the
kept output looked up, the files read, parsed and compared, the result kept — as whole
processes in CPU time, each run with an empty cache folder, against `python -c pass` in
the same rounds. What the layout costs on top is in test_bench_drivers.py's "first run"
rows; the two together are the command.

The script is tests/helpers/one_file_path.py (tests/test_startup.py checks what it loads).
"""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

import ajtui

from tests.benchmarks.harness import record
from tests.benchmarks.test_bench_drivers import FIRST, OTHER, PROCESS_ROUNDS, SAMPLE, medians

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = str(ROOT / "tests/helpers/one_file_path.py")


def test_one_file_path_without_the_layout(env):
    compileall.compile_dir(str(Path(ajtui.__file__).parent), quiet=1)
    py = sys.executable
    cands = {
        "python -c pass": ([py, "-c", "pass"], None),
        "aj show FILE, without the layout" + FIRST: ([py, SCRIPT, "show", str(SAMPLE)], None),
        "aj diff A B, without the layout" + FIRST: (
            [py, SCRIPT, "diff", str(SAMPLE), str(OTHER)],
            None,
        ),
        "aj git-diff, without the layout" + FIRST: (
            [py, SCRIPT, "git-diff", str(SAMPLE), str(OTHER)],
            None,
        ),
    }
    t = medians(cands, env, PROCESS_ROUNDS)
    base = t["python -c pass"]
    for name in list(cands)[1:]:
        record(
            "drivers",
            name,
            t[name],
            "python -c pass",
            base,
            note=f"CPU time, {(t[name] - base) * 1000:.0f} ms above the bare interpreter; "
            "the layout's cost comes on top",
        )
