"""`aj merge BASE OURS THEIRS [PATH]`: git's merge driver for .aj files (set up by `aj
git-setup`: `merge.aj.driver = aj merge %O %A %B %P`). A three-way merge on the
description (ajtui.ops.merge): independent changes merge even where lines overlap (a duty
inserted and the list renumbered on one side, another duty reworded on the other). The
result is written over OURS, as git expects. Exit 0: merged; 1: conflicts, each part
written between git's conflict markers and listed on stderr. A side that does not parse is
merged line by line by `git merge-file`, as git would have done."""

from __future__ import annotations

ORDER = 82


def add(sub) -> None:
    p = sub.add_parser(
        "merge",
        help="three-way merge of a description (git's merge driver)",
        description="Merge THEIRS' changes since BASE into OURS, by sections, fields, "
        "duties and results rather than lines, and write the result over OURS. Exit 0 "
        "when merged, 1 when there are conflicts (marked as git marks them, and listed).",
    )
    p.add_argument("base", metavar="BASE")
    p.add_argument("ours", metavar="OURS", help="written with the result")
    p.add_argument("theirs", metavar="THEIRS")
    p.add_argument("path", metavar="PATH", nargs="?", help="the file's name in the repository")
    p.add_argument(
        "--ours-label", metavar="NAME", help="default: the current branch during a git merge"
    )
    p.add_argument(
        "--theirs-label", metavar="NAME", help="default: the branch being merged, as git names it"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text
    from ajtui.base.safetext import safe_line
    from ajtui.base.writing import write_atomic
    from ajtui.cli.common import err
    from ajtui.ops.edit import EditError
    from ajtui.ops.merge import merge_texts, with_markers

    name = args.path or args.ours
    if args.ours_label is None or args.theirs_label is None:
        ours_label, theirs_label = _branch_names()
        args.ours_label = args.ours_label or ours_label
        args.theirs_label = args.theirs_label or theirs_label
    try:
        base, ours, theirs = (read_text(p) for p in (args.base, args.ours, args.theirs))
    except AjError as e:
        err(f"aj merge: {e.one_line()}; merged line by line")
        return _line_merge(args)
    from ajtui.format.conflicts import has_markers

    marked = [w for w, t in (("base", base), ("ours", ours), ("theirs", theirs)) if has_markers(t)]
    if marked:
        # a side that is itself unresolved: its markers are no description to merge
        err(f"aj merge: {safe_line(name)}: {marked[0]} has conflict markers; merged line by line")
        return _line_merge(args)
    try:
        text, merge = merge_texts(base, ours, theirs, path=name)
    except (AjError, EditError) as e:
        why = e.one_line() if isinstance(e, AjError) else str(e)
        err(f"aj merge: {safe_line(why)}; merged line by line")
        return _line_merge(args)
    for kind in merge.renumbered:
        err(f"aj merge: {safe_line(name)}: {kind}: both sides numbered duties; numbered again")
    if merge.clean:
        if text != ours:
            write_atomic(args.ours, text)
        return 0
    write_atomic(args.ours, with_markers(text, merge, args.ours_label, args.theirs_label))
    for c in merge.conflicts:
        err(f"{safe_line(name)}: conflict: {safe_line(c.path)}: {_WHAT[c.what]}")
    n = len(merge.conflicts)
    err(f"aj merge: {safe_line(name)}: {n} conflict{'s' if n != 1 else ''}; resolve, then git add")
    return 1


_WHAT = {
    "text": "both sides changed it differently",
    "edited-deleted": "ours changed it, theirs deleted it",
    "deleted-edited": "ours deleted it, theirs changed it",
    "added": "both sides added it differently",
}


def _branch_names() -> tuple[str, str]:
    """(ours, theirs) as git names them in a merge: the current branch, and the branch
    being merged (git passes its name as GITHEAD_<commit>); else "ours" and "theirs"."""
    import os
    import subprocess

    done = subprocess.run(
        ["git", "symbolic-ref", "--short", "-q", "HEAD"], capture_output=True, text=True
    )
    ours = done.stdout.strip() if done.returncode == 0 else ""
    named = [v for k, v in os.environ.items() if k.startswith("GITHEAD_") and v]
    return ours or "ours", named[0] if len(named) == 1 else "theirs"


def _line_merge(args) -> int:
    """git merge-file, as git merges text: 0 merged, 1 conflicts."""
    import subprocess

    done = subprocess.run(
        [
            "git",
            "merge-file",
            "-L",
            args.ours_label,
            "-L",
            "base",
            "-L",
            args.theirs_label,
            args.ours,
            args.base,
            args.theirs,
        ],
        check=False,
    )
    return 0 if done.returncode == 0 else 1
