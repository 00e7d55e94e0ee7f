"""`ajtui [PATH]` — placeholder until the app lands: shows the descriptions with `aj show`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ..cli import main as aj

    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("-")] or ["descriptions"]
    from ..cli.common import expand

    code = 0
    for f in expand(paths):
        code |= aj(["show", f])
    return code


if __name__ == "__main__":
    sys.exit(main())
