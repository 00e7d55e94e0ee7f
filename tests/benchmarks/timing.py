"""Best-of timing for the self-contained helper benchmarks (bench_diff.py, bench_history.py)."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager


@contextmanager
def own_heap():
    """Collections during a timed call walk only what the call made: everything alive
    before (corpora, other benchmarks' data in a `make bench` session) is frozen, as a fresh
    `aj` process would have nothing of it. Measured: a 1,463-line diff took 9.9 ms instead
    of 7.2 beside 3 MB of parsed models, 7.4 with them frozen."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def best_of(fns: list, repeat: int) -> list[float]:
    """The best of `repeat` runs of each function, the functions taking turns (so that a
    change of load on a shared machine hits both sides alike)."""
    best = [float("inf")] * len(fns)
    with own_heap():
        for _ in range(repeat):
            for k, fn in enumerate(fns):
                t = time.perf_counter()
                fn()
                best[k] = min(best[k], time.perf_counter() - t)
    return best
