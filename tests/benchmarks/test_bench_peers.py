"""The history, diff and app helpers' own self-contained benchmarks (bench_history.py,
bench_diff.py, test_tui_startup.py — each also runs alone), measured here once and put in the
results table beside ours. Their scenarios complement ours: a repository with versions that
do not parse and repacked deltas, the acceptance-scenario pair and a renumbering diff, the
app on the five real samples."""

from __future__ import annotations

import statistics

from tests.benchmarks import bench_diff, bench_history, test_tui_startup
from tests.benchmarks.harness import record


def test_history_helper(tmp_path):
    built = bench_history.build(tmp_path / "repo")
    r = bench_history.measure(tmp_path / "repo", repeat=9)
    assert r["listed"] == built["file_commits"] and r["errors"] == built["broken"]
    scene = (
        f"{built['file_commits']} commits to one file ({built['broken']} that do not "
        f"parse), {built['commits']} in all; best of runs"
    )
    record(
        "history",
        "History.revisions (helper's repository)",
        r["ours"],
        "git log --follow -p",
        r["git"],
        target=1.0,
        note=scene,
    )
    record(
        "history",
        "aj log (helper's repository)",
        r["aj_cli"],
        "git log --follow -p",
        r["git_cli"],
        target=1.0,
        note="whole processes; " + scene,
    )


def test_diff_helper():
    for r in bench_diff.measure(repeat=15):  # best of 15: a busy second costs less
        record(
            "diff",
            f"diff_documents, {r['name']} pair (helper's)",
            r["diff"],
            "git diff --no-index --word-diff",
            r["git"],
            target=2.0,
            note=f"{r['lines']} lines, {r['changes']} changes; parse + diff "
            f"{r['parse_diff'] * 1000:.1f} ms, rendering {r['render'] * 1000:.1f} ms; "
            "best of runs",
        )


def test_app_startup_helper():
    result = test_tui_startup.measure()
    times = result["times"]
    base = statistics.median(times["minimal Textual app"])
    mine = statistics.median(times["ajtui (5 samples)"])
    record(
        "app",
        "ajtui, first screen, 5 samples (helper's)",
        mine,
        "minimal Textual app",
        base,
        target=2.0,
        note=f"first run with empty caches: {result['first']['ajtui (5 samples)'] * 1000:.0f} ms",
    )
