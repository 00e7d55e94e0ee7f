"""`aj set PATH=VALUE [--where EXPR] FILE…`: set one part of many descriptions."""

from __future__ import annotations

ORDER = 55


def add(sub) -> None:
    p = sub.add_parser(
        "set",
        help="set a field, a duty or a result in many descriptions",
        description="Set the text at PATH (e.g. 'üldosa.vahetu juht', 'ülesanded[3.5]', "
        "'ülesanded[3.5].tulemused[2]') in each FILE; a missing field is added "
        "to its section. Every other byte of each file stays as it was; writes "
        "are atomic. VALUE is verbatim (a newline in it is a line break). Exit 0 "
        "done, 1 when a file could not be read or changed, 2 on usage.",
    )
    p.add_argument("assignment", metavar="PATH=VALUE")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument(
        "--where", metavar="EXPR", help="only descriptions matching this `aj query` expression"
    )
    from ajtui.cli._edits import add_common

    add_common(p)
    p.set_defaults(func=run)


def split_assignment(text: str) -> tuple[str, str]:
    """'üldosa.vahetu juht=Tiimijuht' -> (path, value): the first '=' outside [] and quotes."""
    depth, quote = 0, None
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth = max(0, depth - 1)
        elif c == "=" and depth == 0:
            return text[:i].strip(), text[i + 1 :]
    if "=" in text:  # an unclosed bracket or quote: the path parser says where
        path, _, value = text.partition("=")
        return path.strip(), value
    raise ValueError("expected PATH=VALUE, e.g. 'vahetu juht=Tiimijuht'")


def run(args) -> int:
    from ajtui.cli import UsageError
    from ajtui.cli._edits import files_or_usage, run_edits
    from ajtui.ops.paths import QueryError, parse_path
    from ajtui.ops.query import compile_query

    try:
        path, value = split_assignment(args.assignment)
        parse_path(path)
        where = compile_query(args.where) if args.where else None
    except QueryError as e:
        raise UsageError(str(e)) from None
    except ValueError as e:
        raise UsageError(str(e)) from None
    files = files_or_usage(args.paths, "set")

    def edit(ed):
        if where is not None and not where(ed.doc):
            return None
        n = ed.set(path, value)
        return f"set {path}" + (f" ({n} parts)" if n > 1 else "")

    return run_edits(files, edit, dry_run=args.dry_run, width=args.width, lines=args.line_diff)
