"""The library's filter over 10,000 descriptions, per keystroke: titles, units, file names
and the text (duties, results, prose — ajtui.store.textindex), against the title-only
filter it replaced, measured in the same run on the same entries and keys.

The entries are real: 250 generated descriptions indexed by `Workspace.index` (their text
as the index cache keeps it), each repeated 40 times under another name — 10,000 entries,
10,000 distinct objects, as the library holds them.
"""

from __future__ import annotations

import dataclasses
import time

from tests.benchmarks.harness import percentile, record
from tests.helpers import corpus

#: What users typed, a key at a time: a title word, a unit, a duty's words, no match.
TYPED = ("koordinaator", "klat", "kriisiabi", "traumateadlik", "esmaabi andmine", "qqxz")
COUNT = 10_000


def _entries(folder):
    from ajtui.store.workspace import Workspace

    corpus.write_workspace(folder, 250, seed=23)
    ws = Workspace(folder)
    base = [ws.index(p) for p in ws.scan()]
    out = []
    for n in range(COUNT // len(base)):
        for e in base:
            out.append(dataclasses.replace(e, name=f"{n:02d}/{e.name}", texts=list(e.texts)))
    return out


def _keystrokes(run) -> list[float]:
    times = []
    for word in TYPED:
        for i in range(1, len(word) + 1):
            t0 = time.perf_counter()
            run(word[:i])
            times.append(time.perf_counter() - t0)
    return times


def test_filter_10000_text(bench_dir):
    from ajtui.tui.filtering import ordered, text_index

    entries = _entries(bench_dir / "library-text")
    assert len(entries) == COUNT

    def no_fuzzy():
        from textual.fuzzy import FuzzySearch

        return FuzzySearch().match

    title_only = _keystrokes(lambda q: ordered(entries, q, "unit", no_fuzzy))
    index = text_index()
    t0 = time.perf_counter()
    index.update(entries)
    build = time.perf_counter() - t0
    why: dict[int, int] = {}
    found = []
    with_text = _keystrokes(
        lambda q: found.append(len(ordered(entries, q, "unit", no_fuzzy, index, why)))
    )
    p95, old = percentile(with_text, 95), percentile(title_only, 95)
    text_bytes = sum(len(t) for e in entries[:250] for _w, t in e.texts) * (COUNT // 250)
    record(
        "library",
        "10,000 descriptions: filter with the text, per key (p95)",
        p95,
        "the title-only filter, same keys",
        old,
        target=None,
        note=f"{len(with_text)} keys typing {', '.join(TYPED)}; max {max(with_text) * 1e3:.0f} ms; "
        f"text searched {text_bytes / 1e6:.0f} MB; the index is built once, on the first "
        f"filtered key: {build * 1e3:.0f} ms",
    )
    record(
        "library",
        "10,000 descriptions: filter with the text, per key (p95), budget",
        p95,
        "50 ms a key",
        0.050,
        target=1.0,
    )
    # the budget row says whether it holds; the machine is shared (load in the header)
