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
    p.add_argument(
        "--similar",
        action="store_true",
        help="OLD is a whole wording: every part (a duty, result, item, competency …) "
        "whose wording is the same or nearly the same (see `aj where-used`) becomes NEW. "
        "Lists the variants found, each with its files and similarity, and writes "
        "nothing without --apply; --dry-run also shows each file's diff",
    )
    p.add_argument(
        "--min-similarity",
        type=_share,
        default=None,
        metavar="S",
        help="with --similar: how alike a wording must be, 0.3 to 1 (default 0.8)",
    )
    p.add_argument("--apply", action="store_true", help="with --similar: write the changes")
    from ajtui.cli._edits import add_common

    add_common(p)
    p.set_defaults(func=run)


def _share(text: str) -> float:
    from ajtui.cli.where_used import _share as share

    return share(text)


def run(args) -> int:
    from ajtui.cli import UsageError
    from ajtui.cli._edits import files_or_usage, run_edits
    from ajtui.ops.paths import QueryError, parse_path

    if not args.old.strip():
        raise UsageError("OLD is empty: nothing to look for")
    if args.similar:
        return _similar(args)
    if args.apply or args.min_similarity is not None:
        raise UsageError("--apply and --min-similarity go with --similar")
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


def _similar(args) -> int:
    """`aj replace --similar OLD NEW PATH…`: the variants of OLD, grouped; with --dry-run
    each file's diff; with --apply the files written."""
    from ajtui.cli import UsageError
    from ajtui.cli._edits import files_or_usage, run_edits
    from ajtui.cli.common import err
    from ajtui.ops.wordings import DEFAULT_THRESHOLD, is_group_path, matching_units, variants
    from ajtui.store.wordindex import load_index

    if args.regex or args.ignore_case or args.field:
        raise UsageError("--similar compares whole wordings: no --regex, -i or --field")
    if args.apply and args.dry_run:
        raise UsageError("--apply writes, --dry-run does not: give one")
    t = args.min_similarity if args.min_similarity is not None else DEFAULT_THRESHOLD
    files = files_or_usage(args.paths, "replace")
    index = load_index(files, warn=err)
    # a competency group's items joined are found too, but only single texts are set
    found = [p for p in index.where_used(args.old, t) if not is_group_path(p.path)]
    if not found:
        err(f"no wording like {args.old!r} (similarity {t:.2f} or more)")
        return 0
    groups = variants(found)
    _show_variants(groups)
    if not (args.apply or args.dry_run):
        n = len({p.file for p in found})
        err(
            f"{len(groups)} variant{'s' * (len(groups) != 1)} in {n} "
            f"file{'s' * (n != 1)}; nothing written: --dry-run shows the diffs, --apply writes"
        )
        return 0
    order = {f: n for n, f in enumerate(files)}
    targets = sorted({p.file for p in found}, key=order.__getitem__)
    total = 0

    def edit(ed):
        nonlocal total
        n = 0
        for unit, _sim in list(matching_units(ed.doc, args.old, t)):
            n += ed.set(unit.path, args.new)
        total += n
        return f"{n} wording{'s' if n != 1 else ''} replaced" if n else None

    return run_edits(targets, edit, dry_run=args.dry_run, width=args.width, lines=args.line_diff)


def _show_variants(groups) -> None:
    """Each variant: its similarity, wording and files (on stderr: stdout holds the diffs)."""
    from ajtui.cli.common import err

    for n, v in enumerate(groups, 1):
        files = v.files
        err(
            f"variant {n}: similarity {v.similarity:.2f}, {len(v.places)} place"
            f"{'s' * (len(v.places) != 1)} in {len(files)} file{'s' * (len(files) != 1)}"
        )
        err(f"  {v.text}")
        for p in v.places:
            err(f"    {p.file}:{p.line}  {p.path}")
