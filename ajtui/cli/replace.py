"""`aj replace OLD NEW [--field PATH] [--regex] FILE…`: change a wording everywhere."""

from __future__ import annotations

ORDER = 56


def add(sub) -> None:
    p = sub.add_parser(
        "replace",
        help="replace a wording in many descriptions",
        description="Replace OLD by NEW in the text of each FILE (field values, duties, "
        "results, paragraphs, items, headings; not field names, duty numbers or "
        "comments). Matching is case-sensitive; a space in OLD also matches the "
        "author's line break, so a name wrapped over two lines is found, and the "
        "replacement keeps the line break where it can. Only the lines that held "
        "a match change; writes are atomic. Exit 0 done, 1 when a file could not "
        "be read or changed, 2 on usage.",
    )
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument(
        "--field",
        metavar="PATH",
        help="only under this path, e.g. 'üldosa.struktuuriüksus' or 'ülesanded'",
    )
    p.add_argument(
        "--regex",
        "-E",
        action="store_true",
        help="OLD is a Python regular expression (line breaks read as spaces); "
        "NEW may use \\1 or \\g<name>",
    )
    p.add_argument("--ignore-case", "-i", action="store_true", help="ignore case in OLD")
    from ajtui.cli._edits import add_common

    add_common(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.cli import UsageError
    from ajtui.cli._edits import files_or_usage, run_edits
    from ajtui.ops.paths import QueryError, parse_path

    if not args.old.strip():
        raise UsageError("OLD is empty: nothing to look for")
    if args.regex:
        from ajtui.base.patterns import PatternError, check_template, compile_user

        try:  # the pattern and the replacement, before any file is read
            check_template(compile_user(args.old, ignore_case=args.ignore_case), args.new)
        except PatternError as e:
            raise UsageError(str(e)) from None
    if args.field:
        try:
            parse_path(args.field)
        except QueryError as e:
            raise UsageError(str(e)) from None
    files = files_or_usage(args.paths, "replace")
    total = 0

    def edit(ed):
        nonlocal total
        n = ed.replace(
            args.old, args.new, regex=args.regex, ignore_case=args.ignore_case, field=args.field
        )
        total += n
        return f"{n} replacement{'s' if n != 1 else ''}" if n else None

    code = run_edits(files, edit, dry_run=args.dry_run, width=args.width, lines=args.line_diff)
    if total == 0 and code == 0:
        from ajtui.cli.common import err

        err(f"no match for {args.old!r}")
    return code
