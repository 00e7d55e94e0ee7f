"""`aj resolve FILE --take ours|theirs [--conflict K]`: settle merge conflicts by a side.

A conflicted description (git's markers around a part, as `aj merge` writes them; see the
format's "Merge conflicts") has each conflict replaced by the side taken: all of them, or
the K-th (1-based, in file order; the option repeats). The result is written only if it
parses; what remains is printed. Exit 0 done, 1 when the file could not be read, has no
such conflict, or would not parse."""

from __future__ import annotations

ORDER = 83


def add(sub) -> None:
    p = sub.add_parser(
        "resolve",
        help="settle a description's merge conflicts by taking one side",
        description="Replace the merge conflicts of FILE (git's <<<<<<< ======= >>>>>>> "
        "markers) by ours' or theirs' side: all of them, or those given with --conflict "
        "(1-based, in file order). Written only if the result parses; prints what remains. "
        "Then `git add FILE` marks it resolved.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--take",
        required=True,
        choices=("ours", "theirs"),
        help="ours: the current branch's side (above =======); theirs: the merged branch's",
    )
    p.add_argument(
        "--conflict",
        metavar="K",
        type=int,
        action="append",
        help="only the K-th conflict (1-based; repeat for more); default: all",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.base.errors import AjError
    from ajtui.base.reading import MAX_FILE_BYTES
    from ajtui.base.safetext import safe_line
    from ajtui.base.writing import ChangedOnDisk, locked
    from ajtui.cli.common import err, say
    from ajtui.format import conflicts as cf
    from ajtui.format.parser import loads

    name = safe_line(args.file)
    try:
        with locked(args.file) as target:
            before = target.read(missing_ok=False)
            found, _ = cf.find(before, args.file)
            if not found:
                say(f"{args.file}: no merge conflicts")
                return 0
            wanted = args.conflict or list(range(1, len(found) + 1))
            bad = [k for k in wanted if not 1 <= k <= len(found)]
            if bad:
                err(
                    f"{name}: error: no conflict {bad[0]}: the file has {len(found)} "
                    f"(1–{len(found)})"
                )
                return 1
            after = cf.resolve(before, {k - 1: args.take for k in wanted})
            try:
                loads(after, path=args.file)
            except AjError as e:
                err(
                    f"{name}: error: taking {args.take} would leave a file that does not "
                    f"parse ({safe_line(e.one_line())}); left as it is"
                )
                return 1
            target.write(after, expected=before, limit=MAX_FILE_BYTES)
    except ChangedOnDisk:
        err(f"{name}: error: changed on disk meanwhile; left as it is")
        return 1
    except AjError as e:
        err(e.one_line())
        return 1
    except OSError as e:
        err(f"{name}: error: cannot write: {e.strerror or e}")
        return 1
    for k in sorted(set(wanted)):
        c = found[k - 1]
        label = c.ours_label if args.take == "ours" else c.theirs_label
        side = f"{args.take} ({label})" if label else args.take
        say(f"{args.file}: conflict {k} (lines {c.start_line}–{c.end_line}): took {side}")
    left, _ = cf.find(after)
    if left:
        where = ", ".join(str(c.start_line) for c in left)
        say(
            f"{args.file}: {len(left)} conflict{'s remain' if len(left) != 1 else ' remains'} "
            f"(at line{'s' if len(left) != 1 else ''} {where})"
        )
    else:
        say(f"{args.file}: no conflicts remain; `git add` it to mark it resolved")
    return 0
