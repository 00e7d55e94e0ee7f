"""Benchmark: the structural diff against `git diff --no-index --word-diff` on the same pair.

Pairs:
    scenario   seed 000 under directive 95 and under directive 12 (a duty inserted at 3.5,
               one word changed, one result removed, the department renamed; 11 kB)
    seeds      seed 000 against seed 002 (two descriptions sharing boilerplate)
    large      a generated description of 2,000+ lines (150 duties) against itself with a
               duty inserted at the top (every later one renumbered), 30 words changed
               and 5 results removed

Times (best of --repeat, the sides taking turns):
    diff       diff_documents(old, new) on parsed models: the alignment and word spans
    cold       the same with ajtui.ops.words' cache of flowed texts emptied first (what the
               first diff in a fresh process pays; `diff` repeats with it filled)
    parse+diff diff_texts(old, new): both parsed, then diffed
    render     the unified view of the diff rendered by Rich (80 columns, no colour)
    git        git diff --no-index --word-diff OLD NEW (a process)
and prints the ratios. Not a timed test: `python -m tests.benchmarks.bench_diff`, or
through pytest (`make bench`). Self-contained: needs git and the ajtui package only.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.timing import best_of

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "history"


def _large_pair(seed: int = 3) -> tuple[str, str]:
    """A description with 150 duties (built from the sample's duties, each made unique),
    and its edited version."""
    rng = random.Random(seed)
    base = (FIXTURES / "koordinaator-95.aj").read_text(encoding="utf-8")
    head, rest = base.split("3. ülesanded: Teenistuskohustused\n", 1)
    duties_text, tail = rest.split("\n4. õigused", 1)
    blocks = re.split(r"\n(?=  3\.\d+\. )", duties_text.strip("\n"))
    duties = []
    for n in range(150):
        block = blocks[n % len(blocks)]
        block = re.sub(r"^  3\.\d+\. ", f"  3.{n + 1}. ", block)
        duties.append(block.replace("\n", f" (ülesanne {n + 1})\n", 1))
    old = head + "3. ülesanded: Teenistuskohustused\n" + "\n".join(duties) + "\n\n4. õigused" + tail
    new_duties = [
        re.sub(r"^  3\.(\d+)\. ", lambda mo: f"  3.{int(mo[1]) + 1}. ", d) for d in duties
    ]
    new_duties.insert(
        0, "  3.1. Uus ülesanne, mis lisati kõige ette.\n    - Uus tulemus on saavutatud."
    )
    lines = "\n".join(new_duties).split("\n")
    text_lines = [
        k
        for k, line in enumerate(lines)
        if line.startswith("    ") and not line.lstrip().startswith("-")
    ]
    for k in rng.sample(text_lines, 30):
        body = lines[k].lstrip(" ")
        words = body.split(" ")
        words[rng.randrange(len(words))] = "muudetud"
        lines[k] = lines[k][: len(lines[k]) - len(body)] + " ".join(words)
    result_starts = [k for k, line in enumerate(lines) if line.startswith("    - ")]
    for k in sorted(rng.sample(result_starts, 5), reverse=True):
        end = k + 1
        while end < len(lines) and lines[end].startswith("      "):
            end += 1
        del lines[k:end]  # a result with its continuation lines
    new = head + "3. ülesanded: Teenistuskohustused\n" + "\n".join(lines) + "\n\n4. õigused" + tail
    return old, new


def pairs() -> dict[str, tuple[str, str]]:
    read = lambda name: (FIXTURES / name).read_text(encoding="utf-8")  # noqa: E731
    return {
        "scenario": (read("koordinaator-95.aj"), read("koordinaator-12.aj")),
        "seeds": (read("koordinaator-95.aj"), read("klat-koordinaator-23.aj")),
        "large": _large_pair(),
    }


def measure(repeat: int = 7) -> list[dict]:
    from rich.console import Console

    from ajtui.format.parser import loads
    from ajtui.ops import words
    from ajtui.ops.diff import diff_documents, diff_texts
    from ajtui.present.diffview import render_unified

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (old, new) in pairs().items():
            a, b = Path(tmp) / f"{name}-old.aj", Path(tmp) / f"{name}-new.aj"
            a.write_text(old, encoding="utf-8")
            b.write_text(new, encoding="utf-8")
            da, db = loads(old), loads(new)
            d = diff_documents(da, db)

            def render(d=d):
                con = Console(file=io.StringIO(), width=80, color_system=None)
                con.print(render_unified(d, 80, markers=True))

            def git(a=a, b=b):
                subprocess.run(
                    ["git", "diff", "--no-index", "--word-diff", str(a), str(b)],
                    capture_output=True,
                )

            def cold(da=da, db=db):
                words.forget_flowed()
                diff_documents(da, db)

            t_diff, t_cold, t_both, t_render, t_git = best_of(
                [
                    lambda da=da, db=db: diff_documents(da, db),
                    cold,
                    lambda old=old, new=new: diff_texts(old, new),
                    render,
                    git,
                ],
                repeat,
            )
            out.append(
                {
                    "name": name,
                    "lines": old.count("\n"),
                    "changes": len(d.changes),
                    "summary": d.summary_line(),
                    "diff": t_diff,
                    "cold": t_cold,
                    "parse_diff": t_both,
                    "render": t_render,
                    "git": t_git,
                }
            )
    return out


def report(rows: list[dict]) -> str:
    lines = [
        "diff benchmark (best of runs; ms)",
        f"  {'pair':9} {'lines':>5} {'changes':>7} {'diff':>7} {'cold':>7} "
        f"{'parse+diff':>10} {'render':>7} {'git wd':>7} {'diff/git':>8} {'cold/git':>8} "
        f"{'p+d/git':>8}",
    ]
    for r in rows:
        lines.append(
            f"  {r['name']:9} {r['lines']:5d} {r['changes']:7d} "
            f"{r['diff'] * 1000:7.1f} {r['cold'] * 1000:7.1f} "
            f"{r['parse_diff'] * 1000:10.1f} "
            f"{r['render'] * 1000:7.1f} {r['git'] * 1000:7.1f} "
            f"{r['diff'] / r['git']:8.2f} {r['cold'] / r['git']:8.2f} "
            f"{r['parse_diff'] / r['git']:8.2f}"
        )
    for r in rows:
        lines.append(f"  {r['name']}: {r['summary']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=7)
    args = p.parse_args(argv)
    print(report(measure(args.repeat)))
    return 0


def test_diff_benchmark():
    """Run by `make bench` (pytest); prints the figures, asserts only that it ran."""
    rows = measure(repeat=5)
    print()
    print(report(rows))
    assert all(r["changes"] > 0 for r in rows)


if __name__ == "__main__":
    sys.exit(main())
