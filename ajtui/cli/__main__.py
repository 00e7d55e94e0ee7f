"""`python -m ajtui.cli …` runs `aj …` (what `aj git-setup` writes when `aj` is not on PATH)."""

from . import run

run()
