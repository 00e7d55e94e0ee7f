"""Text from a file made safe to print: control characters shown, never sent (no imports
beyond `re`, so plain-text output need not load Rich for it)."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Control characters (ESC and friends) as visible `\\xNN`; nothing reaches the terminal
    as a control sequence."""
    return _CONTROL.sub(lambda mo: f"\\x{ord(mo.group()):02x}", text)
