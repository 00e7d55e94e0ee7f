"""`aj show FILE`: the description as the official document, fitted to the terminal."""

from __future__ import annotations

ORDER = 30


def add(sub) -> None:
    from ._args import width

    p = sub.add_parser("show", help="render a description like the official document",
                       description="Render a .aj description like the paper document: the "
                                   "approval block, headings, the general part, and the duties "
                                   "with their expected results side by side.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--width", type=width, metavar="N",
                   help="columns (default: the terminal's)")
    p.add_argument("--no-pager", action="store_true", help="accepted for scripts; no pager is used")
    p.add_argument("--at", metavar="DD.MM.YYYY",
                   help="the text in force on that day (from git: the approved revision "
                        "that came into force last by then)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..parser import AjError, load
    from ..render import render_document
    from .common import err, stdout_console

    heading = None
    try:
        if args.at is not None:
            doc, heading = _at(args.file, args.at)
            if doc is None:
                return 1
        else:
            doc = load(args.file)
    except AjError as e:
        err(str(e))
        return 1
    console = stdout_console(width=args.width) if args.width else stdout_console()
    if heading is not None:
        from rich.text import Text

        console.print(Text(heading, style="bold"), soft_wrap=True)
    console.print(render_document(doc, console.width))
    return 0


def _at(file: str, when: str):
    """(the document in force on `when`, a line saying which revision), or (None, None)
    after saying why not."""
    from ..history import History, HistoryError
    from ..model import parse_date
    from ..parser import loads
    from ..safetext import safe
    from . import UsageError
    from .common import err

    day = parse_date(when.strip())
    if day is None:
        raise UsageError(f"--at: {safe(when)} is not a date (DD.MM.YYYY)")
    try:
        with History(file) as h:
            rev = h.in_force(file, day)
            if rev is None:
                err(f"{safe(file)}: error: nothing was in force on {day:%d.%m.%Y} (no approved "
                    "revision had come into force)")
                return None, None
            start = h.in_force_from(rev)
            text = h.revision_text(rev)
    except HistoryError as e:
        err(f"aj show: {safe(str(e))}")
        return None, None
    c = rev.approving
    heading = (f"{safe(rev.label)} — in force from {start:%d.%m.%Y}, commit {c.short}"
               f" (in force on {day:%d.%m.%Y})")
    return loads(text, path=file), heading
