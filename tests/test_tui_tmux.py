"""The real `ajtui` command in a real terminal (tmux, 80×24), driven by keys as a user
would: open → edit (an error, then a fix) → save → history → diff → quit.

Skipped when tmux is not installed. Uses its own tmux server (-L) and never touches
another session.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.tmux import Terminal, ajtui_command
from tests.helpers.tui import GIT_ENV, demo_repo

KLAT = "ametijuhendid/koordinaator-klat.aj"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def terminal():
    t = Terminal(f"ajtui-test-{os.getpid()}")
    yield t
    t.close()


def test_open_edit_save_history_diff_in_a_real_terminal(tmp_path, monkeypatch, terminal):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    repo = demo_repo(tmp_path)
    status = tmp_path / "exit-status"
    t = terminal
    t.start(ajtui_command(tmp_path, repo, after=f" echo $? > {shlex.quote(str(status))};"))

    # the library, then `/` + part of a file name + enter opens it
    t.wait_for("5 descriptions", "Hingehoiu nõustaja", "clean")
    t.keys("/")
    t.type("klat")
    t.wait_for("1 shown")
    t.keys("Enter")
    t.wait_for("AMETIJUHEND", "Koordinaator · ametijuhendid/koordinaator-")

    # the editor: an error shows with its line within a second or two, then it is fixed
    t.keys("e")
    t.wait_for("Edit · ametijuhendid/koordinaator-klat.aj", "1  # Allikas")
    # the first line wraps at 80 columns: ten lines down is line 10, "1. üldosa: Üldosa"
    t.keys(*["Down"] * 10, "Home")
    t.type("x")
    shown = t.wait_for("1 error", "10:1   error   unknown section keyword 'x1'", timeout=5)
    assert "modified" in shown and "10  x1. üldosa" in shown
    t.keys("BSpace", "Down", "End")  # fixed; then the title, on line 11
    t.type(" (tmux)")
    t.wait_for("modified", "1 warning", absent="error")
    t.keys("C-s")
    t.wait_for("Saved", absent="● modified")
    text = (repo / KLAT).read_text(encoding="utf-8")
    assert "  ametinimetus: Koordinaator (tmux)\n" in text

    # back to the document (read again from disk), then its history: the draft on top
    t.keys("Escape")
    t.wait_for("Koordinaator (tmux) · ametijuhendid")
    t.keys("h")
    shown = t.wait_for(
        "Draft: uncommitted changes", "käskkiri nr 23 (12.02.2024)", "käskkiri nr 14 (15.01.2026)"
    )
    # the draft against the revision before it: the changed title on screen
    t.keys("Enter")
    shown = t.wait_for(
        "Diff · ametijuhendid/koordinaator-klat.aj", "working copy", "ametinimetus changed"
    )
    assert "(tmux)" in shown
    # a diff between the two directives: down to nr 14's row in the history, enter
    t.keys("Escape")
    t.wait_for("Draft: uncommitted changes", absent="Diff ·")
    time.sleep(0.5)  # focus returns to the list a frame after the screen is shown
    # the row of nr 14, under the draft and the demo's unapproved change (and its commit)
    t.keys("Down", "Down", "Down", "Enter")
    shown = t.wait_for("käskkiri nr 23 (12.02.2024)  →  käskkiri nr 14 (15.01.2026)")
    assert "struktuuriüksus" in shown

    t.keys("q")
    end = time.monotonic() + 15
    while not status.exists() and time.monotonic() < end:
        time.sleep(0.1)
    assert status.read_text().strip() == "0"
    assert "Traceback" not in t.screen()


def test_ctrl_e_hands_the_terminal_to_the_editor_and_reads_the_file_again(tmp_path, terminal):
    from tests.helpers.tui import SAMPLE, workspace

    ajtui = Path(sys.executable).parent / "ajtui"
    if not ajtui.exists():
        pytest.skip("the ajtui command is not installed in this environment")
    ws = workspace(tmp_path)
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\necho EXTERNAL EDITOR OPEN\nsleep 1\nprintf '# lisatud väljas\\n' >> \"$1\"\n",
        encoding="utf-8",
    )
    editor.chmod(0o755)
    env = {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "EDITOR": str(editor),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }
    command = (
        " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        + f" {shlex.quote(str(ajtui))} {shlex.quote(str(ws / 'koordinaator.aj'))}; sleep 30"
    )
    t = terminal
    t.start("env -i " + command)
    t.wait_for("AMETIJUHEND")
    t.keys("e")
    t.wait_for("Edit · koordinaator.aj")
    t.keys("C-e")
    t.wait_for("EXTERNAL EDITOR OPEN", timeout=10)
    t.wait_for("Read koordinaator.aj again", "Edit · koordinaator.aj")
    assert (ws / "koordinaator.aj").read_text(encoding="utf-8") == SAMPLE.read_text(
        encoding="utf-8"
    ) + "# lisatud väljas\n"
    t.keys("C-q")
    t.wait_for(absent="Edit ·", timeout=10)  # quit: nothing unsaved
