"""The format layer at start-up: a whole process that loads (and checks) one description,
in CPU time against `python -c pass` in the same rounds — what every `aj` command that
reads a file pays before its own work (`aj git-textconv` is little more than this).

The package is byte-compiled first, as pip installs it (see test_bench_drivers.py)."""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

import ajtui

from tests.benchmarks.harness import record
from tests.benchmarks.test_bench_drivers import PROCESS_ROUNDS, SAMPLE, medians


def test_format_layer_start(env):
    compileall.compile_dir(str(Path(ajtui.__file__).parent), quiet=1)
    load = f"from ajtui.format.parser import load; load({str(SAMPLE)!r})"
    check = f"{load.replace('load;', 'load; from ajtui.format.validate import validate;')}"
    check = check.replace(f"load({str(SAMPLE)!r})", f"validate(load({str(SAMPLE)!r}))")
    cands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "import ajtui.format.parser": ([sys.executable, "-c", "import ajtui.format.parser"], None),
        "load a description": ([sys.executable, "-c", load], None),
        "load and validate a description": ([sys.executable, "-c", check], None),
    }
    t = medians(cands, env, PROCESS_ROUNDS)
    base = t["python -c pass"]
    targets = {
        "load and validate a description": 3.0
    }  # ours (the budget, ≤ 4×, is on whole commands: test_bench_drivers.py)
    for name in list(cands)[1:]:
        record(
            "format start",
            name,
            t[name],
            "python -c pass",
            base,
            target=targets.get(name),
            note=f"CPU time, {(t[name] - base) * 1000:.1f} ms above the bare interpreter",
        )
