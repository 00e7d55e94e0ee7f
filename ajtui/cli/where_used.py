"""`aj where-used [--duty FILE#3.4 | --competency NAME | TEXT] [PATH…]`: every description
and place with the same or nearly the same wording."""

from __future__ import annotations

ORDER = 52


def add(sub) -> None:
    p = sub.add_parser(
        "where-used",
        help="find the same or nearly the same wording in many descriptions",
        description="List every description and place (an `aj query` path and the line) "
        "whose wording is the same as TEXT, as duty 3.4 of FILE (--duty FILE#3.4) or as "
        "the competency NAME (--competency: every competency of that name, and every "
        "wording like its most common one), or nearly the same. Similarity is the diff's "
        "word similarity: the share of equal word tokens (punctuation counts, case "
        "matters), 1.00 the same wording. PATH: files and folders (default: the current "
        "folder). An index of the files is kept in the cache, so a second search reads "
        "and parses nothing that did not change. Exit 0 when found, 1 when not, 2 on "
        "errors.",
    )
    p.add_argument("text", metavar="TEXT", nargs="?", help="the wording to look for")
    p.add_argument("paths", nargs="*", metavar="PATH")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--duty", metavar="FILE#N", help="the wording of duty N of FILE")
    what.add_argument("--competency", metavar="NAME", help="a competency by its name")
    p.add_argument("--exact", action="store_true", help="only the same wording (similarity 1)")
    p.add_argument(
        "--min-similarity",
        type=_share,
        default=None,
        metavar="S",
        help="how alike a wording must be, 0.3 to 1 (default 0.8)",
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the index")
    p.set_defaults(func=run)


def _share(text: str) -> float:
    import argparse

    try:
        v = float(text)
    except ValueError:
        v = -1.0
    if not 0.3 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0.3 to 1, found {text!r}")
    return v


def threshold(args) -> float:
    from ajtui.ops.wordings import DEFAULT_THRESHOLD

    if args.exact:
        return 1.0
    return args.min_similarity if args.min_similarity is not None else DEFAULT_THRESHOLD


def duty_text(spec: str) -> str:
    """The text of duty N of FILE, from `FILE#N` (UsageError when there is none)."""
    from ajtui.base.errors import AjError
    from ajtui.cli import UsageError
    from ajtui.format import model as m
    from ajtui.format.parser import load

    file, hash_, number = spec.rpartition("#")
    if not hash_ or not file or not number.strip():
        raise UsageError(f"--duty {spec}: expected FILE#NUMBER, e.g. koordinaator.aj#3.4")
    try:
        doc = load(file)
    except AjError as e:
        raise UsageError(e.one_line()) from None
    want = number.strip().rstrip(".")
    for sec in doc.sections:
        if isinstance(sec, m.DutySection):
            for d in sec.duties:
                if d.number.rstrip(".") == want:
                    return d.text
    raise UsageError(f"{file}: no duty {want}")


def find(args, index):
    """(what was looked for, the places), as the arguments ask."""
    from ajtui.cli import UsageError

    t = threshold(args)
    if args.competency is not None:
        reference, found = index.competency(args.competency, t)
        return reference, found
    query = duty_text(args.duty) if args.duty is not None else args.text
    if not query or not query.strip():
        raise UsageError("give TEXT, --duty FILE#N or --competency NAME")
    return query, index.where_used(query, t)


def run(args) -> int:
    from ajtui.cli.common import dump_json, err
    from ajtui.ops.words import flow
    from ajtui.store.wordindex import load_index, stamped_files

    paths = list(args.paths)
    if args.text is not None and (args.duty is not None or args.competency is not None):
        paths.insert(0, args.text)  # with --duty or --competency every word is a PATH
        args.text = None
    files, stamps = stamped_files(paths or ["."], err)
    if not files:
        err("aj where-used: no .aj files found")
        return 2
    index = load_index(files, cache=not args.no_cache, warn=err, stamps=stamps)
    query, found = find(args, index)
    if args.format == "json":
        dump_json(
            {
                "query": flow(query),
                "threshold": threshold(args),
                "files": len(files),
                "matches": [p.to_json() for p in found],
            },
            indent=2,
        )
        return 0 if found else 1
    if args.competency is not None and not query:
        err(f"aj where-used: no competency called {args.competency!r}")
        return 1
    if not found:
        err("aj where-used: no such wording")
        return 1
    _table(found)
    n = len({p.file for p in found})
    err(f"{len(found)} place{'s' * (len(found) != 1)} in {n} description{'s' * (n != 1)}")
    return 0


def _table(found) -> None:
    """One line per place: similarity, file:line, path, the wording (plain lines: a
    wording used in thousands of descriptions prints at once)."""
    import sys

    from ajtui.base.safetext import safe_line

    width = max(len(f"{p.file}:{p.line}") for p in found)
    pw = max(len(p.path) for p in found)
    out = [
        safe_line(
            f"{p.similarity:.2f}  {p.file + ':' + str(p.line):<{width}}  {p.path:<{pw}}  {p.text}"
        )
        for p in found
    ]
    sys.stdout.write("\n".join(out) + "\n")
