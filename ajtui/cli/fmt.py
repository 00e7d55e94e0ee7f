"""`aj fmt [--check] [--diff] PATH…`: write the canonical form, never changing a word."""

from __future__ import annotations

import sys

ORDER = 20


def add(sub) -> None:
    p = sub.add_parser("fmt", help="rewrite descriptions in canonical form",
                       description="Rewrite .aj files in canonical form. The result is parsed "
                                   "again and compared with the original before anything is "
                                   "written; the write is atomic. Exit 1 with --check when a "
                                   "file would change.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--check", action="store_true", help="only report files that would change")
    p.add_argument("--diff", action="store_true", help="show the changes, write nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..parser import AjError, loads, read_text
    from ..writer import UnwritableText, dumps, write_atomic
    from .common import err, expand

    failed = changed = 0
    files = list(expand(args.paths))
    if not files:
        err("aj fmt: no .aj files found")
        return 2
    for path in files:
        try:
            before = read_text(path)
            doc = loads(before, path=path)
            after = dumps(doc)
            if loads(after) != doc:
                raise UnwritableText("the canonical form would not read back the same")
        except AjError as e:
            err(e.one_line())
            failed += 1
            continue
        except UnwritableText as e:
            err(f"{path}: error: cannot format: {e}")
            failed += 1
            continue
        if before == after:
            continue
        changed += 1
        if args.diff:
            import difflib

            sys.stdout.writelines(difflib.unified_diff(
                before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}"))
        elif args.check:
            print(f"would reformat {path}")
        else:
            write_atomic(path, after)
            print(f"formatted {path}")
    if failed:
        return 1
    if (args.check or args.diff) and changed:
        return 1
    return 0
