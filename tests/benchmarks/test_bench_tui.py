"""The app in an 80x24 pseudo-terminal: first screen on 1,000 descriptions against a minimal
Textual app's first screen; scrolling and filtering 10,000 descriptions; memory."""

from __future__ import annotations

import importlib.util
import re
import statistics
import sys
from pathlib import Path

import pytest

from tests.benchmarks import terminal as term
from tests.benchmarks.harness import ROUNDS, bin_path, percentile, record
from tests.helpers.corpus import TITLES

MINIMAL = """
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("minimal app ready")


Minimal().run()
"""
READY = re.compile("minimal app ready")
#: Any position title of the generated corpus: the library shows rows of them.
ROW = re.compile("|".join(re.escape(t) for t in TITLES), re.I)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="drives a pseudo-terminal and reads /proc"
)
needs_app = pytest.mark.skipif(
    importlib.util.find_spec("ajtui.tui.app") is None,
    reason="the Textual app (ajtui.tui.app) has not landed yet",
)


@pytest.fixture(scope="module", autouse=True)
def compiled():
    """ajtui's bytecode, as `pip install` leaves it: Textual's is there for the minimal app,
    and with PYTHONDONTWRITEBYTECODE (set here) ours would be compiled on every start."""
    import compileall

    import ajtui

    compileall.compile_dir(str(Path(ajtui.__file__).parent), quiet=2)


@pytest.fixture(scope="session")
def minimal_app(bench_dir):
    script = bench_dir / "minimal_app.py"
    script.write_text(MINIMAL, encoding="utf-8")
    return [sys.executable, str(script)]


def first_screen(argv, marker, env) -> tuple[float, int]:
    s = term.start(argv, env)
    try:
        seconds = s.wait_for(marker)
        return seconds, s.rss()
    finally:
        s.close()


def test_minimal_textual_app(minimal_app, env):
    times = [first_screen(minimal_app, READY, env)[0] for _ in range(max(3, ROUNDS // 2))]
    record(
        "app",
        "minimal Textual app, first screen",
        statistics.median(times),
        "itself",
        statistics.median(times),
        note="the baseline for the app's start-up: process start to first frame, 80x24 pty",
    )


@needs_app
def test_first_screen_1000(minimal_app, workspace_1k, env):
    ajtui = [bin_path("ajtui"), str(workspace_1k)]
    mine, base = [], []
    for _ in range(ROUNDS):  # alternating, so that a busy moment costs both sides
        base.append(first_screen(minimal_app, READY, env)[0])
        mine.append(first_screen(ajtui, ROW, env)[0])
    record(
        "app",
        "ajtui, first screen, 1,000 descriptions",
        statistics.median(mine),
        "minimal Textual app",
        statistics.median(base),
        target=2.0,
        note="process start until a row of the library is on screen (its bytecode "
        "compiled, as an installed package has it)",
    )


@needs_app
def test_10000_scroll_filter_memory(minimal_app, workspace_10k, env):
    text_bytes = sum(p.stat().st_size for p in workspace_10k.glob("*.aj"))
    s = term.start(minimal_app, env)
    try:
        s.wait_for(READY)
        s.settle(0.5, 10)
        base_rss = s.rss()
    finally:
        s.close()
    s = term.start([bin_path("ajtui"), str(workspace_10k)], env)
    try:
        shown = s.wait_for(ROW, timeout=60)
        indexed = s.settle(1.0, 180)
        rss = s.rss()
        scroll = [s.key("\x1b[B") for _ in range(40)] + [s.key("\x1b[6~") for _ in range(10)]
        s.key("\x1b")
        s.key("/")
        typing = [s.key(ch) for ch in "koord"]
    finally:
        s.close()
    record(
        "app",
        "10,000 descriptions: memory above Textual's own",
        rss - base_rss,
        "text of the descriptions",
        text_bytes,
        unit="B",
        target=3.0,
        note=f"RSS {rss / 1e6:.0f} MB once indexing is done ({indexed:.1f} s after start, "
        f"first row after {shown:.2f} s), minimal Textual app {base_rss / 1e6:.0f} MB, "
        f"text {text_bytes / 1e6:.0f} MB",
    )
    record(
        "app",
        "10,000 descriptions: scroll, key to frame (p95)",
        percentile(scroll, 95),
        "a frame at 60 Hz",
        1 / 60,
        target=6.0,
        note=f"down ×40, page down ×10; max {max(scroll) * 1000:.0f} ms; ≤ 100 ms p95 is "
        "'no visible stall'",
    )
    record(
        "app",
        "10,000 descriptions: filter, key to frame (p95)",
        percentile(typing, 95),
        "a frame at 60 Hz",
        1 / 60,
        target=6.0,
        note=f"typing 'koord' after '/'; max {max(typing) * 1000:.0f} ms",
    )
