"""`aj directive N`: what directive N approves (from the history), one description a line;
`aj directive N --draft --to docx|pdf|html -o OUT`: the käskkiri's draft ("Kinnitan
järgmiste ametikohtade ametijuhendid: 1.1. … (lisa 1); …", ajtui.documents.draft)."""

from __future__ import annotations

ORDER = 43


def add(sub) -> None:
    p = sub.add_parser(
        "directive",
        help="what a directive approves; its draft (käskkiri) as Word, PDF or HTML",
        description="List the descriptions directive NR approved (the repository's history, "
        "as `aj log` shows it), each with its annex number. --draft writes the directive's "
        "text ready for the document register: 'Kinnitan järgmiste ametikohtade "
        "ametijuhendid: 1.1. … (lisa 1); …', each description's annex its own `lisa:` or its "
        "place in the directive. Nothing is written when a description is not valid.",
    )
    p.add_argument("number", metavar="NR")
    p.add_argument("--draft", action="store_true", help="write the directive's draft")
    p.add_argument("--to", choices=["docx", "pdf", "html"], help="with --draft (default docx)")
    p.add_argument("-o", "--output", metavar="OUT", help="with --draft: write here (atomically)")
    p.add_argument("--force", action="store_true", help="with -o: overwrite OUT when it exists")
    p.set_defaults(func=run)


def _norm(text: str) -> str:
    t = text.strip().lower()
    for prefix in ("käskkiri", "kaskkiri", "nr.", "nr"):
        t = t.removeprefix(prefix).strip()
    return t


def run(args) -> int:
    from ajtui.base.errors import AjError
    from ajtui.cli.common import err
    from ajtui.store.history import History, HistoryError

    if not args.draft and (args.to or args.output or args.force):
        err("aj directive: --to, -o and --force are for --draft")
        return 2
    try:
        with History(".") as h:
            found = [d for d in h.directives() if _norm(d.number) == _norm(args.number)]
            if not found:
                err(f"aj directive: no directive nr {args.number} in the history of {h.root}")
                return 2
            if not args.draft:
                _list(found)
                return 0
            return _draft(args, h, found)
    except (HistoryError, AjError) as e:
        err(f"aj directive: {e}")
        return 2


def _list(found) -> None:
    from ajtui.cli.common import say

    for d in found:
        say(d.label)
        for n, e in enumerate(d.entries, 1):
            annex = e.revision.annex or str(n)
            title = " ".join((e.revision.title or "").split())
            say(f"  lisa {annex}  {e.path}" + (f"  {title}" if title else ""))


def _draft(args, h, found) -> int:
    from ajtui.base.errors import AjError
    from ajtui.cli._changetable import refuse_invalid, write
    from ajtui.documents.draft import draft, render
    from ajtui.format.parser import loads

    args.to = args.to or "docx"
    d = found[0]  # newest first: one number used twice is drafted as the newest
    texts = [(e, h.revision_text(e.revision)) for e in d.entries]
    if refuse_invalid(
        [(f"{e.path} ({e.revision.label})", t) for e, t in texts], prog="aj directive"
    ):
        return 2
    items = []
    for e, text in texts:
        try:
            doc = loads(text, path=e.path)
        except AjError:  # checked above; an empty text
            doc = None
        items.append((doc, e.path, e.revision.annex))
    data = render(draft(d.number, d.date_text, items), args.to)
    return write(args, data, [str(h.root / e.path) for e in d.entries], prog="aj directive")
