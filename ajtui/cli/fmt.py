"""`aj fmt [--check] [--diff] PATH…`: write the canonical form, never changing a word."""

from __future__ import annotations

ORDER = 20


def add(sub) -> None:
    p = sub.add_parser(
        "fmt",
        help="rewrite descriptions in canonical form",
        description="Rewrite .aj files in canonical form. The result is parsed "
        "again and compared with the original before anything is "
        "written; the write is atomic. Exit 1 with --check when a "
        "file would change.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--check", action="store_true", help="only report files that would change")
    p.add_argument("--diff", action="store_true", help="show the changes, write nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    from contextlib import nullcontext

    from ajtui.base.errors import AjError
    from ajtui.base.reading import MAX_FILE_BYTES, read_text
    from ajtui.base.writing import ChangedOnDisk, NotRegular, locked
    from ajtui.cli.common import data, err, expand, say
    from ajtui.format.parser import loads
    from ajtui.format.writer import UnwritableText, dumps

    failed = changed = 0
    files = list(expand(args.paths))
    if not files:
        err("aj fmt: no .aj files found")
        return 2
    writes = not (args.check or args.diff)
    for path in files:
        try:
            # read, format and write under the file's lock: an `aj set` running at the same
            # time lands before or after, never in between
            with locked(path) if writes else nullcontext() as target:
                try:
                    before = target.read(missing_ok=False) if target else read_text(path)
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
                if target:
                    target.write(after, expected=before, limit=MAX_FILE_BYTES)
        except ChangedOnDisk:
            err(f"{path}: error: changed on disk while being formatted; left as it is")
            failed += 1
            continue
        except (OSError, AjError) as e:
            why = getattr(e, "strerror", None) or e
            # a FIFO or a link loop is not read either: no "cannot write" for it
            err(
                f"{path}: error: {why}"
                if isinstance(e, NotRegular)
                else f"{path}: error: cannot write: {why}"
            )
            failed += 1
            continue
        changed += 1
        if args.diff:
            import difflib

            data(
                "".join(
                    difflib.unified_diff(
                        before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}"
                    )
                )
            )
        elif args.check:
            say(f"would reformat {path}")
        else:
            say(f"formatted {path}")
    if failed:
        return 1
    if (args.check or args.diff) and changed:
        return 1
    return 0
