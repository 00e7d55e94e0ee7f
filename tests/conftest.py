import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# Tests never depend on the user's terminal or config.
os.environ.setdefault("COLUMNS", "100")


@pytest.fixture
def sample_text() -> str:
    return (FIXTURES / "valid" / "sample.aj").read_text(encoding="utf-8")


def run_aj(*args: str, cwd=None, input: str | None = None):
    """Run the real `aj` in a subprocess, as a user would."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "ajtui.cli", *args], capture_output=True,
                          text=True, cwd=cwd, input=input, timeout=120,
                          env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"})
