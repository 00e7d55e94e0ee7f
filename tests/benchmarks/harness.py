"""A small benchmark harness: every figure is measured against a baseline in the same run.

Why not pytest-benchmark: it times one callable per test and compares with runs saved on other
days, which on a shared, noisy 2-core machine says more about the neighbours than about us. Our
targets are ratios (ajtui vs a baseline measured *in the same run*), several are whole processes
(`aj check`, `aj --help`, the app's first frame), some are percentiles (keystroke latency) or
memory. So the harness interleaves subject and baseline rounds (each round runs every candidate
once, in rotating order), takes medians, and records one row per comparison. pytest is only the
runner: `-k` selects, fixtures build the corpora once per session.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.timing import own_heap

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "latest.md"

#: Rounds per comparison; `BENCH_ROUNDS=3 make bench` for a quicker, noisier run.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))


@dataclass
class Row:
    group: str
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline: float
    #: value / baseline for times; the target is an upper bound on it.
    target: float | None = None
    note: str = ""
    lower_is_better: bool = True

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def holds(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio <= self.target if self.lower_is_better else self.ratio >= self.target

    @property
    def verdict(self) -> str:
        return {None: "", True: "holds", False: "MISSED"}[self.holds]

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return f"{'≤' if self.lower_is_better else '≥'} {self.target:g}×"


ROWS: list[Row] = []


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.2f} s"
    if unit == "B":
        return f"{value / 1e6:.1f} MB"
    return f"{value:.3g} {unit}"


def record(
    group: str,
    name: str,
    value: float,
    baseline_name: str,
    baseline: float,
    *,
    unit: str = "s",
    target: float | None = None,
    note: str = "",
    lower_is_better: bool = True,
) -> Row:
    row = Row(group, name, value, unit, baseline_name, baseline, target, note, lower_is_better)
    ROWS.append(row)
    print(
        f"\n[{group}] {name}: {fmt(value, unit)} | baseline {baseline_name}: "
        f"{fmt(baseline, unit)} | ratio {row.ratio:.2f} | target {row.target_text()} "
        f"{row.verdict}" + (f"\n    {note}" if note else ""),
        flush=True,
    )
    return row


def measure(
    candidates: dict[str, Callable[[], object]],
    *,
    rounds: int | None = None,
    warmup: int = 1,
    cpu: bool = False,
) -> dict[str, float]:
    """Median time of each candidate; rounds interleave the candidates in rotating order
    so that a noisy neighbour hurts all of them alike. Wall time by default (whole processes,
    anything with workers); `cpu=True` takes this process's CPU time instead, which a
    neighbour cannot inflate by taking the core away — for single-threaded in-process work."""
    rounds = rounds or ROUNDS
    clock = time.process_time if cpu else time.perf_counter
    names = list(candidates)
    for _ in range(warmup):
        for n in names:
            candidates[n]()
    times: dict[str, list[float]] = {n: [] for n in names}
    with own_heap():
        for r in range(rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for n in order:
                gc.collect()
                t0 = clock()
                candidates[n]()
                times[n].append(clock() - t0)
    return {n: statistics.median(ts) for n, ts in times.items()}


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def process(
    argv: list[str], *, env: dict | None = None, cwd: str | Path | None = None, check: bool = False
) -> Callable[[], subprocess.CompletedProcess]:
    """A candidate that runs a whole process (output discarded)."""
    full_env = {**os.environ, **(env or {})}

    def run() -> subprocess.CompletedProcess:
        done = subprocess.run(
            argv, env=full_env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if check and done.returncode not in (0, 1):
            raise RuntimeError(f"{argv} exited {done.returncode}")
        return done

    return run


def bin_path(name: str) -> str:
    """A console script of this venv (`aj`, `ajtui`)."""
    return str(Path(sys.executable).with_name(name))


def machine() -> str:
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    try:
        commit = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = "?"
    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load}; commit {commit}; "
        f"{time.strftime('%Y-%m-%d %H:%M')}; {ROUNDS} rounds, medians"
    )


def table(rows: list[Row]) -> str:
    out = [
        "| group | benchmark | ajtui | baseline | ratio | target | |",
        "|---|---|---:|---|---:|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r.group} | {r.name} | {fmt(r.value, r.unit)} | {r.baseline_name}: "
            f"{fmt(r.baseline, r.unit)} | {r.ratio:.2f} | {r.target_text()} | "
            f"{r.verdict} |"
        )
    notes = [f"- **{r.group} / {r.name}**: {r.note}" for r in rows if r.note]
    return "\n".join(out + ([""] + notes if notes else []))


def write_results(rows: list[Row], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    held = [r for r in rows if r.holds is not None]
    missed = [r for r in held if not r.holds]
    text = (
        f"# Benchmark results (latest `make bench`)\n\n{machine()}.\n\n"
        f"Targets: {len(held) - len(missed)} of {len(held)} hold"
        + (f"; missed: {', '.join(f'{r.group} / {r.name}' for r in missed)}" if missed else "")
        + ".\n\n"
        + table(rows)
        + "\n"
    )
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
