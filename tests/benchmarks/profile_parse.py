"""Where the time of `ajtui.loads` (or of `aj check`'s per-file work) goes.

    .venv/bin/python -m tests.benchmarks.profile_parse            # loads on 1 MB, cProfile
    .venv/bin/python -m tests.benchmarks.profile_parse --check    # decode + loads + validate
    .venv/bin/python -m tests.benchmarks.profile_parse --standard # Lark's own parse loop

cProfile inflates code that makes many small calls (the parser does), so read the order,
not the seconds; `pyinstrument` (pip install pyinstrument) gives a sampled tree instead:
    .venv/bin/pyinstrument -m tests.benchmarks.profile_parse
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from ajtui.cli.check import check_bytes
from ajtui.format import parser

from tests.helpers import corpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="profile aj check's per-file work")
    ap.add_argument(
        "--standard",
        action="store_true",
        help="profile the standard Lark path instead of the fused fast one",
    )
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    texts = corpus.texts_of_size(1_000_000)
    if a.standard and a.check:
        ap.error("--standard profiles loads only")
    driver = "lark" if a.standard else "fast"
    work = (
        (lambda: [check_bytes("x.aj", t.encode()) for t in texts])
        if a.check
        else (lambda: [parser.loads(t, driver=driver) for t in texts])
    )
    work()
    t0 = time.perf_counter()
    work()
    print(
        f"{len(texts)} descriptions, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB: "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms without the profiler"
    )
    prof = cProfile.Profile()
    prof.enable()
    work()
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(a.top)


if __name__ == "__main__":
    main()
