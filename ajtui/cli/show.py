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
    p.set_defaults(func=run)


def run(args) -> int:
    from ..parser import AjError, load
    from ..render import render_document
    from .common import err, stdout_console

    try:
        doc = load(args.file)
    except AjError as e:
        err(str(e))
        return 1
    console = stdout_console(width=args.width) if args.width else stdout_console()
    console.print(render_document(doc, console.width))
    return 0
