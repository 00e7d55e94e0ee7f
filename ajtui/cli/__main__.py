"""`python -m ajtui.cli …` runs `aj …` (what `aj git-setup` writes when `aj` is not on PATH)."""

from ajtui.cli import run

run()
