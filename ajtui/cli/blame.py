"""`aj blame FILE`: for every field, duty and result, the directive (or kinnitamata) that
introduced its current wording — what Riigi Teataja shows per provision."""

from __future__ import annotations

ORDER = 41


def add(sub) -> None:
    p = sub.add_parser(
        "blame",
        help="which directive introduced each wording",
        description="For every field, duty, result, paragraph and item of the description "
        "as it is now, the revision that introduced its current wording: a "
        "directive (or contract annex), kinnitamata for changes not approved, "
        "mustand for uncommitted ones. Renumbering keeps a wording; a changed "
        "word makes a new one.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.base.safetext import safe
    from ajtui.cli.common import err
    from ajtui.store.history import History, HistoryError

    try:
        with History(args.file) as h:
            lines = h.blame(args.file)
    except HistoryError as e:
        err(f"aj blame: {safe(str(e))}")
        return 2
    except Exception as e:  # the parser is imported only when a version is parsed
        from ajtui.base.errors import AjError

        if not isinstance(e, AjError):
            raise
        err(f"aj blame: {safe(str(e))}")
        return 2
    rows: list[dict] = [
        {
            "path": b.path,
            "line": b.line,
            "approval": b.revision.label,
            "approved": b.revision.approved,
            "number": b.revision.number,
            "date": b.revision.date_text,
            "annex": b.revision.annex,
            "sha": b.commit.sha if b.commit else None,
        }
        for b in lines
    ]
    import sys

    if args.format == "json":
        import json

        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max((len(r["approval"]) for r in rows), default=0)
    out = []
    for r in rows:
        sha = r["sha"][:7] if r["sha"] else "-------"
        out.append(f"{r['line']:>5}  {sha}  {safe(r['approval']):<{width}}  {safe(r['path'])}")
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 0
