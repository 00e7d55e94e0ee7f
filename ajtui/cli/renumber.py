"""`aj renumber FILE… [--section ülesanded]`: number the duties again, in order."""

from __future__ import annotations

ORDER = 57


def add(sub) -> None:
    p = sub.add_parser(
        "renumber",
        help="number the duties again (the one way numbers change)",
        description="Number the duties of each FILE again in order: <section number>.1, .2 "
        "… (one level deeper: .1.1 …). Each number keeps its style (a trailing "
        "dot stays). Nothing else renumbers duties; only the changed number lines "
        "change. Exit 0 done, 1 when a file could not be read or changed.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument(
        "--section",
        metavar="SECTION",
        default=None,
        help="the duty section: its keyword (ülesanded) or its number (3); "
        "default every duty section",
    )
    from ajtui.cli._edits import add_common

    add_common(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.cli._edits import files_or_usage, run_edits

    files = files_or_usage(args.paths, "renumber")

    def edit(ed):
        changes = ed.renumber(args.section)
        if not changes:
            return None
        shown = ", ".join(f"{a} → {b}" for a, b in changes[:6])
        more = f" and {len(changes) - 6} more" if len(changes) > 6 else ""
        return f"renumbered {shown}{more}"

    return run_edits(files, edit, dry_run=args.dry_run, width=args.width, lines=args.line_diff)
