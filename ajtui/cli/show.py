"""`aj show FILE`: the description as the official document, fitted to the terminal."""

from __future__ import annotations

import sys

ORDER = 30


def add(sub) -> None:
    from ajtui.cli._args import width

    p = sub.add_parser(
        "show",
        help="render a description like the official document",
        description="Render a .aj description like the paper document: the "
        "approval block, headings, the general part, and the duties "
        "with their expected results side by side.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--width", type=width, metavar="N", help="columns (default: the terminal's)")
    p.add_argument("--no-pager", action="store_true", help="accepted for scripts; no pager is used")
    p.add_argument(
        "--at",
        metavar="DD.MM.YYYY",
        help="the text in force on that day (from git: the approved revision "
        "that came into force last by then)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    if args.at is not None:
        return _run_at(args)
    from ajtui.base.errors import AjError, AjFileError, decode
    from ajtui.base.reading import ReadError, read_bytes
    from ajtui.cli import _kept

    try:
        data = read_bytes(args.file)
    except ReadError as e:
        from ajtui.cli.common import err

        err(str(AjFileError(e.message, args.file)))
        return 1
    blob = _kept.blob_id(data)
    record = _kept.lookup("show", (blob,), args.width)
    if record is not None:
        return _kept.replay(record)
    from ajtui.format.parser import loads

    try:
        doc = loads(decode(data, args.file), path=args.file)
    except AjError as e:
        from ajtui.cli.common import err

        err(str(e))
        return 1
    if doc.conflicts:
        from ajtui.base.safetext import safe_line
        from ajtui.cli.common import err

        first = doc.conflicts[0]
        n = len(doc.conflicts)
        err(
            f"{safe_line(args.file)}: {n} unresolved merge conflict{'s' if n != 1 else ''} "
            f"(first at line {first.start_line}): shown with ours' side "
            f"({safe_line(first.ours_label or 'ours')}); see `aj check`, `aj resolve`"
        )
    printed = _print(doc, args.width, keep=_kept.usable() and not doc.conflicts)
    if printed is not None:
        _kept.keep("show", (blob,), args.width, {"out": printed, "err": "", "code": 0})
    return 0


def _console(width: int | None):
    from ajtui.cli.common import printer

    return printer(width or None)


def _print(doc, width: int | None, heading: str | None = None, keep: bool = False) -> str | None:
    """Print the document (after a heading line); with `keep`, also return the text
    printed."""
    from ajtui.present.render import render_document
    from ajtui.present.styled import Text

    console = _console(width)
    parts = [] if heading is None else [Text(heading, style="bold")]
    if not keep:
        for part in parts:
            console.print(part, soft_wrap=True)
        console.print(render_document(doc, console.width))
        return None
    console.begin_capture()
    for part in parts:
        console.print(part, soft_wrap=True)
    console.print(render_document(doc, console.width))
    text = console.end_capture()
    sys.stdout.write(text)
    return text


def _run_at(args) -> int:
    """The revision in force on --at's day: its rendering kept by blob id when it was
    shown before off a terminal (ajtui.cli._kept), else parsed and rendered."""
    from ajtui.cli import _kept

    found = _at(args.file, args.at, args.width)
    if found is None:
        return 1
    heading, blob, body, text = found
    if body is not None:
        sys.stdout.write(heading + "\n" + body)
        return 0
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads

    try:
        doc = loads(text, path=args.file)
    except AjError as e:
        from ajtui.cli.common import err

        err(str(e))
        return 1
    keep = bool(blob) and _kept.usable() and not doc.conflicts
    printed = _print(doc, args.width, heading, keep=keep)
    if printed is not None and printed.startswith(heading + "\n"):  # never wrapped
        record = {"out": printed[len(heading) + 1 :], "err": "", "code": 0}
        _kept.keep("show", (blob,), args.width, record)
    return 0


def _at(file: str, when: str, width: int | None):
    """(a line saying which revision is in force on `when`, its blob id, its rendering
    kept from before or None, else its text), or None after saying why not."""
    from ajtui.base.dates import parse_date
    from ajtui.base.safetext import safe
    from ajtui.cli import UsageError, _kept
    from ajtui.store.history import History, HistoryError

    def err(message: str) -> None:  # cli.common (pathlib) only for a message
        from ajtui.cli.common import err as say

        say(message)

    day = parse_date(when.strip())
    if day is None:
        raise UsageError(f"--at: {safe(when)} is not a date (DD.MM.YYYY)")
    try:
        with History(file) as h:
            rev = h.in_force(file, day)
            if rev is None:
                err(
                    f"{safe(file)}: error: nothing was in force on {day:%d.%m.%Y} (no approved "
                    "revision had come into force)"
                )
                return None
            start = h.in_force_from(rev)
            c = rev.approving
            assert c is not None  # a revision in force is approved, by its first commit
            blob = c.blob
            record = _kept.lookup("show", (blob,), width) if blob else None
            body = record["out"] if record is not None and not record["code"] else None
            text = h.revision_text(rev) if body is None else None
    except HistoryError as e:
        err(f"aj show: {safe(str(e))}")
        return None
    heading = (
        f"{safe(rev.label)} — in force from {start:%d.%m.%Y}, commit {c.short}"
        f" (in force on {day:%d.%m.%Y})"
    )
    return heading, blob, body, text
