"""The git drivers and the one-file commands as whole processes, in CPU time (a process's
own and its children's, from the kernel: a busy neighbour slows the clock on the wall, not
this), each against `python -c pass` or plain git measured in the same rounds.

The package is byte-compiled first (as pip installs it): without .pyc files every start
would compile ajtui's sources, which no installed `aj` does.
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import ajtui

from tests.benchmarks.harness import ROUNDS, bin_path, record

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"
OTHER = sorted((ROOT / "descriptions").glob("*.aj"))[0]
#: Two approved versions of one description (directives 12 and 95): 16 changes.
APPROVED = (
    ROOT / "tests/fixtures/history/koordinaator-12.aj",
    ROOT / "tests/fixtures/history/koordinaator-95.aj",
)
#: Whole processes per round: noise is larger than for in-process timings.
PROCESS_ROUNDS = max(ROUNDS, 11)


#: A candidate whose name ends so runs each time with an empty cache folder.
FIRST = ", first run"


def cpu(argv: list[str], env: dict, cwd: Path | None = None, fresh: bool = False) -> float:
    """CPU seconds (user + system) of the process and the children it waited for; with
    `fresh`, in an empty cache folder (nothing kept from an earlier run)."""
    if fresh:
        env = {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="ajtui-bench-cache-")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        argv,
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if fresh:
        shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{argv} exited {done.returncode}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(cands: dict[str, tuple[list[str], Path | None]], env: dict, rounds: int) -> dict:
    """Median CPU time of each candidate, rounds interleaved in rotating order (one warm-up)."""
    names = list(cands)
    for n in names:
        cpu(cands[n][0], env, cands[n][1], n.endswith(FIRST))
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        for n in names[r % len(names) :] + names[: r % len(names)]:
            times[n].append(cpu(cands[n][0], env, cands[n][1], n.endswith(FIRST)))
    return {n: statistics.median(ts) for n, ts in times.items()}


def test_drivers_and_one_file_commands(env):
    compileall.compile_dir(str(Path(ajtui.__file__).parent), quiet=1)
    aj = bin_path("aj")
    old, new = str(APPROVED[0]), str(APPROVED[1])
    diff_args = [old, old, "0" * 40, "100644", new, "1" * 40, "100644"]
    cands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "aj git-textconv FILE": ([aj, "git-textconv", str(SAMPLE)], None),
        "aj git-diff (a changed file)": ([aj, "git-diff", *diff_args], None),
        "aj check --no-cache FILE": ([aj, "check", "--no-cache", str(SAMPLE)], None),
        "aj show FILE": ([aj, "show", str(SAMPLE)], None),
        "aj diff A B": ([aj, "diff", old, new], None),
    }
    # the same three again with nothing kept (ajtui.cli._kept): parsed, compared, laid out
    for name in ("aj git-diff (a changed file)", "aj show FILE", "aj diff A B"):
        cands[name + FIRST] = cands[name]
    # the worst case: two different descriptions, nearly every line changed
    cands["aj diff, two different descriptions" + FIRST] = (
        [aj, "diff", str(SAMPLE), str(OTHER)],
        None,
    )
    t = medians(cands, env, PROCESS_ROUNDS)
    base = t["python -c pass"]
    for name in list(cands)[1:]:
        kept = name in ("aj git-diff (a changed file)", "aj show FILE", "aj diff A B")
        worst = "two different" in name
        record(
            "drivers",
            name,
            t[name],
            "python -c pass",
            base,
            target=None if worst else 4,
            note=f"CPU time, {(t[name] - base) * 1000:.0f} ms above the bare interpreter"
            + ("; the output kept by the first run" if kept else "")
            + ("" if worst or "diff" not in name else "; two approved versions of one description"),
        )


def test_git_log_p_with_textconv(history, env, bench_dir):
    """`git log -p` on the 1,000-commit file through `aj git-textconv` with git's cache of
    conversions (`diff.aj.cachetextconv`, as `aj git-setup` sets it): the first run
    converts every version once, the second reads the cache."""
    repo = bench_dir / "history-textconv"
    if not repo.exists():  # a copy: the notes and attributes stay out of the shared repo
        subprocess.run(["git", "clone", "-q", "--local", str(history.repo), str(repo)], check=True)
        (repo / ".git" / "info" / "attributes").write_text("*.aj diff=aj\n", encoding="utf-8")
        git = ["git", "-C", str(repo), "config"]
        subprocess.run([*git, "diff.aj.textconv", f"{bin_path('aj')} git-textconv"], check=True)
        subprocess.run([*git, "diff.aj.cachetextconv", "true"], check=True)
    log = ["git", "-C", str(repo), "log", "-p", "--", history.old_path, history.path]
    first = cpu(log, env)
    plain_once = cpu([*log[:4], "--no-textconv", *log[4:]], env)
    t = medians(
        {
            "plain": ([*log[:4], "--no-textconv", *log[4:]], None),
            "textconv": (log, None),
        },
        env,
        5,
    )
    record(
        "drivers",
        "git log -p, textconv, first run",
        first,
        "git log -p (no textconv)",
        plain_once,
        note=f"{history.commits} versions converted once each, then kept by git",
    )
    record(
        "drivers",
        "git log -p, textconv, second run",
        t["textconv"],
        "git log -p (no textconv)",
        t["plain"],
        target=3,
        note="conversions read from refs/notes/textconv/aj: no aj process runs",
    )
