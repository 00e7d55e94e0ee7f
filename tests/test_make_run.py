"""The README's first command, `make run`, opens the demo workspace in a real 80×24
terminal, and a diff between two directives is a few keystrokes away."""

from __future__ import annotations

import os
import shlex
import shutil

import pytest

from tests.helpers import ROOT
from tests.helpers.tmux import Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None or shutil.which("make") is None,
        reason="tmux or make is not installed",
    ),
]


def test_make_run_opens_the_demo_and_reaches_a_directive_diff(tmp_path):
    term = Terminal(f"ajtui-make-{os.getpid()}")
    env = (
        f"env -i PATH={shlex.quote(os.environ.get('PATH', '/usr/bin:/bin'))} "
        f"HOME={shlex.quote(str(tmp_path))} TERM=xterm-256color "
        f"AJTUI_DEMO_DIR={shlex.quote(str(tmp_path / 'demo'))}"
    )
    try:
        term.start(f"cd {shlex.quote(str(ROOT))} && {env} make run; sleep 5")
        term.wait_for("demo workspace", "5 descriptions", timeout=120)
        term.keys("k")
        term.wait_for("Directives", "käskkiri nr 14")
        term.keys("Enter")
        shown = term.wait_for("changed", "→", timeout=30)
        assert "Traceback" not in shown
        term.keys("q")
    finally:
        term.close()
