"""Import Lark without the `regex` module. Lark imports `regex` whenever it is installed
(it would use it only for `Lark(regex=True)`, which ajtui never asks for), and ajtui
installs it for user patterns (`ajtui.base.patterns`): without this, every parse would pay
for loading it at start-up. Import this module before the first `import lark`."""

from __future__ import annotations

import sys

if "lark" not in sys.modules and "regex" not in sys.modules:
    sys.modules["regex"] = None  # type: ignore[assignment]  # `import regex` fails
    try:
        import lark
        import lark.utils  # noqa: F401  (the module that tries `import regex`)
    finally:
        del sys.modules["regex"]
