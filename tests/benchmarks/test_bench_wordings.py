"""`aj where-used` over 10,000 descriptions, warm (the index cached), whole process, against
`grep -rF` of the same wording over the same files (a plain scan of every byte)."""

from __future__ import annotations

import os
import shutil

from tests.benchmarks.harness import bin_path, measure, process, record

#: A competency item the generated descriptions share (tests/helpers/template.aj).
WORDING = "Tagab usaldusväärsuse oma pühendunud ja kohusetundliku tööga."


def test_where_used_10000(workspace_10k, bench_dir, env):
    import subprocess
    import time

    aj = bin_path("aj")
    warm = process([aj, "where-used", WORDING, str(workspace_10k)], env=env)
    near = process(
        [aj, "where-used", WORDING, str(workspace_10k), "--min-similarity", "0.5"], env=env
    )
    grep = shutil.which("grep") or "grep"
    baseline = process([grep, "-rF", "--include=*.aj", WORDING, str(workspace_10k)], env=env)
    t0 = time.perf_counter()
    first = subprocess.run(
        [aj, "where-used", WORDING, str(workspace_10k), "--format", "json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    cold = time.perf_counter() - t0
    assert first.returncode == 0, first.stderr
    t = measure({"baseline": baseline, "warm": warm, "near": near}, rounds=5)
    record(
        "wordings",
        "aj where-used, 10,000 descriptions, index cached",
        t["warm"],
        "grep -rF of the wording over the same files",
        t["baseline"],
        target=None,
        note=f"whole process, every place printed; building the index (first run) took "
        f"{cold:.1f} s; the brief's budget is 1 s",
    )
    record(
        "wordings",
        "aj where-used --min-similarity 0.5, 10,000 descriptions, cached",
        t["near"],
        "grep -rF of the wording over the same files",
        t["baseline"],
        note="a lower threshold: more candidates compared exactly",
    )
    assert t["warm"] < 1.0
