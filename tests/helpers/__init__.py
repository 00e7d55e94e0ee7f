"""Helpers shared by the tests and the benchmarks: the repository's folders and `aj` run as
a user runs it. The modules beside this one hold the rest:

- `cases`: the loader of cases kept as data (tests/fixtures/cases/*.txt, import golden files);
- `history`: scripted git repositories with fixed dates;
- `tui`: workspaces, the demo repository and the app under Pilot;
- `tmux`: a real terminal for the end-to-end tests;
- `pdf` and `import_layouts`: PDF and Word sources made at test time;
- `diff_reference`: the frozen diff the fast one is compared with;
- `corpus` (with `template.aj`): generated descriptions, for the benchmarks and the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def run_aj(
    *args: str, cwd: str | Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `aj` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "ajtui.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
        timeout=120,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )
