"""`aj approve FILE… --number N --date DD.MM.YYYY [--annex K]`: write a directive's approval
into each description, commit them, and tag the commit for the directive."""

from __future__ import annotations

ORDER = 42


def add(sub) -> None:
    p = sub.add_parser(
        "approve",
        help="approve descriptions by a directive: header, commit, tag",
        description="Write the approval (kinnitatud: käskkirjaga, number, kuupäev, and lisa "
        "when --annex is given) into each FILE's header, commit exactly these "
        "files, and create an annotated git tag kaskkiri-N on that commit (signed "
        "when git has user.signingkey). The approved text is the text of that "
        "commit: later changes are unapproved until approved again. A file that "
        "cannot be read or changed is reported and left out; exit 1 then.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--number", required=True, metavar="N", help="the directive's number")
    p.add_argument("--date", required=True, metavar="DD.MM.YYYY", help="the directive's date")
    p.add_argument("--annex", metavar="K", help="the annex (lisa) of the directive")
    p.add_argument("--no-tag", action="store_true", help="commit without a tag")
    p.set_defaults(func=run)


def _one_line(value: str, what: str) -> str:
    from ajtui.cli import UsageError

    value = value.strip()
    if not value or "\n" in value or not value.isprintable():
        raise UsageError(f"--{what}: one line of text, please")
    return value


def run(args) -> int:
    from ajtui.base.dates import parse_date
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text
    from ajtui.base.safetext import safe
    from ajtui.cli import UsageError
    from ajtui.cli.common import err
    from ajtui.format.model import FieldSection
    from ajtui.format.vocabulary import DIRECTIVE, directive_label
    from ajtui.ops.edit import EditError, Editor
    from ajtui.store.history import History, HistoryError

    number = _one_line(args.number, "number")
    date = _one_line(args.date, "date")
    annex = _one_line(args.annex, "annex") if args.annex is not None else None
    if parse_date(date) is None:
        raise UsageError(f"--date: {safe(date)} is not a date (DD.MM.YYYY)")
    failed = 0
    edited: list[tuple[str, Editor]] = []
    for path in args.paths:
        try:
            ed = Editor(read_text(path), path=path)
            ed.set("ametijuhend.kinnitatud", DIRECTIVE)
            ed.set("ametijuhend.number", number)
            ed.set("ametijuhend.kuupäev", date)
            if annex is not None:
                ed.set("ametijuhend.lisa", annex)
            else:  # an annex of an earlier directive is not this one's
                sec = ed.doc.section("ametijuhend")
                assert isinstance(sec, FieldSection)  # set just above
                sec.fields = [f for f in sec.fields if f.key != "lisa"]
            edited.append((path, ed))
        except AjError as e:
            err(e.one_line())
            failed += 1
        except (EditError, ValueError) as e:
            err(f"{safe(path)}: error: {safe(str(e))}")
            failed += 1
    if not edited:
        return 1
    label = directive_label(number, date, annex)
    try:
        with History(edited[0][0]) as h:
            saved = []
            for path, ed in edited:
                try:
                    rel = h.relpath(path)
                    ed.save()
                    saved.append(rel)
                except (OSError, AjError, EditError, HistoryError) as e:
                    err(f"{safe(path)}: error: {safe(str(e))}")
                    failed += 1
            if not saved:
                return 1
            message = f"Kinnitatud: {label}\n\n" + "".join(f"{r}\n" for r in saved)
            sha = h.commit(saved, message)
            tag = None if args.no_tag else h.tag_directive(number, date, sha, saved)
    except HistoryError as e:
        err(f"aj approve: {safe(str(e))}")
        return 2
    import sys

    n = len(saved)
    sys.stdout.write(
        f"{safe(label)}: {n} description{'s' * (n != 1)} approved in commit "
        f"{sha[:10]}" + (f", tag {tag}" if tag else "") + "\n"
    )
    return 1 if failed else 0
