"""History and structural diff against git itself, on the generated repository where one
description changes in 1,000 commits under 10 directives (renamed once, halfway)."""

from __future__ import annotations

import importlib.util
import os
import subprocess

import pytest

from ajtui.format.parser import loads

from tests.benchmarks.harness import bin_path, measure, process, record


def _has_command(name: str, env: dict) -> bool:
    done = subprocess.run(
        [bin_path("aj"), name, "--help"], capture_output=True, env={**os.environ, **env}
    )
    return done.returncode == 0


def test_log(history, env, bench_dir, monkeypatch):
    repo, path = history.repo, history.path
    git = ["git", "-C", str(repo)]
    cands = {
        "git log --follow": process([*git, "log", "--follow", "--", path], env=env),
        "git log --follow -p": process([*git, "log", "--follow", "-p", "--", path], env=env),
    }
    if not _has_command("log", env):
        t = measure(cands, rounds=5)
        record(
            "history",
            "git log --follow -p (baseline only)",
            t["git log --follow -p"],
            "git log --follow",
            t["git log --follow"],
            note="`aj log` has not landed yet: only the baselines were measured",
        )
        pytest.skip("aj log is not there yet")
    aj = [bin_path("aj"), "log", path]
    first_env = {**env, "XDG_CACHE_HOME": str(bench_dir / "log-first")}
    first = measure(
        {"aj": process(aj, env=first_env, cwd=repo), "git -p": cands["git log --follow -p"]},
        rounds=1,
        warmup=0,
    )
    cands["aj log"] = process(aj, env=env, cwd=repo)
    cands["aj log --format json"] = process([*aj, "--format", "json"], env=env, cwd=repo)
    from ajtui.store.history import History

    monkeypatch.setenv("XDG_CACHE_HOME", env["XDG_CACHE_HOME"])  # the processes' cache

    def revisions():
        with History(repo / path) as h:
            # each directive's approving commit, then the commits changing its text
            # without a new approval (kinnitamata)
            assert len(h.revisions(repo / path)) == 20

    cands["History.revisions"] = revisions
    t = measure(cands, rounds=5)
    record(
        "history",
        "aj log, 1,000 commits, first run",
        first["aj"],
        "git log --follow -p",
        first["git -p"],
        target=1.0,
        note="whole process, empty cache; one measurement",
    )
    record(
        "history",
        "aj log, 1,000 commits",
        t["aj log"],
        "git log --follow -p",
        t["git log --follow -p"],
        target=1.0,
        note="whole process, warm; revisions grouped by 10 directives, rename followed",
    )
    record(
        "history",
        "aj log, 1,000 commits (vs plain log)",
        t["aj log"],
        "git log --follow",
        t["git log --follow"],
    )
    record(
        "history",
        "aj log --format json, 1,000 commits",
        t["aj log --format json"],
        "git log --follow -p",
        t["git log --follow -p"],
        note="whole process, warm",
    )
    record(
        "history",
        "History.revisions, 1,000 commits",
        t["History.revisions"],
        "git log --follow -p",
        t["git log --follow -p"],
        note="in this process, warm cache (wall time: git log runs beside it)",
    )


def test_blame_and_show_at(history, env, bench_dir):
    """Issue 15's speed rows: `aj blame` ≤ 2× `git log --follow -p`; `aj show --at` ≤
    `aj log` on the same file."""
    repo, path = history.repo, history.path
    if not (_has_command("blame", env) and _has_command("approve", env)):
        pytest.skip("aj blame is not there yet")
    git = ["git", "-C", str(repo)]
    cands = {
        "git log --follow -p": process([*git, "log", "--follow", "-p", "--", path], env=env),
        "aj log": process([bin_path("aj"), "log", path], env=env, cwd=repo),
        "aj blame": process([bin_path("aj"), "blame", path], env=env, cwd=repo),
        "aj show --at": process(
            [bin_path("aj"), "show", path, "--at", "01.01.2100", "--width", "100"],
            env=env,
            cwd=repo,
        ),
    }
    t = measure(cands, rounds=5)
    record(
        "history",
        "aj blame, 1,000 commits",
        t["aj blame"],
        "git log --follow -p",
        t["git log --follow -p"],
        target=2.0,
        note="whole process, warm",
    )
    record(
        "history",
        "aj show --at, 1,000 commits",
        t["aj show --at"],
        "aj log",
        t["aj log"],
        target=1.0,
        note="whole process, warm",
    )


def _pair(history, a: int, b: int) -> tuple[str, str]:
    """The description's text at commits `a` and `b` (1-based, counted from the first)."""
    git = ["git", "-C", str(history.repo)]
    shas = subprocess.run(
        [*git, "rev-list", "--reverse", "main"], capture_output=True, text=True, check=True
    ).stdout.split()

    def at(n: int) -> str:
        path = history.old_path if n <= history.commits // 2 else history.path
        return subprocess.run(
            [*git, "show", f"{shas[n - 1]}:{path}"], capture_output=True, text=True, check=True
        ).stdout

    return at(a), at(b)


def _edited(text: str) -> str:
    """The 2,000-line description with ten scattered one-word edits."""
    lines = text.split("\n")
    step = len(lines) // 11
    for k in range(1, 11):
        i = k * step
        while i < len(lines) and " " not in lines[i].strip():
            i += 1
        if i < len(lines):
            lines[i] = (
                lines[i].replace(" ja ", " ning ", 1)
                if " ja " in lines[i]
                else lines[i] + " lisatud"
            )
    return "\n".join(lines)


@pytest.mark.parametrize("which", ["one directive apart", "2,000 lines, 10 edits"])
def test_diff(which, history, long_text, env, bench_dir):
    if which == "one directive apart":
        old, new = _pair(history, 350, 450)
    else:
        old, new = long_text, _edited(long_text)
    a, b = bench_dir / f"old-{len(old)}.aj", bench_dir / f"new-{len(new)}.aj"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    git = process(["git", "diff", "--no-index", "--word-diff", str(a), str(b)], env=env)
    if importlib.util.find_spec("ajtui.ops.diff") is None:
        t = measure({"git": git}, rounds=5)
        record(
            "diff",
            f"git diff --word-diff, {which} (baseline only)",
            t["git"],
            "itself",
            t["git"],
            note="ajtui.ops.diff has not landed yet",
        )
        pytest.skip("ajtui.ops.diff is not there yet")
    from ajtui.ops.diff import diff_documents

    models = loads(old), loads(new)

    def structural():
        return diff_documents(*models)

    def parse_and_diff():
        return diff_documents(loads(old), loads(new))

    assert structural().changes
    cands = {"git": git, "structural": structural, "parse+diff": parse_and_diff}
    if _has_command("diff", env):
        cands["aj diff"] = process([bin_path("aj"), "diff", str(a), str(b)], env=env)
    t = measure(cands, rounds=7)
    lines = f"{old.count(chr(10))} → {new.count(chr(10))} lines"
    record(
        "diff",
        f"structural diff, {which}",
        t["structural"],
        "git diff --no-index --word-diff",
        t["git"],
        target=2.0,
        note=f"diff_documents on the two parsed models, in process; git is a whole "
        f"process ({lines})",
    )
    record(
        "diff",
        f"parse both + structural diff, {which}",
        t["parse+diff"],
        "git diff --no-index --word-diff",
        t["git"],
        note="in process",
    )
    if "aj diff" in t:
        record(
            "diff",
            f"aj diff, {which}",
            t["aj diff"],
            "git diff --no-index --word-diff",
            t["git"],
            note="whole process, rendered; Python start-up included",
        )
