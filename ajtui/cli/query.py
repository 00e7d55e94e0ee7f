"""`aj query EXPR PATH…`: which descriptions match, and the values that matched."""

from __future__ import annotations

ORDER = 50


def add(sub) -> None:
    p = sub.add_parser(
        "query",
        help="find descriptions by their fields, duties and language levels",
        description="List the descriptions matching EXPR, with the parts that matched. "
        'EXPR: PATH = "text" (equal, ignoring case and line breaks), '
        'PATH ~ "regex" (case-insensitive search; on a section its whole text), '
        "PATH >= B2 (language levels, also dates dd.mm.yyyy and numbers), PATH "
        "alone (it exists), combined with and, or, not and parentheses. PATH: "
        "'vahetu juht', 'üldosa.struktuuriüksus', 'ülesanded[3.5].tulemused[2]', "
        "'keeleoskus.vene' (the level the wording requires). Exit 0 when "
        "something matched, 1 when nothing did, 2 on errors.",
    )
    p.add_argument("expression", metavar="EXPR")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument(
        "-l",
        "--files-with-matches",
        action="store_true",
        help="print only the names of matching files",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.base.errors import AjError
    from ajtui.base.patterns import gives_up, stopped_message
    from ajtui.cli import UsageError
    from ajtui.cli.common import err, expand
    from ajtui.format.parser import load
    from ajtui.ops.paths import QueryError, select
    from ajtui.ops.query import compile_query

    try:
        query = compile_query(args.expression)
    except QueryError as e:
        raise UsageError(str(e)) from None
    files = list(expand(args.paths))
    if not files:
        raise UsageError("no .aj files found")
    results = []
    failed = 0
    seen_paths: dict[str, bool] = {c.path_text: False for c in query.comparisons()}
    for index, path in enumerate(files):
        try:
            doc = load(path)
        except AjError as e:
            err(e.one_line())
            failed += 1
            continue
        try:
            match = query.match(doc)
            for c in query.comparisons():
                if not seen_paths[c.path_text] and select(doc, c.path, _text=c.source):
                    seen_paths[c.path_text] = True
        except QueryError as e:
            err(f"{path}: error: {e.one_line()}")
            failed += 1
            slow = gives_up(e)
            if slow is not None:
                left = len(files) - index - 1
                failed += left
                err(f"aj query: {stopped_message(slow, left)}")
                break
            continue
        if match:
            results.append((path, match.targets))
    if failed < len(files):
        _notes(seen_paths, err)
    _print(results, args)
    if failed:
        return 2
    return 0 if results else 1


def _notes(seen: dict[str, bool], err) -> None:
    """A path that named nothing in any file is often a typo: say so, with a suggestion."""
    import difflib

    from ajtui.format import vocabulary

    known = sorted(
        {
            *vocabulary.SECTION_KEYWORDS.values(),
            *(k for keys in vocabulary.FIELD_KEYS.values() for k in keys),
        }
    )
    for path, found in seen.items():
        if found:
            continue
        first = path.split(".")[0].split("[")[0].strip().strip("\"'")
        close = difflib.get_close_matches(first.lower(), known, n=1, cutoff=0.75)
        hint = f" (did you mean '{close[0]}'?)" if close and close[0] != first.lower() else ""
        err(f"note: '{path}' named nothing in any file{hint}")


def _rows(results):
    for path, targets in results:
        if not targets:
            yield path, "", 0, "", ""
        seen = set()
        for t in targets:
            if t.path in seen:
                continue
            seen.add(t.path)
            yield path, t.path, t.line, t.text, (t.language.wording if t.language else "")


def _print(results, args) -> None:
    from ajtui.cli.common import data, dump_json

    if args.files_with_matches:
        data("".join(path + "\n" for path, _ in results))
        return
    if args.format == "json":
        out = [
            {
                "file": path,
                "matches": [
                    {
                        "path": p,
                        "line": line,
                        "value": value,
                        **({"wording": wording} if wording else {}),
                    }
                    for _, p, line, value, wording in _rows([(path, targets)])
                    if p
                ],
            }
            for path, targets in results
        ]
        dump_json(out, indent=2)
        return
    if args.format == "csv":
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["file", "path", "line", "value"])
        for row in _rows(results):
            w.writerow([row[0], row[1], row[2] or "", row[3]])
        data(buf.getvalue())
        return
    if not results:
        return
    from rich.table import Table
    from rich.text import Text

    from ajtui.base.safetext import safe
    from ajtui.cli.common import stdout_console

    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("file", overflow="fold")
    table.add_column("path", overflow="fold")
    table.add_column("line", justify="right")
    table.add_column("value", overflow="fold")
    for file, p, line, value, wording in _rows(results):
        if wording:
            value = f"{value} · {wording}"
        shown = value if len(value) <= 160 else value[:159] + "…"
        table.add_row(Text(safe(file)), Text(safe(p)), str(line or ""), Text(safe(shown)))
    stdout_console().print(table)
