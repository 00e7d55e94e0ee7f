"""The real `ajtui` in tmux without colour (NO_COLOR=1, 80×24): a diff marks its changed
words `[-old-]` and `{+new+}` on the captured pane, in the unified layout and, after the
window grows to 120×40, side by side (re-wrapped to the new width).

Skipped when tmux is not installed. Uses its own tmux server (-L) and never touches
another session.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.helpers.tmux import Terminal, ajtui_command
from tests.helpers.tui import GIT_ENV, demo_repo

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def terminal():
    t = Terminal(f"ajtui-markers-{os.getpid()}")
    yield t
    t.close()


def test_no_color_diff_shows_word_markers_in_a_real_terminal(tmp_path, monkeypatch, terminal):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    repo = demo_repo(tmp_path)
    t = terminal
    t.start(ajtui_command(tmp_path, repo, NO_COLOR="1"))
    t.wait_for("5 descriptions", "clean")
    t.keys("/")
    t.type("kriisiabi")
    t.wait_for("1 shown")
    t.keys("Enter")
    t.wait_for("AMETIJUHEND")
    t.keys("d")
    shown = t.wait_for("unified", "[-…-]{+…+}", "{+", "[-")
    # a changed word in a sentence: the old words and the new, marked, on one line
    assert "Ohvriabi [-ja ennetusteenuste-] osakond" in shown
    assert "{+14+}" in shown
    t.keys("n")
    t.wait_for("change 1 of ")

    t.tmux("resize-window", "-t", "t", "-x", "120", "-y", "40")
    shown = t.wait_for("side by side", "[-95-]", "{+14+}")
    row = next(line for line in shown.splitlines() if "{+14+}" in line)
    assert row.index("{+14+}") > 60, row  # the right column of the new width
