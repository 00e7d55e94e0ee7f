"""`aj check` over a workspace, whole process, against a process that only parses the same
files with the one-rule Lark grammar; the cached second run; where workers start to pay."""

from __future__ import annotations

import shutil
import sys

from tests.benchmarks.harness import bin_path, measure, process, record

BASELINE = r'''
import os, sys
from lark import Lark
parser = Lark(r"""
start: LINE*
LINE: /[^\n]*\n/
""", parser="lalr")
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".aj"):
            with open(os.path.join(root, name), encoding="utf-8") as fh:
                parser.parse(fh.read())
'''


def test_check_1000(workspace_1k, bench_dir, env):
    script = bench_dir / "lark_lines.py"
    script.write_text(BASELINE, encoding="utf-8")
    aj = bin_path("aj")
    baseline = process([sys.executable, str(script), str(workspace_1k)], env=env)
    cold_home = bench_dir / "cold-cache"
    cold_env = {**env, "XDG_CACHE_HOME": str(cold_home)}
    cold_run = process([aj, "check", str(workspace_1k)], env=cold_env)

    def cold():
        shutil.rmtree(cold_home / "ajtui" / "check.json", ignore_errors=True)
        (cold_home / "ajtui" / "check.json").unlink(missing_ok=True)
        return cold_run()

    warm = process([aj, "check", str(workspace_1k)], env=env)
    one = process([aj, "check", "--no-cache", "-j", "1", str(workspace_1k)], env=env)
    t = measure({"baseline": baseline, "cold": cold, "warm": warm, "one": one}, rounds=5)
    record(
        "check",
        "aj check, 1,000 descriptions, first run",
        t["cold"],
        "process parsing them with the Lark line grammar",
        t["baseline"],
        target=3.0,
        note="whole process: start-up, parse, validate, report (15 syntax errors, some "
        "warnings), write the cache; workers if the load average leaves cores idle",
    )
    record(
        "check",
        "aj check, 1,000 descriptions, one process",
        t["one"],
        "process parsing them with the Lark line grammar",
        t["baseline"],
        note="--no-cache -j 1: what the workers save",
    )
    record(
        "check",
        "aj check, 1,000 descriptions, second run",
        t["warm"],
        "process parsing them with the Lark line grammar",
        t["baseline"],
        note=f"cached by content: {t['cold'] / t['warm']:.0f}× faster than the first run",
    )


def test_check_crossover(workspace_1k, env):
    """One process against two workers for a few files: where PARALLEL_MIN comes from.
    On a machine whose second core is busy (as a shared one often is) the workers never pay;
    the estimate below says where they would with a free core."""
    files = sorted(str(p) for p in workspace_1k.glob("*.aj"))
    aj = bin_path("aj")
    seen = {}
    for n in (8, 16, 32, 64, 128):
        cands = {
            j: process([aj, "check", "--no-cache", "-j", str(j), *files[:n]], env=env)
            for j in ("1", "2")
        }
        seen[n] = t = measure(cands, rounds=5)
        note = ""
        if n == 128:
            overhead = max(0.0, seen[8]["2"] - seen[8]["1"])
            per_file = (seen[128]["1"] - seen[8]["1"]) / 120
            if overhead > 0.002 and per_file > 0:
                note = (
                    f"workers cost {overhead * 1000:.0f} ms to start (8 files), a file "
                    f"takes {per_file * 1000:.1f} ms: with a free core they pay from about "
                    f"{2 * overhead / per_file:.0f} files (PARALLEL_MIN is 64)"
                )
            else:
                note = "too noisy in this run to estimate the workers' start-up cost"
        record("check", f"{n} files with 2 workers", t["2"], "one process", t["1"], note=note)
