"""`aj diff OLD_DIR NEW_DIR` and `aj diff DIR@REV`: every description of two folders, and
the duties moved across files (ajtui.ops.crossdiff)."""

from __future__ import annotations

import os


def _folder_texts(spec: str, state, fail) -> tuple[dict[str, str], str]:
    """(relative path → text, label) of a folder on disk or DIR@REV."""
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text
    from ajtui.cli.common import err, expand

    if not os.path.isdir(spec) and "@" in spec:
        folder, rev = spec.rsplit("@", 1)
        folder = folder or "."
        if not rev:
            raise fail(f"{spec}: expected DIR@REV")
        if rev.lower() not in ("draft", "mustand", "working"):
            return state.history(folder).folder_texts(folder, rev), f"{folder}@{rev}"
        spec = folder
    if not os.path.isdir(spec):
        raise fail(f"{spec}: not a folder (compare a folder with a folder, or DIR@REV)")
    out: dict[str, str] = {}
    for path in expand([spec]):
        rel = os.path.relpath(path, spec).replace(os.sep, "/")
        try:
            out[rel] = read_text(path)
        except AjError as e:
            err(f"aj diff: warning: {e.one_line()}; left out")
    return out, spec


def folders(args, state, fail, console, render) -> int:
    """`console()` makes the console, `render(args, con, diff)` prints one diff."""
    from ajtui.base.safetext import safe
    from ajtui.ops.crossdiff import diff_sets
    from ajtui.present.blocks import Rule
    from ajtui.present.styled import Text

    if args.new is None:
        if "@" not in args.old or os.path.isdir(args.old):
            raise fail(
                f"{args.old}: a folder is compared with another (aj diff OLD_DIR NEW_DIR) "
                "or with itself at a revision (aj diff DIR@REV)"
            )
        new_spec = args.old.rsplit("@", 1)[0] or "."
    else:
        new_spec = args.new
    old, old_label = _folder_texts(args.old, state, fail)
    new, new_label = _folder_texts(new_spec, state, fail)
    result = diff_sets(old, new, old_label=old_label, new_label=new_label)
    for f in result.files:
        for e in f.diff.errors:
            from ajtui.cli.common import err

            err(f"aj diff: warning: {e}; compared line by line")
    code = 0 if result.identical else 1
    if args.quiet:
        return code
    if args.format == "json":
        from ajtui.cli.common import dump_json

        dump_json(result.to_json(), indent=2)
        return code
    con = console()
    for f in result.files:
        if f.status == "unchanged":
            continue
        con.print(Rule(style="dim"))
        head = Text(safe(f"{f.old_file} → {f.file}" if f.old_file else f.file), style="bold")
        head.append(f"  {f.status}", style="dim")
        con.print(head, soft_wrap=True)
        if f.status in ("changed", "renamed") and not f.diff.identical:
            render(args, con, f.diff)
        else:
            con.print(Text(safe(f.diff.summary_line())), soft_wrap=True)
    if result.moves:
        con.print(Rule(style="dim"))
        print_moves(con, result.moves)
    con.print(Text(safe(result.summary_line()), style="bold"), soft_wrap=True)
    return code


def print_moves(con, moves) -> None:
    """Each duty moved across files: from where to where, and its word changes."""
    from ajtui.base.safetext import safe
    from ajtui.present.styled import Text

    n = len(moves)
    markers = con.color_system is None
    con.print(Text(f"{n} dut{'ies' if n != 1 else 'y'} moved across files", style="bold"))
    for c in moves:
        head = Text("> ", style="magenta")
        head.append(safe(f"{c.old_file} {c.old_path}"))
        head.append(" → ", style="magenta")
        head.append(safe(f"{c.file} {c.path}"))
        con.print(head, soft_wrap=True)
        body = Text("  ")
        for op, old, new in c.words:
            if op == "equal":
                body.append(safe(new))
            if op in ("delete", "replace"):
                body.append(f"[-{safe(old)}-]" if markers else safe(old), style="red strike")
            if op in ("insert", "replace"):
                body.append(f"{{+{safe(new)}+}}" if markers else safe(new), style="green")
        if not c.words:
            body.append(safe(c.new or ""))
        con.print(body)
