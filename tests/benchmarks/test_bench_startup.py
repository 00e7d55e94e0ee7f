"""Start-up of the command line, against the bare interpreter (the floor) in the same run."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.benchmarks.harness import bin_path, measure, process, record

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "valid" / "sample.aj"


def test_startup(env, bench_dir):
    py, aj = sys.executable, bin_path("aj")
    t = measure(
        {
            "python": process([py, "-c", "pass"], env=env),
            "import ajtui": process([py, "-c", "import ajtui"], env=env),
            "aj --help": process([aj, "--help"], env=env),
            "aj check": process([aj, "check", str(SAMPLE)], env=env),
            "aj check --no-cache": process([aj, "check", "--no-cache", str(SAMPLE)], env=env),
            "textual": process([py, "-c", "import textual.app"], env=env),
        },
        rounds=15,
        warmup=2,
    )
    base = t["python"]
    for name, note in (
        ("aj --help", "imports argparse and the command modules only (tests/test_imports.py)"),
        ("import ajtui", "names are re-exported lazily"),
        ("aj check", "one file, result cached: Lark is not even imported"),
        ("aj check --no-cache", "one file parsed and validated: Lark, grammar from its cache"),
        ("textual", "for scale: what `aj` never imports"),
    ):
        record(
            "start-up",
            name,
            t[name],
            "python -c pass",
            base,
            note=f"{(t[name] - base) * 1000:.0f} ms above the bare interpreter; {note}",
        )
